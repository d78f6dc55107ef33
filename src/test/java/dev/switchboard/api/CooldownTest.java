package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target that keeps failing cools down across the gateway: later calls go straight to the
 * fallback, the API and the metrics say so, and after the cooldown one call probes it again.
 */
class CooldownTest {

    private static final String CHAT = """
            {"model": "chat", "messages": [{"role": "user", "content": "Hi"}]}""";

    @TempDir
    Path dir;
    GatewayFixture fixture;

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void a_failing_target_is_skipped_while_it_cools_down_then_probed() throws Exception {
        fixture = GatewayFixture.start(dir, Map.of("SWITCHBOARD_COOLDOWN_FAILURES", "2",
                "SWITCHBOARD_COOLDOWN_SECONDS", "1"));
        FakeUpstream primary = fixture.upstream();
        FakeUpstream fallback = fixture.upstream();
        primary.setDefault(Reply.json(500, OpenAiBodies.error("down", "server_error", "server_error")));
        fallback.setDefault(Reply.echoModel());
        String primaryDefinition = fixture.definition(primary.baseUrl(), "primary-model");
        fixture.endpoint("chat", """
                [{"model_definition_id": "%s"},
                 {"model_definition_id": "%s", "linkage_type": "FALLBACK"}]"""
                .formatted(primaryDefinition, fixture.definition(fallback.baseUrl(), "fallback-model")), "");

        for (int i = 0; i < 2; i++) {
            assertThat(chat().headers().firstValue("x-switchboard-attempts")).hasValue("2");
        }
        assertThat(primary.requestCount()).isEqualTo(2);

        HttpResponse<String> skipping = chat();
        assertThat(skipping.statusCode()).isEqualTo(200);
        assertThat(skipping.body()).contains("model=fallback-model");
        assertThat(skipping.headers().firstValue("x-switchboard-attempts")).hasValue("1");
        assertThat(primary.requestCount()).isEqualTo(2);

        JsonNode status = fixture.gateway().api("GET", "targets/status").json().at("/targets/0");
        assertThat(status.get("model_definition_id").asText()).isEqualTo(primaryDefinition);
        assertThat(status.get("state").asText()).isEqualTo("cooling_down");
        assertThat(status.get("consecutive_failures").asInt()).isEqualTo(2);
        assertThat(Instant.ofEpochMilli(status.get("cooling_until").asLong())).isAfter(Instant.now().minusSeconds(5));
        String metrics = fixture.gateway().send("GET", "/metrics", null).body();
        assertThat(metrics).containsPattern("switchboard_target_cooling\\{[^}]*model_definition_id=\""
                + primaryDefinition + "\"[^}]*} 1\\.0")
                .containsPattern("switchboard_target_cooldowns_total\\{[^}]*} 1\\.0");

        // The provider recovers; once the cooldown is over, a call probes it and it is back.
        primary.setDefault(Reply.echoModel());
        awaitState("probing");
        HttpResponse<String> probe = chat();
        assertThat(probe.body()).contains("model=primary-model");
        assertThat(fixture.gateway().api("GET", "targets/status").json().get("targets")).isEmpty();
        assertThat(fixture.gateway().send("GET", "/metrics", null).body())
                .containsPattern("switchboard_target_cooling\\{[^}]*} 0\\.0");
    }

    @Test
    void a_gateway_with_cooldowns_off_tries_a_failing_target_every_time() throws Exception {
        fixture = GatewayFixture.start(dir, Map.of("SWITCHBOARD_COOLDOWN_FAILURES", "0"));
        FakeUpstream primary = fixture.upstream();
        FakeUpstream fallback = fixture.upstream();
        primary.setDefault(Reply.json(503, OpenAiBodies.error("down", "server_error", "server_error")));
        fallback.setDefault(Reply.echoModel());
        fixture.endpoint("chat", """
                [{"model_definition_id": "%s"},
                 {"model_definition_id": "%s", "linkage_type": "FALLBACK"}]"""
                .formatted(fixture.definition(primary.baseUrl(), "primary-model"),
                        fixture.definition(fallback.baseUrl(), "fallback-model")), "");
        for (int i = 0; i < 8; i++) {
            assertThat(chat().statusCode()).isEqualTo(200);
        }
        assertThat(primary.requestCount()).isEqualTo(8);
    }

    private HttpResponse<String> chat() {
        return fixture.exchange("POST", "/gateway/openai/v1/chat/completions", CHAT);
    }

    /** Waits (up to a minute; a cooldown of one second ends long before) for the target's state. */
    private void awaitState(String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!fixture.gateway().api("GET", "targets/status").json().at("/targets/0/state").asText().equals(state)) {
            assertThat(System.nanoTime()).as("the target never reached " + state).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
