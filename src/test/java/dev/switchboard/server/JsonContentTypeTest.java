package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.switchboard.TestGateway;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The APIs read JSON only. A body a web page can send without a CORS preflight (text/plain, a
 * form, no type at all) is refused with 415 in the error format of the route it was sent to,
 * before anything reads it; requests without a body (GET, DELETE) need no Content-Type.
 */
class JsonContentTypeTest {

    private static final String API = TestGateway.API;
    private static final String CHAT = "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}";

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

    private static RawRequests.Response post(String target, String contentType, String body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", contentType);
        return RawRequests.send(gw.gateway().port(), "POST", target, headers, body);
    }

    private static String secretBody(String name) {
        return "{\"secret_name\": \"" + name + "\", \"secret_value\": {\"api_key\": \"sk-json-test-0123456789\"}}";
    }

    private static String unique() {
        return "json-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "text/json"})
    void a_management_body_not_declared_as_json_is_refused_with_415_and_changes_nothing(String contentType) {
        String name = unique();

        RawRequests.Response response = post(API + "secrets/create", contentType, secretBody(name));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.json().at("/error_code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(response.json().at("/message").asText())
                .contains("'" + contentType.split(";")[0] + "'").contains("application/json");
        assertThat(gw.api("GET", "secrets/list").body()).doesNotContain(name);
    }

    @Test
    void a_management_body_without_a_content_type_is_refused_with_415() {
        RawRequests.Response response = post(API + "secrets/create", null, secretBody(unique()));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.json().at("/message").asText()).contains("no Content-Type").contains("application/json");
    }

    @Test
    void a_post_without_a_body_must_be_declared_json_too_since_fields_also_come_from_the_query_string() {
        String name = unique();

        RawRequests.Response response = post(API + "secrets/create?secret_name=" + name + "&secret_value=sk-query-0123456789",
                null, "");

        assertThat(response.status()).isEqualTo(415);
        assertThat(gw.api("GET", "secrets/list").body()).doesNotContain(name);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8",
            "application/vnd.switchboard+json"})
    void json_and_json_suffixed_types_with_parameters_are_accepted(String contentType) {
        RawRequests.Response response = post(API + "secrets/create", contentType, secretBody(unique()));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @Test
    void requests_without_a_body_need_no_content_type() {
        String id = gw.api("POST", "secrets/create", secretBody(unique())).text("/secret/secret_id");

        RawRequests.Response list = RawRequests.send(gw.gateway().port(), "GET", API + "secrets/list", Map.of());
        RawRequests.Response delete = RawRequests.send(gw.gateway().port(), "DELETE", API + "secrets/delete?secret_id=" + id,
                Map.of());

        assertThat(list.status()).isEqualTo(200);
        assertThat(delete.status()).as(delete.body()).isEqualTo(200);
        assertThat(gw.api("GET", "secrets/list").body()).doesNotContain(id);
    }

    @Test
    void a_refused_body_is_never_taken_for_the_next_request_on_the_connection() throws Exception {
        String smuggled = "GET " + API + "secrets/list HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        String refused = "POST " + API + "secrets/create HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                + "Content-Length: " + smuggled.length() + "\r\n\r\n" + smuggled;
        String next = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

        String received;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", gw.gateway().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((refused + next).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            received = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        assertThat(received).startsWith("HTTP/1.1 415").doesNotContain("\"secrets\"");
        assertThat(received.split("HTTP/1.1 ", -1)).hasSize(3);
        assertThat(received.substring(received.lastIndexOf("HTTP/1.1 "))).startsWith("HTTP/1.1 200")
                .endsWith("{\"status\":\"OK\"}");
    }

    static Stream<Arguments> invocationRoutes() {
        return Stream.of(
                arguments("/gateway/openai/v1/chat/completions", "/error/message", CHAT),
                arguments("/gateway/mlflow/v1/chat/completions", "/error/message", CHAT),
                arguments("/gateway/openai/v1/embeddings", "/error/message", "{\"model\": \"m\", \"input\": \"x\"}"),
                arguments("/gateway/anthropic/v1/messages", "/error/message", CHAT),
                arguments("/gateway/gemini/v1beta/models/m:generateContent", "/error/message",
                        "{\"contents\": [{\"parts\": [{\"text\": \"Hi\"}]}]}"),
                arguments("/gateway/chat/mlflow/invocations", "/detail", CHAT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invocationRoutes")
    void an_invocation_sent_as_text_plain_is_refused_with_415_in_the_route_format(String path, String message,
                                                                                  String body) {
        RawRequests.Response response = post(path, "text/plain", body);

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.header("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(response.json().at(message).asText()).contains("'text/plain'").contains("application/json");
    }

    @Test
    void an_invocation_sent_as_a_form_is_refused_in_the_anthropic_format() {
        RawRequests.Response response = post("/gateway/anthropic/v1/messages", "application/x-www-form-urlencoded", CHAT);

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.json().at("/type").asText()).isEqualTo("error");
        assertThat(response.json().at("/error/type").asText()).isNotBlank();
    }
}
