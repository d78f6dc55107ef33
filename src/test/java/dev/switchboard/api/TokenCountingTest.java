package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.AnthropicBodies;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.GeminiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Anthropic's count_tokens and Gemini's countTokens through the real gateway: passed through to a
 * target of the caller's format, translated to the other one's count endpoint (both exact), and
 * estimated by the gateway for an OpenAI-format target, which has no count endpoint; the
 * {@code x-switchboard-token-count} header says which.
 */
class TokenCountingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANTHROPIC_PATH = "/gateway/anthropic/v1/messages/count_tokens";
    private static final String ANTHROPIC_BODY = """
            {"model": "%s", "system": "You are a scientist", "messages": [{"role": "user", "content": "Hello, Claude"}]}""";
    private static final String GEMINI_BODY = """
            {"contents": [{"role": "user", "parts": [{"text": "The quick brown fox jumps over the lazy dog."}]}]}""";

    @TempDir
    static Path dir;
    static GatewayFixture fixture;
    static FakeUpstream anthropic;
    static FakeUpstream gemini;
    static FakeUpstream openai;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(dir);
        anthropic = fixture.upstream();
        gemini = fixture.upstream();
        openai = fixture.upstream();
        String claude = fixture.definition("anthropic", anthropic.baseUrl(), "claude-sonnet-4-5");
        fixture.endpoint("claude", claude);
        fixture.endpoint("flash", fixture.definition("gemini", gemini.baseUrl(), "gemini-2.5-flash"));
        String gpt = fixture.definition("custom", openai.baseUrl(), "gpt-4o");
        fixture.endpoint("gpt", gpt);
        fixture.endpoint("claude-then-gpt", """
                [{"model_definition_id": "%s", "linkage_type": "PRIMARY"},
                 {"model_definition_id": "%s", "linkage_type": "FALLBACK", "fallback_order": 0}]"""
                .formatted(claude, gpt), "");
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static HttpResponse<String> countAnthropic(String endpoint, String... headers) {
        return fixture.exchange("POST", ANTHROPIC_PATH, ANTHROPIC_BODY.formatted(endpoint), headers);
    }

    private static HttpResponse<String> countGemini(String endpoint, String body) {
        return fixture.exchange("POST", "/gateway/gemini/v1beta/models/" + endpoint + ":countTokens", body);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse("(none)");
    }

    @Test
    void an_anthropic_caller_is_passed_through_to_claudes_count_tokens_with_its_headers() {
        anthropic.enqueue(Reply.json(AnthropicBodies.tokenCount(14)).header("request-id", "req_011Count"));

        HttpResponse<String> answer = countAnthropic("claude", "anthropic-beta", "token-counting-2024-11-01");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(json(answer)).isEqualTo(json("{\"input_tokens\": 14}"));
        assertThat(header(answer, "x-switchboard-token-count")).isEqualTo("exact");
        assertThat(header(answer, "x-switchboard-target")).isEqualTo("anthropic/claude-sonnet-4-5");
        assertThat(header(answer, "request-id")).isEqualTo("req_011Count");
        Recorded sent = anthropic.received().getLast();
        assertThat(sent.path()).isEqualTo("/v1/messages/count_tokens");
        assertThat(sent.header("x-api-key")).hasValueSatisfying(k -> assertThat(k).startsWith("sk-test-secret-"));
        assertThat(sent.header("anthropic-version")).isPresent();
        assertThat(sent.header("anthropic-beta")).contains("token-counting-2024-11-01");
        assertThat(sent.bodyJson()).isEqualTo(json(ANTHROPIC_BODY.formatted("claude-sonnet-4-5")));
    }

    @Test
    void an_anthropic_caller_is_translated_to_geminis_count_tokens_and_gets_an_exact_count() {
        gemini.enqueue(Reply.json(GeminiBodies.tokenCount(9)));

        HttpResponse<String> answer = countAnthropic("flash");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(json(answer)).isEqualTo(json("{\"input_tokens\": 9}"));
        assertThat(header(answer, "x-switchboard-token-count")).isEqualTo("exact");
        Recorded sent = gemini.received().getLast();
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:countTokens");
        assertThat(sent.header("x-goog-api-key")).isPresent();
        JsonNode request = sent.bodyJson().path("generateContentRequest");
        assertThat(request.path("model").asText()).isEqualTo("models/gemini-2.5-flash");
        assertThat(request.at("/systemInstruction/parts/0/text").asText()).isEqualTo("You are a scientist");
        assertThat(request.at("/contents/0/parts/0/text").asText()).isEqualTo("Hello, Claude");
    }

    @Test
    void an_anthropic_caller_of_an_openai_target_gets_the_gateways_estimate_and_the_provider_is_not_called() {
        int before = openai.requestCount();

        HttpResponse<String> answer = countAnthropic("gpt");

        // "You are a scientist" and "Hello, Claude": 32 characters, 8 tokens, and 3 for each of the 2 messages
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(json(answer)).isEqualTo(json("{\"input_tokens\": 14}"));
        assertThat(header(answer, "x-switchboard-token-count")).isEqualTo("estimated");
        assertThat(header(answer, "x-switchboard-target")).isEqualTo("custom/gpt-4o");
        assertThat(openai.requestCount()).isEqualTo(before);
    }

    @Test
    void a_gemini_caller_is_passed_through_to_geminis_count_tokens_with_the_targets_model() {
        gemini.enqueue(Reply.json(GeminiBodies.tokenCount(10)));

        HttpResponse<String> answer = countGemini("flash", """
                {"generateContentRequest": {"model": "models/flash",
                  "contents": [{"role": "user", "parts": [{"text": "Hi"}]}]}}""");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(json(answer)).isEqualTo(json(GeminiBodies.tokenCount(10)));
        assertThat(header(answer, "x-switchboard-token-count")).isEqualTo("exact");
        Recorded sent = gemini.received().getLast();
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:countTokens");
        assertThat(sent.bodyJson().at("/generateContentRequest/model").asText()).isEqualTo("models/gemini-2.5-flash");
    }

    @Test
    void a_gemini_caller_is_translated_to_claudes_count_tokens_and_gets_an_exact_count() {
        anthropic.enqueue(Reply.json(AnthropicBodies.tokenCount(11)));

        HttpResponse<String> answer = countGemini("claude", GEMINI_BODY);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(json(answer)).isEqualTo(json("{\"totalTokens\": 11}"));
        assertThat(header(answer, "x-switchboard-token-count")).isEqualTo("exact");
        Recorded sent = anthropic.received().getLast();
        assertThat(sent.path()).isEqualTo("/v1/messages/count_tokens");
        assertThat(sent.header("anthropic-version")).isPresent();
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(sent.bodyJson().has("max_tokens")).isFalse();
        assertThat(sent.bodyJson().at("/messages/0/content").toString()).contains("The quick brown fox");
    }

    @Test
    void a_gemini_caller_of_an_openai_target_gets_the_gateways_estimate() {
        HttpResponse<String> answer = countGemini("gpt", GEMINI_BODY);

        // 44 characters: 11 tokens, and 3 for the one message
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(json(answer)).isEqualTo(json("{\"totalTokens\": 14}"));
        assertThat(header(answer, "x-switchboard-token-count")).isEqualTo("estimated");
    }

    @Test
    void a_failing_target_falls_back_to_the_next_as_any_call_does() {
        anthropic.enqueue(Reply.json(529, AnthropicBodies.error("overloaded_error", "Overloaded")));

        HttpResponse<String> answer = countAnthropic("claude-then-gpt");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(header(answer, "x-switchboard-attempts")).isEqualTo("2");
        assertThat(header(answer, "x-switchboard-target")).isEqualTo("custom/gpt-4o");
        assertThat(header(answer, "x-switchboard-token-count")).isEqualTo("estimated");
        assertThat(json(answer).path("input_tokens").asInt()).isEqualTo(14);
    }

    @Test
    void a_providers_refusal_reaches_the_caller_in_its_own_shape() {
        anthropic.enqueue(Reply.json(400, AnthropicBodies.error("invalid_request_error", "prompt is too long")));
        HttpResponse<String> relayed = countAnthropic("claude");
        assertThat(relayed.statusCode()).isEqualTo(400);
        assertThat(json(relayed)).isEqualTo(json(AnthropicBodies.error("invalid_request_error", "prompt is too long")));

        anthropic.enqueue(Reply.json(400, AnthropicBodies.error("invalid_request_error", "prompt is too long")));
        HttpResponse<String> translated = countGemini("claude", GEMINI_BODY);
        assertThat(translated.statusCode()).isEqualTo(400);
        assertThat(json(translated).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(json(translated).at("/error/message").asText()).contains("prompt is too long");
    }

    @Test
    void a_malformed_or_misdirected_count_is_refused_in_the_surfaces_shape() {
        HttpResponse<String> noMessages = fixture.exchange("POST", ANTHROPIC_PATH, "{\"model\": \"gpt\"}");
        assertThat(noMessages.statusCode()).isEqualTo(400);
        assertThat(json(noMessages).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(json(noMessages).at("/error/message").asText()).contains("messages");

        HttpResponse<String> unknown = countAnthropic("no-such-endpoint");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).at("/error/type").asText()).isEqualTo("not_found_error");

        HttpResponse<String> empty = countGemini("gpt", "{}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(json(empty).at("/error/message").asText()).contains("contents");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
