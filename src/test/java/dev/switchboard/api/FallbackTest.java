package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.KeyLeaks;
import dev.switchboard.testing.LogCapture;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Each fallback trigger, against real fake upstreams: a primary that fails and a fallback that answers. */
class FallbackTest {

    private static final String CHAT = """
            {"model": "chat", "messages": [{"role": "user", "content": "Hi"}]}""";
    private static final String STREAM = """
            {"model": "chat", "stream": true, "messages": [{"role": "user", "content": "Hi"}]}""";

    @TempDir
    Path dir;
    @RegisterExtension
    final LogCapture logs = new LogCapture();
    GatewayFixture fixture;
    FakeUpstream primary;
    FakeUpstream fallback;

    @BeforeEach
    void start() {
        fixture = GatewayFixture.start(dir);
        primary = fixture.upstream();
        fallback = fixture.upstream();
        fallback.setDefault(Reply.echoModel());
        fixture.endpoint("chat", """
                [{"model_definition_id": "%s", "linkage_type": "PRIMARY"},
                 {"model_definition_id": "%s", "linkage_type": "FALLBACK", "fallback_order": 0}]"""
                .formatted(fixture.definition(primary.baseUrl(), "primary-model"),
                        fixture.definition(fallback.baseUrl(), "fallback-model")),
                "\"timeouts\": {\"first_byte_ms\": 1000, \"idle_ms\": 1000, \"connect_ms\": 1000}");
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private TestGateway.Response chat() {
        return fixture.gateway().send("POST", "/gateway/openai/v1/chat/completions", CHAT);
    }

    private void assertServedByFallback(TestGateway.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.text("/choices/0/message/content")).isEqualTo("model=fallback-model");
        assertThat(primary.requestCount()).isEqualTo(1);
    }

    @Test
    void falls_back_on_429() {
        primary.enqueue(Reply.json(429, OpenAiBodies.error("rate limited", "rate_limit_error", "rate_limited")));
        assertServedByFallback(chat());
    }

    @Test
    void falls_back_on_500_and_503() {
        primary.enqueue(Reply.json(500, OpenAiBodies.error("boom", "server_error", "server_error")));
        assertServedByFallback(chat());
        primary.enqueue(Reply.json(503, OpenAiBodies.error("overloaded", "server_error", "overloaded")));
        assertThat(chat().text("/choices/0/message/content")).isEqualTo("model=fallback-model");
    }

    @Test
    void falls_back_on_408() {
        primary.enqueue(Reply.json(408, OpenAiBodies.error("request timeout", "timeout", "timeout")));
        assertServedByFallback(chat());
    }

    @Test
    void falls_back_when_the_primary_answers_with_a_redirect() {
        primary.enqueue(Reply.json(302, "").header("Location", "https://elsewhere.example/v1/chat/completions"));
        assertServedByFallback(chat());
    }

    @Test
    void falls_back_when_the_first_byte_is_too_slow() {
        primary.enqueue(Reply.delayHeaders(Duration.ofSeconds(5), Reply.echoModel()));
        assertServedByFallback(chat());
    }

    @Test
    void falls_back_when_the_connection_drops_without_an_answer() {
        primary.enqueue(Reply.closeConnection());
        assertServedByFallback(chat());
    }

    @Test
    void falls_back_when_a_stream_breaks_before_its_first_event() {
        primary.enqueue(Reply.sse(OpenAiBodies.chunks("primary-model", List.of("never"), false)).cutAfter(0));

        var response = fixture.gateway().send("POST", "/gateway/openai/v1/chat/completions", STREAM);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("model=fallback-model").endsWith("data: [DONE]\n\n");
    }

