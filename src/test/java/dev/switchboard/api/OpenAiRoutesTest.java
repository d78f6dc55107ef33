package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAI routes, driven by the official openai-java SDK against fake OpenAI-compatible upstreams. */
class OpenAiRoutesTest {

    @TempDir
    static Path dir;
    static GatewayFixture fixture;
    static FakeUpstream upstream;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(dir);
        upstream = fixture.upstream();
        fixture.endpoint("chat", fixture.definition(upstream.baseUrl(), "gpt-upstream"));
        fixture.endpoint("embed", fixture.definition(upstream.baseUrl(), "text-embedding-upstream"));
        client = fixture.openai();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static ChatCompletionCreateParams.Builder hello(String endpoint) {
        return ChatCompletionCreateParams.builder().model(endpoint).addUserMessage("Hello");
    }

    @Test
    void passes_a_chat_completion_through_with_only_the_model_replaced() {
        upstream.enqueue(Reply.json(OpenAiBodies.chatCompletion("gpt-upstream", "Hi there", 9, 3)));

        var raw = client.chat().completions().withRawResponse().create(hello("chat").temperature(0.2).build());
        ChatCompletion completion = raw.parse();

        assertThat(completion.choices().getFirst().message().content()).contains("Hi there");
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(9);
        assertThat(raw.headers().values("x-switchboard-endpoint")).containsExactly("chat");
        assertThat(raw.headers().values("x-switchboard-target")).containsExactly("custom/gpt-upstream");
        assertThat(raw.headers().values("x-switchboard-attempts")).containsExactly("1");
        assertThat(Double.parseDouble(raw.headers().values("x-switchboard-overhead-ms").getFirst())).isNotNegative();
        Recorded sent = upstream.received().getLast();
        assertThat(sent.path()).isEqualTo("/chat/completions");
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo("gpt-upstream");
        assertThat(sent.bodyJson().path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.bodyJson().path("messages").get(0).path("content").asText()).isEqualTo("Hello");
        assertThat(sent.header("Authorization")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer sk-test-secret-"));
    }

    @Test
    void relays_a_stream_chunk_by_chunk_with_usage() {
        upstream.enqueue(Reply.sse(OpenAiBodies.chunks("gpt-upstream", List.of("One", ", two", ", three"), true))
                .withDone());

        String text;
        long completionTokens;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(hello("chat")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            List<ChatCompletionChunk> chunks = stream.stream().toList();
            text = chunks.stream().flatMap(c -> c.choices().stream())
                    .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
            completionTokens = chunks.getLast().usage().orElseThrow().completionTokens();
        }

        assertThat(text).isEqualTo("One, two, three");
        assertThat(completionTokens).isPositive();
        assertThat(upstream.received().getLast().bodyJson().path("stream").asBoolean()).isTrue();
    }

    @Test
    void passes_embeddings_through() {
        upstream.enqueue(Reply.json(OpenAiBodies.embeddings(2, 4)));

        var response = client.embeddings().create(EmbeddingCreateParams.builder().model("embed")
                .inputOfArrayOfStrings(List.of("a", "b")).build());

        assertThat(response.data()).hasSize(2);
        assertThat(response.data().getFirst().embedding()).hasSize(4);
        Recorded sent = upstream.received().getLast();
        assertThat(sent.path()).isEqualTo("/embeddings");
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo("text-embedding-upstream");
    }

    @Test
    void passes_token_id_inputs_through_as_they_are() {
        upstream.enqueue(Reply.json(OpenAiBodies.embeddings(2, 4)));

        var response = client.embeddings().create(EmbeddingCreateParams.builder().model("embed")
                .inputOfArrayOfTokenArrays(List.of(List.of(9906L, 1917L), List.of(15339L))).build());

        assertThat(response.data()).hasSize(2);
        assertThat(upstream.received().getLast().bodyJson().path("input").toString()).isEqualTo("[[9906,1917],[15339]]");
    }

    @Test
    void thinking_another_provider_signed_is_left_out_of_a_passed_through_history() {
        upstream.enqueue(Reply.json(OpenAiBodies.chatCompletion("gpt-upstream", "Still 4", 9, 3)));

        fixture.gateway().send("POST", "/gateway/openai/v1/chat/completions", """
                {"model": "chat", "messages": [
                  {"role": "user", "content": "2 + 2?"},
                  {"role": "assistant", "content": "4", "reasoning_content": "Easy.",
                   "thinking_blocks": [{"type": "thinking", "thinking": "Easy.", "signature": "swb1AnthEqQBCgIYAhIM"}]},
                  {"role": "user", "content": "Sure?"}]}""");

        JsonNode assistant = upstream.received().getLast().bodyJson().path("messages").get(1);
        assertThat(assistant.has("thinking_blocks")).isFalse();
        assertThat(assistant.path("content").asText()).isEqualTo("4");
    }

    @Test
    void lists_the_endpoints_as_models() {
        assertThat(client.models().list().data()).extracting(m -> m.id()).contains("chat", "embed");
    }

    @Test
    void an_unknown_endpoint_is_the_sdks_not_found_error() {
        assertThatThrownBy(() -> client.chat().completions().create(hello("no-such-endpoint").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no-such-endpoint");
    }

    @Test
    void a_provider_400_comes_back_unchanged_and_is_not_retried() {
        upstream.enqueue(Reply.json(400, OpenAiBodies.error("max_tokens is too large", "invalid_request_error",
                "invalid_value")));
        int before = upstream.requestCount();

        assertThatThrownBy(() -> client.chat().completions().create(hello("chat").build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("max_tokens is too large");
        assertThat(upstream.requestCount()).isEqualTo(before + 1);
    }

    @Test
    void a_provider_429_on_the_only_target_is_the_sdks_rate_limit_error() {
        upstream.enqueue(Reply.json(429, OpenAiBodies.error("slow down", "rate_limit_error", "rate_limited")));

        assertThatThrownBy(() -> client.chat().completions().create(hello("chat").build()))
                .isInstanceOf(RateLimitException.class)
                .hasMessageContaining("slow down");
    }

    @Test
    void counts_requests_and_reported_tokens_in_the_prometheus_metrics() {
        upstream.enqueue(Reply.json(OpenAiBodies.chatCompletion("gpt-upstream", "counted", 1234, 56)));
        client.chat().completions().create(hello("chat").build());

        String metrics = fixture.gateway().send("GET", "/metrics", null).body();

        assertThat(metrics).containsPattern(
                "switchboard_requests_total\\{[^}]*endpoint=\"chat\"[^}]*status=\"200\"[^}]*target=\"custom/gpt-upstream\"");
        assertThat(metrics).containsPattern(
                "switchboard_tokens_total\\{endpoint=\"chat\",kind=\"input\",model=\"gpt-upstream\",provider=\"custom\"} [0-9.E]+");
        assertThat(metrics).contains("switchboard_gateway_overhead_seconds");
    }

    @Test
    void a_passed_through_stream_counts_its_tokens_even_when_the_caller_did_not_ask_for_usage() {
        fixture.endpoint("quiet", fixture.definition(upstream.baseUrl(), "gpt-quiet"));
        upstream.enqueue(Reply.echoModel());

        String stream = fixture.gateway().send("POST", "/gateway/openai/v1/chat/completions", """
                {"model": "quiet", "stream": true, "messages": [{"role": "user", "content": "Hi"}]}""").body();

        assertThat(upstream.received().getLast().bodyJson().path("stream_options").path("include_usage").asBoolean())
                .isTrue();
        assertThat(stream).contains("model=gpt-quiet").endsWith("data: [DONE]\n\n")
                .doesNotContain("\"choices\":[]").doesNotContain("\"prompt_tokens\"");
        assertThat(fixture.gateway().send("GET", "/metrics", null).body()).containsPattern(
                "switchboard_tokens_total\\{endpoint=\"quiet\",kind=\"input\",model=\"gpt-quiet\",provider=\"custom\"} 10.0");
    }

    @Test
    void a_caller_who_asks_for_usage_gets_the_usage_chunk() {
        upstream.enqueue(Reply.echoModel());

        String stream = fixture.gateway().send("POST", "/gateway/openai/v1/chat/completions", """
                {"model": "chat", "stream": true, "stream_options": {"include_usage": true},
                 "messages": [{"role": "user", "content": "Hi"}]}""").body();

        assertThat(stream).contains("\"choices\":[]").contains("\"prompt_tokens\":10");
    }

    @Test
    void malformed_requests_get_openai_shaped_400s() {
        var missingModel = fixture.gateway().send("POST", "/gateway/openai/v1/chat/completions",
                "{\"messages\": []}");
        var badJson = fixture.gateway().send("POST", "/gateway/openai/v1/chat/completions", "{\"model\": ");

        assertThat(missingModel.status()).isEqualTo(400);
        assertThat(missingModel.text("/error/message")).contains("model");
        assertThat(missingModel.text("/error/type")).isEqualTo("invalid_request_error");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.text("/error/message")).startsWith("Invalid JSON payload");
    }
}
