package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.TestGateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CORS is off unless {@code SWITCHBOARD_CORS_ORIGINS} names origins: then a preflight from one of
 * them is answered with what may be sent, and its requests' answers carry
 * {@code Access-Control-Allow-Origin} so its page can read them; other origins get nothing.
 */
class CorsTest {

    private static final String APP = "https://app.example.com";
    private static final String EVIL = "https://attacker.example";

    @TempDir
    static Path dir;
    static TestGateway plain;
    static TestGateway configured;

    @BeforeAll
    static void start() throws IOException {
        plain = TestGateway.start(Files.createDirectories(dir.resolve("plain")));
        configured = TestGateway.start(Files.createDirectories(dir.resolve("configured")), Map.of(
                "SWITCHBOARD_KEK_PASSPHRASE", TestGateway.PASSPHRASE, "SWITCHBOARD_CORS_ORIGINS", APP + ", http://localhost:3000"));
    }

    @AfterAll
    static void stop() {
        plain.close();
        configured.close();
    }

    private static RawRequests.Response preflight(TestGateway gw, String target, String origin, String method, String headers) {
        return RawRequests.send(gw.gateway().port(), "OPTIONS", target, Map.of("Origin", origin,
                "Access-Control-Request-Method", method, "Access-Control-Request-Headers", headers));
    }

    private static String secretBody() {
        return "{\"secret_name\": \"cors-" + UUID.randomUUID().toString().substring(0, 8)
                + "\", \"secret_value\": {\"api_key\": \"sk-cors-test-0123456789\"}}";
    }

    @Test
    void without_configured_origins_no_response_carries_cors_headers() {
        RawRequests.Response preflight = preflight(plain, TestGateway.API + "secrets/create", APP, "POST", "content-type");
        RawRequests.Response read = RawRequests.send(plain.gateway().port(), "GET", TestGateway.API + "secrets/list",
                Map.of("Origin", APP));

        assertThat(preflight.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
    }

    @Test
    void a_preflight_from_a_configured_origin_is_answered_with_what_it_may_send() {
        RawRequests.Response response = preflight(configured, TestGateway.API + "secrets/create", APP, "POST",
                "content-type, x-request-id");

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.header("access-control-allow-origin")).hasValue(APP);
        assertThat(response.header("access-control-allow-methods")).hasValueSatisfying(v ->
                assertThat(v).contains("POST", "PATCH", "DELETE"));
        assertThat(response.header("access-control-allow-headers")).hasValue("content-type, x-request-id");
        assertThat(response.header("access-control-max-age")).isPresent();
        assertThat(response.header("vary")).hasValueSatisfying(v -> assertThat(v).contains("Origin"));
        assertThat(response.header("access-control-allow-credentials")).isEmpty();
    }

    @Test
    void a_preflight_for_an_sdk_in_a_browser_page_lists_its_headers() {
        RawRequests.Response response = preflight(configured, "/gateway/anthropic/v1/messages", "http://localhost:3000",
                "POST", "anthropic-version,content-type,x-api-key,anthropic-dangerous-direct-browser-access");

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.header("access-control-allow-origin")).hasValue("http://localhost:3000");
        assertThat(response.header("access-control-allow-headers"))
                .hasValue("anthropic-version,content-type,x-api-key,anthropic-dangerous-direct-browser-access");
    }

    @Test
    void a_preflight_from_a_public_page_to_a_private_address_is_allowed_for_a_configured_origin() {
        RawRequests.Response response = RawRequests.send(configured.gateway().port(), "OPTIONS", "/gateway/openai/v1/models",
                Map.of("Origin", APP, "Access-Control-Request-Method", "GET",
                        "Access-Control-Request-Private-Network", "true"));

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.header("access-control-allow-private-network")).hasValue("true");
    }

    @Test
    void a_requested_header_list_that_is_not_header_names_is_not_echoed() {
        RawRequests.Response response = preflight(configured, TestGateway.API + "secrets/create", APP, "POST",
                "content-type, <script>");

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.header("access-control-allow-headers")).isEmpty();
    }

    @Test
    void a_star_allows_every_origin() throws IOException {
        try (TestGateway any = TestGateway.start(Files.createDirectories(dir.resolve("any")), Map.of(
                "SWITCHBOARD_KEK_PASSPHRASE", TestGateway.PASSPHRASE, "SWITCHBOARD_CORS_ORIGINS", "*"))) {
            RawRequests.Response response = preflight(any, TestGateway.API + "secrets/create", EVIL, "POST", "content-type");

            assertThat(response.status()).isEqualTo(204);
            assertThat(response.header("access-control-allow-origin")).hasValue("*");
        }
    }

    @Test
    void a_preflight_from_another_origin_is_refused_without_cors_headers() {
        RawRequests.Response response = preflight(configured, TestGateway.API + "secrets/create", EVIL, "POST",
                "content-type");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("access-control-allow-origin")).isEmpty();
        assertThat(response.json().at("/message").asText()).contains("'" + EVIL + "'").contains("SWITCHBOARD_CORS_ORIGINS");
    }

    @Test
    void answers_to_a_configured_origin_name_it_and_expose_the_routing_headers() {
        RawRequests.Response created = RawRequests.send(configured.gateway().port(), "POST", TestGateway.API + "secrets/create",
                Map.of("Origin", APP, "Content-Type", "application/json"), secretBody());

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.header("access-control-allow-origin")).hasValue(APP);
        assertThat(created.header("vary")).hasValueSatisfying(v -> assertThat(v).contains("Origin"));
        assertThat(created.header("access-control-expose-headers")).hasValueSatisfying(v ->
                assertThat(v).contains("x-switchboard-target", "x-switchboard-attempts"));
    }

    @Test
    void errors_too_so_the_page_can_read_what_went_wrong() {
        RawRequests.Response missing = RawRequests.send(configured.gateway().port(), "GET",
                TestGateway.API + "secrets/get?secret_name=nope", Map.of("Origin", APP));

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("access-control-allow-origin")).hasValue(APP);
    }

    @Test
    void answers_to_another_origin_carry_no_allow_origin() {
        RawRequests.Response read = RawRequests.send(configured.gateway().port(), "GET", TestGateway.API + "secrets/list",
                Map.of("Origin", EVIL));

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("access-control-allow-origin")).isEmpty();
    }
}