    @Test
    void falls_back_when_the_provider_refuses_connections() throws Exception {
        FakeUpstream answering = fixture.upstream();
        answering.setDefault(Reply.echoModel());
        fixture.endpoint("refused", """
                [{"model_definition_id": "%s"},
                 {"model_definition_id": "%s", "linkage_type": "FALLBACK"}]"""
                .formatted(fixture.definition("http://127.0.0.1:" + FakeUpstream.refusedPort(), "dead-model"),
                        fixture.definition(answering.baseUrl(), "live-model")), "");

        var response = fixture.gateway().send("POST", "/gateway/openai/v1/chat/completions",
                CHAT.replace("\"chat\"", "\"refused\""));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("/choices/0/message/content")).isEqualTo("model=live-model");
    }

    @Test
    void does_not_fall_back_on_a_400() {
        primary.enqueue(Reply.json(400, OpenAiBodies.error("bad request", "invalid_request_error", "bad")));

        var response = chat();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("/error/message")).isEqualTo("bad request");
        assertThat(fallback.requestCount()).isZero();
    }

    @Test
    void a_body_with_a_field_of_the_wrong_shape_reaches_no_target() {
        var response = fixture.gateway().send("POST", "/gateway/openai/v1/chat/completions",
                "{\"model\": \"chat\", \"messages\": {\"role\": \"user\", \"content\": \"Hi\"}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("/error/message")).isEqualTo("'messages' must be a non-empty list");
        assertThat(primary.requestCount()).isZero();
        assertThat(fallback.requestCount()).isZero();
    }

    @Test
    void masks_each_targets_key_in_the_all_attempts_failed_message_and_the_log() {
        primary.enqueue(echoingKey(503));
        fallback.enqueue(echoingKey(500));

        var response = chat();

        for (FakeUpstream upstream : List.of(primary, fallback)) {
            String key = upstream.takeRequest().header("Authorization").orElseThrow().substring("Bearer ".length());
            KeyLeaks.assertNone("the answer", response.body(), key);
            KeyLeaks.assertNone("the log", logs.text(), key);
        }
        assertThat(response.text("/error/message")).contains("All 2 attempts for endpoint 'chat' failed")
                .contains("custom/primary-model: HTTP 503: Incorrect API key provided: Bearer sk-...")
                .contains("custom/fallback-model: HTTP 500: Incorrect API key provided: Bearer sk-...");
    }

    /** A {@code status} error whose message repeats the Authorization header the gateway sent. */
    private static Reply echoingKey(int status) {
        return Reply.respond(request -> Reply.json(status, OpenAiBodies.error("Incorrect API key provided: "
                + request.header("Authorization").orElse("none"), "invalid_request_error", "invalid_api_key")));
    }

    @Test
    void names_every_attempt_when_all_fail() {
        primary.enqueue(Reply.json(503, OpenAiBodies.error("primary down", "server_error", "x")));
        fallback.enqueue(Reply.json(500, OpenAiBodies.error("fallback down", "server_error", "x")));

        var response = chat();

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.text("/error/message"))
                .contains("All 2 attempts for endpoint 'chat' failed")
                .contains("custom/primary-model: HTTP 503: primary down")
                .contains("custom/fallback-model: HTTP 500: fallback down");
    }

    @Test
    void tries_at_most_max_attempts_fallbacks() {
        FakeUpstream second = fixture.upstream();
        second.setDefault(Reply.echoModel());
        FakeUpstream failing = fixture.upstream();
        failing.setDefault(Reply.json(503, OpenAiBodies.error("down", "server_error", "x")));
        fixture.endpoint("limited", """
                [{"model_definition_id": "%s"},
                 {"model_definition_id": "%s", "linkage_type": "FALLBACK", "fallback_order": 0},
                 {"model_definition_id": "%s", "linkage_type": "FALLBACK", "fallback_order": 1}]"""
                .formatted(fixture.definition(failing.baseUrl(), "p"), fixture.definition(failing.baseUrl(), "f0"),
                        fixture.definition(second.baseUrl(), "f1")),
                "\"fallback_config\": {\"strategy\": \"SEQUENTIAL\", \"max_attempts\": 1}");

        var response = fixture.gateway().send("POST", "/gateway/openai/v1/chat/completions",
                CHAT.replace("\"chat\"", "\"limited\""));

        assertThat(response.status()).isEqualTo(503);
        assertThat(failing.requestCount()).isEqualTo(2);
        assertThat(second.requestCount()).isZero();
    }

    @Test
    void reports_the_fallback_in_the_response_headers() throws Exception {
        primary.enqueue(Reply.json(429, OpenAiBodies.error("rate limited", "rate_limit_error", "x")));
        var client = java.net.http.HttpClient.newHttpClient();
        var response = client.send(java.net.http.HttpRequest.newBuilder(
                        fixture.gateway().uri("/gateway/openai/v1/chat/completions"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(CHAT)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.headers().firstValue("x-switchboard-target")).hasValue("custom/fallback-model");
        assertThat(response.headers().firstValue("x-switchboard-attempts")).hasValue("2");
    }
}
