package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.TestGateway;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page of another origin cannot change the gateway or call its models, even with a JSON body
 * it could send by other means: a POST, PUT, PATCH or DELETE carrying a foreign {@code Origin} is
 * refused with 403 in the route's format. The gateway's own UI, and callers that send no Origin
 * (SDKs, curl), pass.
 */
class ForeignOriginTest {

    private static final String EVIL = "https://attacker.example";

    @TempDir
    static Path dir;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = TestGateway.start(dir);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private static RawRequests.Response call(String method, String target, String origin, String body) {
        return RawRequests.send(gw.gateway().port(), method, target,
                Map.of("Origin", origin, "Content-Type", "application/json"), body);
    }

    private static String secretBody(String name) {
        return "{\"secret_name\": \"" + name + "\", \"secret_value\": {\"api_key\": \"sk-origin-test-0123456789\"}}";
    }

    private static String unique() {
        return "origin-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void a_foreign_page_cannot_create_a_secret() {
        String name = unique();

        RawRequests.Response response = call("POST", TestGateway.API + "secrets/create", EVIL, secretBody(name));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().at("/error_code").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(response.json().at("/message").asText()).contains("'" + EVIL + "'").contains("SWITCHBOARD_CORS_ORIGINS");
        assertThat(gw.api("GET", "secrets/list").body()).doesNotContain(name);
    }

    @Test
    void a_sandboxed_page_with_a_null_origin_cannot_delete_a_secret() {
        String id = gw.api("POST", "secrets/create", secretBody(unique())).text("/secret/secret_id");

        RawRequests.Response response = call("DELETE", TestGateway.API + "secrets/delete", "null",
                "{\"secret_id\": \"" + id + "\"}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(gw.api("GET", "secrets/list").body()).contains(id);
    }

    @Test
    void a_foreign_page_cannot_call_a_model_and_is_told_in_the_route_format() {
        RawRequests.Response response = call("POST", "/gateway/openai/v1/chat/completions", EVIL,
                "{\"model\": \"chat\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().at("/error/message").asText()).contains("'" + EVIL + "'");
    }

    @Test
    void the_gateways_own_ui_may_change_it() {
        String name = unique();

        RawRequests.Response response = call("POST", TestGateway.API + "secrets/create",
                "http://127.0.0.1:" + gw.gateway().port(), secretBody(name));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(gw.api("GET", "secrets/list").body()).contains(name);
    }

    @Test
    void a_caller_without_origin_may_change_it() {
        RawRequests.Response response = RawRequests.send(gw.gateway().port(), "POST", TestGateway.API + "secrets/create",
                Map.of("Content-Type", "application/json"), secretBody(unique()));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @Test
    void a_foreign_page_may_still_send_reads_whose_answers_its_browser_withholds() {
        RawRequests.Response response = RawRequests.send(gw.gateway().port(), "GET", TestGateway.API + "secrets/list",
                Map.of("Origin", EVIL));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("access-control-allow-origin")).isEmpty();
    }
}
