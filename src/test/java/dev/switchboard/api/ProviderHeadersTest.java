package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.AnthropicBodies;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headers across the gateway: the caller's headers a provider needs (Anthropic's
 * {@code anthropic-beta}) reach a provider of the caller's own format, and the provider's headers
 * callers rely on (request ids, rate limits, {@code retry-after}) come back; a caller of another
 * format gets {@code retry-after} on an error, and nothing in another format's names.
 */
class ProviderHeadersTest {

    private static final String MESSAGES = """
            {"model": "%s", "max_tokens": 64, "messages": [{"role": "user", "content": "Hi"}]%s}""";
    private static final String CHAT = """
            {"model": "%s", "messages": [{"role": "user", "content": "Hi"}]%s}""";

    @TempDir
    Path dir;
    GatewayFixture fixture;
    FakeUpstream anthropic;
    FakeUpstream openai;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        fixture = GatewayFixture.start(dir);
        anthropic = fixture.upstream();
        openai = fixture.upstream();
        fixture.endpoint("claude", fixture.definition("anthropic", anthropic.baseUrl(), "claude-sonnet-4-5"));
        fixture.endpoint("gpt", fixture.definition(openai.baseUrl(), "gpt-4o"));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void anthropic_beta_reaches_claude_on_pass_through_and_its_request_id_and_limits_come_back() throws Exception {
        anthropic.setDefault(Reply.json(200, AnthropicBodies.message("claude-sonnet-4-5", "Hello", 3, 1))
                .header("request-id", "req_011CPassThrough").header("anthropic-ratelimit-requests-remaining", "49")
                .header("Anthropic-RateLimit-Tokens-Remaining", "9000")
                .header("x-internal-only", "not for callers"));

        HttpResponse<String> answer = post("/gateway/anthropic/v1/messages", MESSAGES.formatted("claude", ""),
                "anthropic-beta", "prompt-caching-2024-07-31", "anthropic-version", "2023-06-01");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(anthropic.takeRequest().header("anthropic-beta")).hasValue("prompt-caching-2024-07-31");
        assertThat(answer.headers().firstValue("request-id")).hasValue("req_011CPassThrough");
        assertThat(answer.headers().firstValue("anthropic-ratelimit-requests-remaining")).hasValue("49");
        assertThat(answer.headers().firstValue("anthropic-ratelimit-tokens-remaining")).hasValue("9000");
        assertThat(answer.headers().firstValue("x-internal-only")).isEmpty();
    }

    @Test
    void a_relayed_stream_carries_the_providers_request_id() throws Exception {
        anthropic.setDefault(Reply.sseFrames(AnthropicBodies.stream("claude-sonnet-4-5", List.of("Hel", "lo")))
                .header("request-id", "req_011CStream"));

        HttpResponse<String> answer = post("/gateway/anthropic/v1/messages",
                MESSAGES.formatted("claude", ", \"stream\": true"), "anthropic-beta", "output-128k-2025-02-19");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("message_stop");
        assertThat(answer.headers().firstValue("request-id")).hasValue("req_011CStream");
        assertThat(anthropic.takeRequest().header("anthropic-beta")).hasValue("output-128k-2025-02-19");
    }

    @Test
    void a_translated_call_sends_no_foreign_headers_and_returns_none() throws Exception {
        openai.setDefault(Reply.json(200, OpenAiBodies.chatCompletion("gpt-4o", "Hello", 3, 1))
                .header("x-request-id", "req_openai_1"));

        HttpResponse<String> answer = post("/gateway/anthropic/v1/messages", MESSAGES.formatted("gpt", ""),
                "anthropic-beta", "prompt-caching-2024-07-31");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Recorded sent = openai.takeRequest();
        assertThat(sent.header("anthropic-beta")).isEmpty();
        assertThat(answer.headers().firstValue("x-request-id")).isEmpty();
    }

    @Test
    void an_openai_caller_gets_claudes_429_in_openais_shape_with_its_retry_after() throws Exception {
        anthropic.setDefault(Reply.json(429, AnthropicBodies.error("rate_limit_error", "Number of requests has "
                + "exceeded your per-minute rate limit")).header("retry-after", "7").header("request-id", "req_429"));

        HttpResponse<String> answer = post("/gateway/openai/v1/chat/completions", CHAT.formatted("claude", ""));

        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.headers().firstValue("retry-after")).hasValue("7");
        assertThat(answer.headers().firstValue("request-id")).isEmpty();
        assertThat(answer.body()).startsWith("{\"error\":").doesNotContain("\"type\":\"error\"")
                .contains("per-minute rate limit");
    }

    @Test
    void an_anthropic_caller_gets_claudes_429_as_claude_sent_it_with_its_headers() throws Exception {
        String error = AnthropicBodies.error("rate_limit_error", "Slow down");
        anthropic.setDefault(Reply.json(429, error).header("retry-after", "7").header("request-id", "req_429")
                .header("x-should-retry", "true"));

        HttpResponse<String> answer = post("/gateway/anthropic/v1/messages", MESSAGES.formatted("claude", ""));

        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.body()).isEqualTo(error);
        assertThat(answer.headers().firstValue("retry-after")).hasValue("7");
        assertThat(answer.headers().firstValue("request-id")).hasValue("req_429");
        assertThat(answer.headers().firstValue("x-should-retry")).hasValue("true");
    }

    private HttpResponse<String> post(String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fixture.gateway().uri(path).toString()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
