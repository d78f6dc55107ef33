package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.testing.AnthropicBodies;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.GeminiBodies;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Anthropic and Gemini surfaces driven by the official anthropic-java and google-genai SDKs,
 * passed through to providers of the same format and translated to and from the others.
 */
class NativeSdkTest {

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
        fixture.endpoint("claude", fixture.definition("anthropic", anthropic.baseUrl(), "claude-sonnet-4-5"));
        fixture.endpoint("flash", fixture.definition("gemini", gemini.baseUrl(), "gemini-2.5-flash"));
        fixture.endpoint("gpt", fixture.definition("custom", openai.baseUrl(), "gpt-4o"));
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static AnthropicClient anthropicSdk() {
        return AnthropicOkHttpClient.builder().baseUrl(fixture.gateway().uri("/gateway/anthropic").toString())
                .apiKey("not-needed").maxRetries(0).build();
    }

    private static Client geminiSdk() {
        return Client.builder().apiKey("not-needed")
                .httpOptions(HttpOptions.builder().baseUrl(fixture.gateway().uri("/gateway/gemini").toString()).build())
                .build();
    }

    private static MessageCreateParams hello(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(256).addUserMessage("Hello").build();
    }

    private static String text(Message message) {
        return message.content().getFirst().text().orElseThrow().text();
    }

