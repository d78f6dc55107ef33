package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rate limit refuses the calls over it on every surface, with a 429 in the caller's own format,
 * {@code retry-after}, and the caller's rate-limit headers (OpenAI's {@code x-ratelimit-*},
 * Anthropic's {@code anthropic-ratelimit-*}); the SDKs may retry it (no {@code x-should-retry:
 * false}). Tokens are counted when a call ends. Raising or deleting the limit lets calls through.
 */
class RateLimitEnforcementTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private GatewayFixture fixture;
    private FakeUpstream openai;
    private String gptId;

    @BeforeEach
    void start() {
        fixture = GatewayFixture.start(dir);
        openai = fixture.upstream();
        openai.setDefault(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", "hi", 1000, 500)));
        String gpt = fixture.definition("openai", openai.baseUrl(), "gpt-4o-mini");
        gptId = fixture.endpoint("gpt", gpt);
        fixture.endpoint("other", gpt);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private String limit(String fields) {
        var created = fixture.gateway().api("POST", "rate-limits/create",
                "{\"endpoint_id\": \"" + gptId + "\", " + fields + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().at("/rate_limit/rate_limit_id").asText();
    }

    private HttpResponse<String> chat(String model) {
        return fixture.exchange("POST", "/gateway/openai/v1/chat/completions",
                "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
    }

    @Test
    void a_requests_limit_refuses_the_calls_over_it_on_every_surface_in_the_callers_format() throws Exception {
        String id = limit("\"queries_per_minute\": 3");
        for (int i = 0; i < 3; i++) {
            assertThat(chat("gpt").statusCode()).as("call %s of 3", i + 1).isEqualTo(200);
        }

        HttpResponse<String> refused = chat("gpt");
        assertThat(refused.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 120L);
        assertThat(refused.headers().firstValue("x-should-retry")).as("the SDKs may wait and retry").isEmpty();
        assertThat(refused.headers().firstValue("x-ratelimit-limit-requests")).hasValue("3");
        assertThat(refused.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        assertThat(refused.headers().firstValue("x-ratelimit-reset-requests").orElseThrow()).matches("(\\d+m)?[\\d.]+s");
        assertThat(refused.headers().firstValue("x-ratelimit-limit-tokens")).as("no tokens limit").isEmpty();
        JsonNode error = JSON.readTree(refused.body()).get("error");
        assertThat(error.get("message").asText()).isEqualTo("Rate limit exceeded: 3 queries per minute for the "
                + "endpoint (rate limit '" + id + "'). Try again in " + retryAfter + " s.");
        assertThat(error.get("type").asText()).isEqualTo("rate_limit_error");

        HttpResponse<String> anthropic = fixture.exchange("POST", "/gateway/anthropic/v1/messages", """
                {"model": "gpt", "max_tokens": 10, "messages": [{"role": "user", "content": "Hi"}]}""");
        assertThat(anthropic.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(anthropic.body()).at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(anthropic.headers().firstValue("anthropic-ratelimit-requests-limit")).hasValue("3");
        assertThat(anthropic.headers().firstValue("anthropic-ratelimit-requests-remaining")).hasValue("0");
        Instant reset = Instant.parse(anthropic.headers().firstValue("anthropic-ratelimit-requests-reset").orElseThrow());
        assertThat(reset).isBetween(Instant.now().minusSeconds(1), Instant.now().plus(Duration.ofMinutes(2)));
        assertThat(anthropic.headers().firstValue("retry-after")).isPresent();
        assertThat(anthropic.headers().firstValue("x-ratelimit-limit-requests")).isEmpty();

        HttpResponse<String> gemini = fixture.exchange("POST", "/gateway/gemini/v1beta/models/gpt:generateContent",
                "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"Hi\"}]}]}");
        assertThat(gemini.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(gemini.body()).at("/error/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(JSON.readTree(gemini.body()).at("/error/details/0/@type").asText())
                .isEqualTo("type.googleapis.com/google.rpc.RetryInfo");
        assertThat(JSON.readTree(gemini.body()).at("/error/details/0/retryDelay").asText()).matches("\\d+s");
        assertThat(gemini.headers().firstValue("retry-after")).isPresent();

        HttpResponse<String> mlflow = fixture.exchange("POST", "/gateway/gpt/mlflow/invocations",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
        assertThat(mlflow.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(mlflow.body()).get("detail").asText()).startsWith("Rate limit exceeded: 3 queries");

        HttpResponse<String> proxied = fixture.exchange("POST", "/gateway/proxy/gpt/chat/completions",
                "{\"model\": \"gpt-4o-mini\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
        assertThat(proxied.statusCode()).isEqualTo(429);
        HttpResponse<String> stream = fixture.exchange("POST", "/gateway/openai/v1/chat/completions",
                "{\"model\": \"gpt\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
        assertThat(stream.statusCode()).as("a stream is refused before it starts").isEqualTo(429);

        assertThat(openai.requestCount()).as("the provider saw only the calls within the limit").isEqualTo(3);
        assertThat(chat("other").statusCode()).as("another endpoint has no limit").isEqualTo(200);

        JsonNode minute = fixture.gateway().api("GET", "rate-limits/get?rate_limit_id=" + id).json()
                .at("/rate_limit/current_minute/requests");
        assertThat(minute.get("limit").asLong()).isEqualTo(3);
        assertThat(minute.get("remaining").asLong()).as("refused calls do not count").isZero();

        var raised = fixture.gateway().api("POST", "rate-limits/update",
                "{\"rate_limit_id\": \"" + id + "\", \"queries_per_minute\": 5}");
        assertThat(raised.status()).as(raised.body()).isEqualTo(200);
        assertThat(chat("gpt").statusCode()).as("the raised limit lets calls through").isEqualTo(200);
        assertThat(chat("gpt").statusCode()).isEqualTo(200);
        assertThat(chat("gpt").statusCode()).isEqualTo(429);
        fixture.gateway().api("DELETE", "rate-limits/delete", "{\"rate_limit_id\": \"" + id + "\"}");
        assertThat(chat("gpt").statusCode()).as("no limit left").isEqualTo(200);
    }

    @Test
    void the_openai_and_anthropic_sdks_raise_their_rate_limit_errors_with_the_limits_headers() {
        limit("\"queries_per_minute\": 1");
        var params = com.openai.models.chat.completions.ChatCompletionCreateParams.builder().model("gpt")
                .addUserMessage("Hi").build();
        assertThat(fixture.openai().chat().completions().create(params).choices()).hasSize(1);
        var openaiError = org.assertj.core.api.Assertions.catchThrowableOfType(
                com.openai.errors.RateLimitException.class, () -> fixture.openai().chat().completions().create(params));
        assertThat(openaiError.statusCode()).isEqualTo(429);
        assertThat(openaiError.headers().values("x-ratelimit-limit-requests")).containsExactly("1");
        assertThat(openaiError.headers().values("retry-after")).hasSize(1);

        var anthropicSdk = com.anthropic.client.okhttp.AnthropicOkHttpClient.builder()
                .baseUrl(fixture.gateway().uri("/gateway/anthropic").toString()).apiKey("not-needed").maxRetries(0)
                .build();
        var anthropicError = org.assertj.core.api.Assertions.catchThrowableOfType(
                com.anthropic.errors.RateLimitException.class, () -> anthropicSdk.messages().create(
                        com.anthropic.models.messages.MessageCreateParams.builder().model("gpt").maxTokens(10)
                                .addUserMessage("Hi").build()));
        assertThat(anthropicError.headers().values("anthropic-ratelimit-requests-limit")).containsExactly("1");
        assertThat(anthropicError.getMessage()).contains("Rate limit exceeded: 1 queries per minute");
        assertThat(openai.requestCount()).isEqualTo(1);
    }

    @Test
    void a_tokens_limit_counts_the_tokens_of_calls_that_ended() throws Exception {
        limit("\"tokens_per_minute\": 2000");
        assertThat(chat("gpt").statusCode()).as("1,500 tokens").isEqualTo(200);
        assertThat(chat("gpt").statusCode()).as("1,500 < 2,000 when it starts; 3,000 after").isEqualTo(200);
        HttpResponse<String> refused = chat("gpt");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("2000");
        assertThat(refused.headers().firstValue("x-ratelimit-remaining-tokens")).hasValue("0");
        assertThat(refused.headers().firstValue("x-ratelimit-limit-requests")).isEmpty();
        assertThat(JSON.readTree(refused.body()).at("/error/message").asText())
                .startsWith("Rate limit exceeded: 2000 tokens per minute for the endpoint");
        assertThat(openai.requestCount()).isEqualTo(2);
    }
}
