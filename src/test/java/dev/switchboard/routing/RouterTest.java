package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.Credentials;
import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.Target;
import dev.switchboard.provider.Timeouts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static Target target(String model) {
        return new Target("d-" + model, model, "openai", model,
                Optional.of(new Credentials(Map.of("api_key", "sk-test"))), Map.of(), Optional.empty());
    }

    private static Target orphan(String model) {
        return new Target("d-" + model, model, "openai", model, Optional.empty(), Map.of(),
                Optional.of("model definition '" + model + "' has no API key (its secret was deleted)"));
    }

    private static EndpointSnapshot endpoint(List<Target> primaries, List<Integer> percentages,
                                             List<Target> fallbacks, int maxFallbacks) {
        return new EndpointSnapshot("e-1", "chat", primaries, percentages, fallbacks, maxFallbacks, Timeouts.DEFAULT, 0);
    }

    @Test
    void splits_traffic_by_percentage_within_one_and_a_half_points_over_ten_thousand_draws() {
        EndpointSnapshot split = endpoint(List.of(target("a"), target("b"), target("c")), List.of(60, 30, 10),
                List.of(), 0);
        Random random = new Random(20261125L);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            counts.merge(Router.plan(split, random).getFirst().modelName(), 1, Integer::sum);
        }
        assertThat(counts.get("a") / 100.0).isCloseTo(60.0, org.assertj.core.data.Offset.offset(1.5));
        assertThat(counts.get("b") / 100.0).isCloseTo(30.0, org.assertj.core.data.Offset.offset(1.5));
        assertThat(counts.get("c") / 100.0).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1.5));
    }

    @Test
    void plans_the_pick_then_the_fallbacks_in_order_up_to_max_attempts() {
        EndpointSnapshot e = endpoint(List.of(target("a")), List.of(100),
                List.of(target("f0"), target("f1"), target("f2")), 2);

        assertThat(Router.plan(e, new Random(1))).extracting(Target::modelName)
                .containsExactly("a", "f0", "f1");
    }

    @Test
    void skips_targets_without_a_key_and_sends_all_traffic_to_the_usable_primaries() {
        EndpointSnapshot e = endpoint(List.of(orphan("a"), target("b")), List.of(90, 10),
                List.of(orphan("f0"), target("f1")), 2);
        Random random = new Random(7);
        for (int i = 0; i < 100; i++) {
            assertThat(Router.plan(e, random)).extracting(Target::modelName).containsExactly("b", "f1");
        }
    }

    @Test
    void falls_straight_to_the_fallbacks_when_no_primary_is_usable() {
        EndpointSnapshot e = endpoint(List.of(orphan("a")), List.of(100), List.of(target("f0")), 1);

        assertThat(Router.plan(e, new Random(1))).extracting(Target::modelName).containsExactly("f0");
    }

    @Test
    void says_why_when_nothing_is_usable() {
        EndpointSnapshot e = endpoint(List.of(orphan("a")), List.of(100), List.of(), 0);

        assertThatThrownBy(() -> Router.plan(e, new Random(1)))
                .isInstanceOf(GatewayException.NoUsableTarget.class)
                .hasMessageContaining("Endpoint 'chat' has no usable target")
                .hasMessageContaining("has no API key");
    }
}
