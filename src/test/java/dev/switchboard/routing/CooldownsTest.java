package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.Credentials;
import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.Target;
import dev.switchboard.provider.Timeouts;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CooldownsTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);
    private final List<String> cooled = new ArrayList<>();
    private final Cooldowns cooldowns = new Cooldowns(new Cooldowns.Settings(3, Duration.ofSeconds(30)),
            (target, cooling) -> cooled.add(target.definitionId()), nanos::get, millis::get);
    private final Target a = target("a");
    private final Target b = target("b");
    private final EndpointSnapshot endpoint = new EndpointSnapshot("e-1", "chat", List.of(a), List.of(100),
            List.of(b), 1, Timeouts.DEFAULT, 0);

    private static Target target(String model) {
        return new Target("d-" + model, model, "openai", model,
                Optional.of(new Credentials(Map.of("api_key", "sk-test"))), Map.of(), Optional.empty());
    }

    private static GatewayException status(int code) {
        return new GatewayException.Upstream(code, "upstream says " + code, OpenAiChatFormat.INSTANCE, new byte[0],
                "application/json");
    }

    private void fail(Target target, GatewayException failure) {
        cooldowns.start(endpoint, target, 1).failed(failure);
    }

    private void succeed(Target target) {
        cooldowns.start(endpoint, target, 1).succeeded();
    }

    private void later(Duration by) {
        nanos.addAndGet(by.toNanos());
        millis.addAndGet(by.toMillis());
    }

    private List<String> plan() {
        return Router.plan(endpoint, new Random(1), cooldowns::coolingDown).stream().map(Target::modelName).toList();
    }

    @Test
    void a_target_that_fails_in_a_row_is_left_out_of_plans_until_its_cooldown_ends() {
        fail(a, status(503));
        fail(a, new GatewayException.UpstreamTimeout("Timed out"));
        assertThat(plan()).containsExactly("a", "b");
        fail(a, new GatewayException.UpstreamUnavailable("Connection refused", null));

        assertThat(cooled).containsExactly("d-a");
        assertThat(plan()).containsExactly("b");
        assertThat(cooldowns.states()).containsExactly(new Cooldowns.State("d-a", "openai", "a",
                Cooldowns.Phase.COOLING_DOWN, 3, millis.get() + 30_000));
        later(Duration.ofSeconds(29));
        assertThat(plan()).containsExactly("b");
        later(Duration.ofSeconds(1));
        assertThat(plan()).containsExactly("a", "b");
        assertThat(cooldowns.states().getFirst().phase()).isEqualTo(Cooldowns.Phase.PROBING);
    }

    @Test
    void after_the_cooldown_one_call_probes_and_its_success_brings_the_target_back() {
        for (int i = 0; i < 3; i++) {
            fail(a, status(429));
        }
        later(Duration.ofSeconds(30));
        AttemptObserver.Scope probe = cooldowns.start(endpoint, a, 1);
        assertThat(plan()).as("while the probe is out, others leave the target alone").containsExactly("b");

        probe.succeeded();

        assertThat(plan()).containsExactly("a", "b");
        assertThat(cooldowns.states()).isEmpty();
    }

    @Test
    void a_failed_probe_cools_the_target_down_again_at_once() {
        for (int i = 0; i < 3; i++) {
            fail(a, status(500));
        }
        later(Duration.ofSeconds(30));
        fail(a, status(502));

        assertThat(cooled).containsExactly("d-a", "d-a");
        assertThat(plan()).containsExactly("b");
        assertThat(cooldowns.states().getFirst().consecutiveFailures()).isEqualTo(4);
    }

    @Test
    void a_probe_whose_caller_left_lets_the_next_call_probe() {
        for (int i = 0; i < 3; i++) {
            fail(a, status(500));
        }
        later(Duration.ofSeconds(30));
        cooldowns.start(endpoint, a, 1).failed(new GatewayException.CallerGone());

        assertThat(plan()).containsExactly("a", "b");
    }

    @Test
    void an_answer_showing_the_provider_is_up_ends_the_run_of_failures() {
        fail(a, status(500));
        fail(a, status(500));
        fail(a, status(400));
        fail(a, status(500));
        fail(a, status(500));
        assertThat(plan()).containsExactly("a", "b");
        succeed(a);
        fail(a, status(500));
        fail(a, status(500));
        assertThat(plan()).containsExactly("a", "b");
        assertThat(cooled).isEmpty();
    }

    @Test
    void a_plan_is_never_emptied_by_cooldowns() {
        for (int i = 0; i < 3; i++) {
            fail(a, status(500));
            fail(b, status(500));
        }
        assertThat(plan()).containsExactly("a", "b");
    }

    @Test
    void targets_are_shared_by_every_endpoint_that_routes_to_them() {
        EndpointSnapshot other = new EndpointSnapshot("e-2", "other", List.of(a), List.of(100), List.of(b), 1,
                Timeouts.DEFAULT, 0);
        for (int i = 0; i < 3; i++) {
            cooldowns.start(other, a, 1).failed(status(503));
        }
        assertThat(plan()).containsExactly("b");
    }

    @Test
    void off_when_failures_is_zero_and_settings_come_from_the_environment() {
        Cooldowns off = new Cooldowns(Cooldowns.Settings.OFF, Cooldowns.Listener.NONE);
        for (int i = 0; i < 10; i++) {
            off.start(endpoint, a, 1).failed(status(500));
        }
        assertThat(off.coolingDown(a)).isFalse();
        assertThat(Cooldowns.Settings.fromEnv(Map.of())).isEqualTo(Cooldowns.Settings.DEFAULT);
        assertThat(Cooldowns.Settings.fromEnv(Map.of("SWITCHBOARD_COOLDOWN_FAILURES", "2",
                "SWITCHBOARD_COOLDOWN_SECONDS", "5"))).isEqualTo(new Cooldowns.Settings(2, Duration.ofSeconds(5)));
        assertThatThrownBy(() -> Cooldowns.Settings.fromEnv(Map.of("SWITCHBOARD_COOLDOWN_FAILURES", "-1")))
                .hasMessage("SWITCHBOARD_COOLDOWN_FAILURES must be a whole number, 0 or more; got '-1'");
    }
}
