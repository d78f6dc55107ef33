package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call no target served still says which target failed it: the routing headers come with the
 * error on the invocation routes, the provider-shaped ones and the raw proxy, while the error body
 * keeps its surface's own shape. "broken" has
 * one target answering 500; "refused" one whose port refuses connections; "both-down" a primary
 * answering 503 and a fallback refusing connections.
 */
class FailureHeadersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HELLO = "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}";

    @TempDir
    static Path dir;
    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(dir);
        FakeUpstream failing = fixture.upstream();
        failing.setDefault(Reply.json(500, OpenAiBodies.error("upstream exploded", "server_error", "boom")));
        String refusedBase = "http://127.0.0.1:" + FakeUpstream.refusedPort();
        fixture.endpoint("broken", fixture.definition(failing.baseUrl(), "exploding-model"));
        fixture.endpoint("refused", fixture.definition(refusedBase, "unreachable-model"));
        FakeUpstream overloaded = fixture.upstream();
        overloaded.setDefault(Reply.json(503, OpenAiBodies.error("overloaded", "server_error", "busy")));
        fixture.endpoint("both-down", """
                [{"model_definition_id": "%s", "linkage_type": "PRIMARY"},
                 {"model_definition_id": "%s", "linkage_type": "FALLBACK", "fallback_order": 0}]"""
                .formatted(fixture.definition(overloaded.baseUrl(), "busy-model"),
                        fixture.definition(refusedBase, "last-model")), "");
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aFailingUpstreamIsNamedOnTheInvocationsRoute() throws Exception {
        HttpResponse<String> response = fixture.exchange("POST", "/gateway/broken/mlflow/invocations", HELLO);

        assertThat(response.statusCode()).isEqualTo(500);
        assertNames(response, "broken", "custom/exploding-model", "1");
        // MLflow's own error shape, as before.
        assertThat(json(response).path("detail").asText()).contains("upstream exploded");
    }

    @Test
    void aRefusedConnectionIsNamedOnTheOpenAiRoute() throws Exception {
        HttpResponse<String> response = fixture.exchange("POST", "/gateway/openai/v1/chat/completions",
                "{\"model\": \"refused\", " + HELLO.substring(1));

        assertThat(response.statusCode()).isGreaterThanOrEqualTo(500);
        assertNames(response, "refused", "custom/unreachable-model", "1");
        assertThat(json(response).path("error").path("message").asText()).isNotBlank();
    }

    @Test
    void aStreamThatFailsBeforeItsFirstByteIsNamed() throws Exception {
        HttpResponse<String> response = fixture.exchange("POST", "/gateway/openai/v1/chat/completions",
                "{\"model\": \"broken\", \"stream\": true, " + HELLO.substring(1));

        assertThat(response.statusCode()).isEqualTo(500);
        assertNames(response, "broken", "custom/exploding-model", "1");
        assertThat(json(response).path("error").path("message").asText()).contains("upstream exploded");
    }

    @Test
    void theAnthropicRouteNamesTheTargetAndKeepsItsErrorShape() throws Exception {
        HttpResponse<String> response = fixture.exchange("POST", "/gateway/anthropic/v1/messages",
                "{\"model\": \"broken\", \"max_tokens\": 16, " + HELLO.substring(1));

        assertThat(response.statusCode()).isEqualTo(500);
        assertNames(response, "broken", "custom/exploding-model", "1");
        assertThat(json(response).path("type").asText()).isEqualTo("error");
        assertThat(json(response).path("error").path("message").asText()).contains("upstream exploded");
    }

    @Test
    void whenEveryTargetFailsTheLastOneTriedIsNamed() throws Exception {
        HttpResponse<String> response = fixture.exchange("POST", "/gateway/both-down/mlflow/invocations", HELLO);

        assertThat(response.statusCode()).isGreaterThanOrEqualTo(500);
        assertNames(response, "both-down", "custom/last-model", "2");
        assertThat(json(response).path("detail").asText()).contains("All 2 attempts for endpoint 'both-down' failed");
    }

    @Test
    void theRawProxyNamesATargetItCouldNotReach() throws Exception {
        HttpResponse<String> response = fixture.exchange("GET", "/gateway/proxy/refused/models", null);

        assertThat(response.statusCode()).isGreaterThanOrEqualTo(500);
        assertNames(response, "refused", "custom/unreachable-model", "1");
        assertThat(json(response).path("error").path("message").asText()).isNotBlank();
    }

    @Test
    void aCallThatFoundNoEndpointNamesNone() throws Exception {
        HttpResponse<String> response = fixture.exchange("POST", "/gateway/missing/mlflow/invocations", HELLO);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-switchboard-endpoint")).isEmpty();
        assertThat(response.headers().firstValue("x-switchboard-target")).isEmpty();
        assertThat(response.headers().firstValue("x-switchboard-attempts")).isEmpty();
    }

    private static void assertNames(HttpResponse<String> response, String endpoint, String target, String attempts) {
        assertThat(response.headers().firstValue("x-switchboard-endpoint")).as(response.body()).hasValue(endpoint);
        assertThat(response.headers().firstValue("x-switchboard-target")).hasValue(target);
        assertThat(response.headers().firstValue("x-switchboard-attempts")).hasValue(attempts);
        // Only a served call has a cost to report.
        assertThat(response.headers().firstValue("x-switchboard-overhead-ms")).isEmpty();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
