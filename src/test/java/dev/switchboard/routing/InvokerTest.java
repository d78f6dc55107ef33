package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.Credentials;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.RetryPolicy;
import dev.switchboard.provider.Caller;
import dev.switchboard.provider.Target;
import dev.switchboard.provider.Timeouts;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InvokerTest {

    private final Invoker invoker = new Invoker(() -> new Random(3));
    private final EndpointSnapshot endpoint = new EndpointSnapshot("e-1", "chat", List.of(target("a")), List.of(100),
            List.of(target("b"), target("c")), 2, Timeouts.DEFAULT, 0);

    private static Target target(String model) {
        return new Target("d-" + model, model, "openai", model,
                Optional.of(new Credentials(Map.of("api_key", "sk-test"))), Map.of(), Optional.empty());
    }

    private static GatewayException.Upstream status(int code) {
        return new GatewayException.Upstream(code, "upstream says " + code, OpenAiChatFormat.INSTANCE, new byte[0],
                "application/json");
    }

    @Test
    void falls_back_on_429_5xx_408_timeouts_and_connection_errors() {
        for (GatewayException failure : List.of(status(429), status(500), status(503), status(408),
                new GatewayException.UpstreamTimeout("Timed out"),
                new GatewayException.UpstreamUnavailable("Connection refused", null))) {
            List<String> tried = new ArrayList<>();
            var outcome = invoker.run(endpoint, Caller.none(), call -> {
                tried.add(call.target().modelName());
                if (tried.size() == 1) {
                    throw failure;
                }
                return "ok from " + call.target().modelName();
            });
            assertThat(outcome.value()).isEqualTo("ok from b");
            assertThat(outcome.attempts()).isEqualTo(2);
            assertThat(tried).containsExactly("a", "b");
        }
    }

    @Test
    void returns_other_client_errors_at_once_without_trying_the_fallbacks() {
        List<String> tried = new ArrayList<>();

        assertThatThrownBy(() -> invoker.run(endpoint, Caller.none(), call -> {
            tried.add(call.target().modelName());
            throw status(400);
        })).isInstanceOf(GatewayException.Upstream.class).hasMessage("upstream says 400");
        assertThat(tried).containsExactly("a");
    }

    @Test
    void names_every_attempt_when_all_fail_and_keeps_the_last_status() {
        assertThatThrownBy(() -> invoker.run(endpoint, Caller.none(), call -> {
            throw call.target().modelName().equals("c") ? status(429) : status(503);
        })).isInstanceOf(GatewayException.AllAttemptsFailed.class)
                .hasMessage("All 3 attempts for endpoint 'chat' failed: 1) openai/a: HTTP 503: upstream says 503; "
                        + "2) openai/b: HTTP 503: upstream says 503; 3) openai/c: HTTP 429: upstream says 429")
                .satisfies(e -> assertThat(((GatewayException) e).status()).isEqualTo(429));
    }

    @Test
    void a_single_target_failure_is_returned_as_it_was() {
        EndpointSnapshot single = new EndpointSnapshot("e-2", "solo", List.of(target("a")), List.of(100), List.of(), 0,
                Timeouts.DEFAULT, 0);

        assertThatThrownBy(() -> invoker.run(single, Caller.none(), call -> {
            throw status(429);
        })).isInstanceOf(GatewayException.Upstream.class).hasMessage("upstream says 429");
    }

    @Test
    void retries_the_same_target_with_the_policys_waits_before_moving_on() {
        List<Duration> waits = new ArrayList<>();
        Invoker retrying = new Invoker(() -> new Random(3), AttemptObserver.NONE, (delay, caller) -> waits.add(delay));
        EndpointSnapshot twice = new EndpointSnapshot("e-3", "retried", List.of(target("a")), List.of(100),
                List.of(target("b")), 1, Timeouts.DEFAULT, 0, true,
                new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(1)));
        List<String> tried = new ArrayList<>();

        var outcome = retrying.run(twice, Caller.none(), call -> {
            tried.add(call.target().modelName());
            if (tried.size() <= 3) {
                throw status(503);
            }
            return "ok from " + call.target().modelName();
        });

        assertThat(tried).containsExactly("a", "a", "a", "b");
        assertThat(outcome.value()).isEqualTo("ok from b");
        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0).toMillis()).isBetween(50L, 100L);
        assertThat(waits.get(1).toMillis()).isBetween(100L, 200L);
    }

    @Test
    void a_caller_gone_during_a_wait_ends_the_walk() {
        Caller caller = Caller.none();
        Invoker retrying = new Invoker(() -> new Random(3), AttemptObserver.NONE, (delay, c) -> c.hangUp());
        EndpointSnapshot twice = new EndpointSnapshot("e-4", "retried", List.of(target("a")), List.of(100),
                List.of(target("b")), 1, Timeouts.DEFAULT, 0, true,
                new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(1)));
        List<String> tried = new ArrayList<>();

        assertThatThrownBy(() -> retrying.run(twice, caller, call -> {
            tried.add(call.target().modelName());
            throw status(503);
        })).isInstanceOf(GatewayException.CallerGone.class);
        assertThat(tried).containsExactly("a");
    }

    @Test
    void the_sleeping_pause_wakes_early_when_the_caller_leaves() throws Exception {
        Caller caller = Caller.none();
        Thread sleeper = Thread.ofVirtual().start(() -> Invoker.Pause.SLEEP.pause(Duration.ofMinutes(10), caller));
        caller.hangUp();
        sleeper.join(Duration.ofMinutes(1));
        assertThat(sleeper.isAlive()).isFalse();
    }
}