    @Test
    void anthropic_sdk_to_anthropic_is_passed_through_with_only_the_model_replaced() {
        anthropic.enqueue(Reply.json(AnthropicBodies.message("claude-sonnet-4-5", "Hi from Claude", 12, 5)));

        Message message = anthropicSdk().messages().create(hello("claude"));

        assertThat(text(message)).isEqualTo("Hi from Claude");
        assertThat(message.usage().inputTokens()).isEqualTo(12);
        Recorded sent = anthropic.received().getLast();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).hasValueSatisfying(k -> assertThat(k).startsWith("sk-test-secret-"));
        assertThat(sent.header("anthropic-version")).isPresent();
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(sent.bodyJson().path("max_tokens").asInt()).isEqualTo(256);
    }

    @Test
    void anthropic_sdk_streams_from_anthropic_event_by_event() {
        anthropic.enqueue(Reply.sseFrames(AnthropicBodies.stream("claude-sonnet-4-5", List.of("Hel", "lo"))));

        StringBuilder text = new StringBuilder();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropicSdk().messages().createStreaming(hello("claude"))) {
            stream.stream().forEach(event -> event.contentBlockDelta()
                    .flatMap(delta -> delta.delta().text()).ifPresent(t -> text.append(t.text())));
        }

        assertThat(text).hasToString("Hello");
    }

    @Test
    void anthropic_sdk_to_an_openai_provider_is_translated_both_ways() {
        openai.enqueue(Reply.json(OpenAiBodies.chatCompletion("gpt-4o", "Hi from GPT", 7, 3)));

        Message message = anthropicSdk().messages().create(MessageCreateParams.builder().model("gpt").maxTokens(99)
                .system("Be brief").addUserMessage("Hello").build());

        assertThat(text(message)).isEqualTo("Hi from GPT");
        assertThat(message.usage().outputTokens()).isEqualTo(3);
        var sent = openai.received().getLast().bodyJson();
        assertThat(sent.path("model").asText()).isEqualTo("gpt-4o");
        assertThat(sent.path("messages").get(0).path("role").asText()).isIn("system", "developer");
        assertThat(sent.path("messages").get(1).path("content").toString()).contains("Hello");
    }

    @Test
    void anthropic_sdk_streams_from_an_openai_provider() {
        openai.enqueue(Reply.sse(OpenAiBodies.chunks("gpt-4o", List.of("Tra", "ns", "lated"), true)).withDone());

        StringBuilder text = new StringBuilder();
        List<String> types = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropicSdk().messages().createStreaming(hello("gpt"))) {
            stream.stream().forEach(event -> {
                event.messageStart().ifPresent(e -> types.add("message_start"));
                event.messageStop().ifPresent(e -> types.add("message_stop"));
                event.contentBlockDelta().flatMap(delta -> delta.delta().text()).ifPresent(t -> text.append(t.text()));
            });
        }

        assertThat(text).hasToString("Translated");
        assertThat(types).containsExactly("message_start", "message_stop");
    }

    @Test
    void anthropic_sdk_gets_its_own_typed_errors() {
        assertThatThrownBy(() -> anthropicSdk().messages().create(hello("no-such-endpoint")))
                .isInstanceOf(com.anthropic.errors.NotFoundException.class);
        anthropic.enqueue(Reply.json(429, AnthropicBodies.error("rate_limit_error", "Number of requests exceeded")));
        assertThatThrownBy(() -> anthropicSdk().messages().create(hello("claude")))
                .isInstanceOf(com.anthropic.errors.RateLimitException.class)
                .hasMessageContaining("Number of requests exceeded");
    }

    @Test
    void gemini_sdk_to_gemini_is_passed_through() {
        gemini.enqueue(Reply.json(GeminiBodies.response("Hi from Gemini", 4, 3)));

        GenerateContentResponse response = geminiSdk().models.generateContent("flash", "Hello", null);

        assertThat(response.text()).isEqualTo("Hi from Gemini");
        Recorded sent = gemini.received().getLast();
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(sent.header("x-goog-api-key")).hasValueSatisfying(k -> assertThat(k).startsWith("sk-test-secret-"));
        assertThat(sent.bodyJson().at("/contents/0/parts/0/text").asText()).isEqualTo("Hello");
    }

    @Test
    void gemini_sdk_streams_from_gemini() {
        gemini.enqueue(Reply.sse(GeminiBodies.stream(List.of("Stre", "amed"))));

        StringBuilder text = new StringBuilder();
        try (ResponseStream<GenerateContentResponse> stream = geminiSdk().models.generateContentStream("flash", "Hello",
                null)) {
            for (GenerateContentResponse chunk : stream) {
                text.append(chunk.text());
            }
        }

        assertThat(text).hasToString("Streamed");
        assertThat(gemini.received().getLast().path()).isEqualTo(
                "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
    }

    @Test
    void gemini_sdk_to_an_anthropic_provider_is_translated_both_ways() {
        anthropic.enqueue(Reply.json(AnthropicBodies.message("claude-sonnet-4-5", "Claude via Gemini SDK", 6, 4)));

        GenerateContentResponse response = geminiSdk().models.generateContent("claude", "Hello", null);

        assertThat(response.text()).isEqualTo("Claude via Gemini SDK");
        var sent = anthropic.received().getLast().bodyJson();
        assertThat(sent.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(sent.path("max_tokens").asInt()).isPositive();
        assertThat(sent.at("/messages/0/content").toString()).contains("Hello");
    }

    @Test
    void gemini_sdk_gets_its_own_typed_errors() {
        assertThatThrownBy(() -> geminiSdk().models.generateContent("no-such-endpoint", "Hello", null))
                .isInstanceOf(com.google.genai.errors.ClientException.class)
                .hasMessageContaining("404");
    }

    @Test
    void openai_sdk_to_an_anthropic_provider_is_translated() {
        anthropic.enqueue(Reply.json(AnthropicBodies.message("claude-sonnet-4-5", "Claude via OpenAI SDK", 6, 4)));

        var completion = fixture.openai().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("claude").addUserMessage("Hello").build());

        assertThat(completion.choices().getFirst().message().content()).contains("Claude via OpenAI SDK");
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(4);
    }

    @Test
    void openai_sdk_to_a_gemini_provider_is_translated() {
        gemini.enqueue(Reply.json(GeminiBodies.response("Gemini via OpenAI SDK", 4, 3)));

        var completion = fixture.openai().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("flash").addUserMessage("Hello").build());

        assertThat(completion.choices().getFirst().message().content()).contains("Gemini via OpenAI SDK");
    }
}
