package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.switchboard.TestGateway;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DNS rebinding: a page whose name resolves to the gateway reaches it with its own name as Host.
 * Every route but {@code /health} answers such a request 421 in its own error format; the names
 * the gateway is reached by, and those in {@code SWITCHBOARD_ALLOWED_HOSTS}, pass.
 */
class AllowedHostsTest {

    private static final String EVIL = "rebind.attacker.example";

    @TempDir
    static Path dir;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = TestGateway.start(dir, Map.of("SWITCHBOARD_KEK_PASSPHRASE", TestGateway.PASSPHRASE,
                "SWITCHBOARD_ALLOWED_HOSTS", "gw.example.com"));
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private static RawRequests.Response get(String target, String host) {
        return RawRequests.send(gw.gateway().port(), "GET", target, Map.of("Host", host));
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                arguments("GET", TestGateway.API + "secrets/list", "/message"),
                arguments("GET", "/ajax-api/3.0/mlflow/gateway/endpoints/list", "/message"),
                arguments("POST", TestGateway.API + "secrets/create", "/message"),
                arguments("POST", "/gateway/openai/v1/chat/completions", "/error/message"),
                arguments("GET", "/gateway/openai/v1/models", "/error/message"),
                arguments("POST", "/gateway/anthropic/v1/messages", "/error/message"),
                arguments("POST", "/gateway/gemini/v1beta/models/chat:generateContent", "/error/message"),
                arguments("POST", "/gateway/chat/mlflow/invocations", "/detail"),
                arguments("GET", "/", "/message"),
                arguments("GET", "/metrics", "/message"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("routes")
    void a_host_the_gateway_does_not_know_is_refused_with_421_in_the_route_format(String method, String target,
                                                                                  String message) {
        RawRequests.Response response = RawRequests.send(gw.gateway().port(), method, target,
                Map.of("Host", EVIL + ":" + gw.gateway().port(), "Content-Type", "application/json"),
                method.equals("POST") ? "{}" : "");

        assertThat(response.status()).isEqualTo(421);
        assertThat(response.json().at(message).asText())
                .contains("'" + EVIL + ":" + gw.gateway().port() + "'").contains("SWITCHBOARD_ALLOWED_HOSTS");
    }

    @Test
    void the_management_api_answers_421_with_mlflow_error_code() {
        RawRequests.Response response = get(TestGateway.API + "secrets/list", EVIL);

        assertThat(response.json().at("/error_code").asText()).isEqualTo("BAD_REQUEST");
    }

    @Test
    void loopback_names_and_configured_names_are_answered() {
        for (String host : new String[] {"127.0.0.1:" + gw.gateway().port(), "localhost:" + gw.gateway().port(),
                "[::1]:" + gw.gateway().port(), "gw.example.com", "gw.example.com:443"}) {
            assertThat(get(TestGateway.API + "secrets/list", host).status()).as(host).isEqualTo(200);
        }
    }

    @Test
    void health_answers_whatever_the_host_so_load_balancers_and_probes_need_no_setting() {
        RawRequests.Response response = get("/health", EVIL);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"OK\"}");
    }

    @Test
    void a_request_without_a_host_header_is_refused_before_routing() {
        RawRequests.Response response = RawRequests.send(gw.gateway().port(), "GET", TestGateway.API + "secrets/list",
                java.util.Collections.singletonMap("Host", null));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("secrets");
    }
}
