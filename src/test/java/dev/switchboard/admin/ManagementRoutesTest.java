package dev.switchboard.admin;

import static dev.switchboard.admin.AdminFixtures.assertError;
import static dev.switchboard.admin.AdminFixtures.ok;
import static dev.switchboard.admin.AdminFixtures.unique;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.TestGateway;
import dev.switchboard.TestGateway.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The management API's route table over HTTP: both prefixes, wrong methods, unknown paths,
 * oversized bodies and unreadable query strings.
 */
class ManagementRoutesTest {

    private static final String AJAX = "/ajax-api/3.0/mlflow/gateway/";
    private static final int ONE_MIB = 1024 * 1024;

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

    /** The production route table; its services are never called here. */
    private static List<AdminRoute> routes() {
        return new ManagementApi(null, null, null, null, null).routes();
    }

    @Test
    void serves_every_route_under_both_prefixes_and_never_answers_500_to_an_empty_call() {
        assertThat(routes()).hasSizeGreaterThanOrEqualTo(25);
        for (AdminRoute route : routes()) {
            for (String prefix : route.base().prefixes()) {
                Response response = gw.send(route.method(), prefix + route.path(),
                        route.method().equals("GET") ? null : "{}");

                assertThat(response.status()).as("%s %s%s -> %s", route.method(), prefix, route.path(), response.body())
                        .isIn(200, 400, 404);
                assertThat(response.json().path("error_code").asText()).as("%s %s", route.method(), route.path())
                        .isNotEqualTo("ENDPOINT_NOT_FOUND");
            }
        }
    }

    @Test
    void the_ajax_prefix_reads_and_writes_the_same_configuration() {
        String secretId = ok(gw.send("POST", AJAX + "secrets/create", """
                {"secret_name": "%s", "secret_value": "sk-ajax-0123456789"}
                """.formatted(unique("ajax")))).text("/secret/secret_id");
        String definitionId = ok(gw.send("POST", AJAX + "model-definitions/create", """
                {"name": "%s", "secret_id": "%s", "provider": "openai", "model_name": "gpt-4o"}
                """.formatted(unique("ajax"), secretId))).text("/model_definition/model_definition_id");
        String name = unique("ajax");
        JsonNode created = ok(gw.send("POST", AJAX + "endpoints/create", """
                {"name": "%s", "model_configs": [{"model_definition_id": "%s"}]}
                """.formatted(name, definitionId))).json();
        ok(gw.send("PATCH", AJAX + "endpoints/update", """
                {"endpoint_id": "%s", "usage_tracking": false}
                """.formatted(created.at("/endpoint/endpoint_id").asText())));

        JsonNode viaApi = ok(gw.api("GET", "endpoints/get?name=" + name)).json();
        JsonNode viaAjax = ok(gw.send("GET", AJAX + "endpoints/get?name=" + name, null)).json();

        assertThat(viaAjax).isEqualTo(viaApi);
        assertThat(viaApi.at("/endpoint/usage_tracking").asBoolean()).isFalse();
        assertThat(ok(gw.send("GET", AJAX + "secrets/get?secret_id=" + secretId, null))
                .text("/secret/masked_values/api_key")).isEqualTo("sk-...6789");
    }

    @Test
    void answers_405_to_the_wrong_method_on_a_known_path() {
        assertError(gw.api("GET", "secrets/create"), 405, "BAD_REQUEST").contains("GET");
        assertError(gw.api("POST", "secrets/list", "{}"), 405, "BAD_REQUEST").contains("POST");
        assertError(gw.api("PUT", "endpoints/update", "{}"), 405, "BAD_REQUEST");
        assertError(gw.send("DELETE", AJAX + "endpoints/get", null), 405, "BAD_REQUEST");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nope", "secrets/creat", "secrets", "secrets/create/extra", ""})
    void answers_404_json_to_an_unknown_path_under_the_prefix(String path) {
        for (String prefix : ManagementApi.PREFIXES) {
            Response response = gw.send("GET", prefix + path, null);

            assertThat(response.status()).as(prefix + path).isEqualTo(404);
            assertThat(response.json().path("error_code").asText()).isNotEmpty();
            assertThat(response.json().path("message").asText()).isNotEmpty();
        }
    }

    @Test
    void accepts_a_body_of_exactly_one_mebibyte() {
        String json = """
                {"secret_name": "%s", "secret_value": "sk-big-body-0123456789"}""".formatted(unique("big"));

        ok(gw.api("POST", "secrets/create", json + " ".repeat(ONE_MIB - json.length())));
    }

    @Test
    void answers_413_to_a_body_over_one_mebibyte() {
        String json = """
                {"secret_name": "%s", "secret_value": "sk-big-body-0123456789"}""".formatted(unique("too-big"));

        assertError(gw.api("POST", "secrets/create", json + " ".repeat(ONE_MIB + 1 - json.length())), 413,
                "REQUEST_LIMIT_EXCEEDED");
        assertThat(ok(gw.api("GET", "secrets/list")).body()).doesNotContain("too-big");
    }

    @Test
    void refuses_a_nul_character_anywhere_in_a_body_with_400_on_every_database() {
        String name = unique("nul");
        assertError(gw.api("POST", "secrets/create", """
                {"secret_name": "%s\\u0000x", "secret_value": "sk-nul-0123456789"}""".formatted(name)), 400,
                "INVALID_PARAMETER_VALUE").contains("parameter 'secret_name' contains a NUL character");
        // A nested key is not named: it might be part of the secret.
        assertError(gw.api("POST", "secrets/create", """
                {"secret_name": "%s", "secret_value": {"api\\u0000key": "sk-nul-0123456789"}}""".formatted(name)), 400,
                "INVALID_PARAMETER_VALUE").contains("parameter 'secret_value' contains a NUL character")
                .doesNotContain("api");
        assertThat(ok(gw.api("GET", "secrets/list")).body()).doesNotContain(name);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"secrets/list?provider=%zz", "secrets/get?secret_name=%",
            "endpoints/list?provider=%E0%A4%A", "endpoints/get?name=a%00b"})
    void answers_4xx_not_500_to_an_undecodable_query_string(String pathAndQuery) {
        String statusLine = raw("GET " + TestGateway.API + pathAndQuery + " HTTP/1.1");

        assertThat(statusLine).matches("HTTP/1\\.1 4\\d\\d .*");
    }

    /** Sends one request line as is (java.net.http refuses malformed URIs) and returns the status line. */
    private static String raw(String requestLine) {
        try (Socket socket = new Socket("127.0.0.1", gw.gateway().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8)).readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
