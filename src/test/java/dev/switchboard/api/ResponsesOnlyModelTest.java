package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model the catalog knows as served only by OpenAI's Responses API ({@code o3-pro}) is called at
 * {@code /responses} from every surface: translated from chat and Anthropic callers, passed through
 * from Responses callers.
 */
class ResponsesOnlyModelTest {

    @TempDir
    static Path dir;
    static GatewayFixture fixture;
    static FakeUpstream openai;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(dir);
        openai = fixture.upstream();
        fixture.endpoint("pro", fixture.definition("openai", openai.baseUrl(), "o3-pro"));
        fixture.endpoint("chat", fixture.definition("openai", openai.baseUrl(), "gpt-4.1"));
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static String fixtureText(String name) {
        try (var in = Objects.requireNonNull(
                ResponsesOnlyModelTest.class.getResourceAsStream("/fixtures/responses/" + name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_chat_completions_caller_is_translated_into_responses_and_back() {
        openai.enqueue(Reply.json(fixtureText("response-text.json")));

        ChatCompletion completion = fixture.openai().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("pro").addSystemMessage("Be brief").addUserMessage("Tell me a story").build());

        assertThat(completion.choices().getFirst().message().content()).hasValueSatisfying(
                text -> assertThat(text).startsWith("In a peaceful grove"));
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(36);
        Recorded sent = openai.received().getLast();
        assertThat(sent.path()).isEqualTo("/responses");
        JsonNode body = sent.bodyJson();
        assertThat(body.path("model").asText()).isEqualTo("o3-pro");
        assertThat(body.has("messages")).isFalse();
        assertThat(body.path("store").asBoolean(true)).isFalse();
        assertThat(body.toString()).contains("Be brief", "Tell me a story");
    }

    @Test
    void a_chat_stream_is_translated_from_the_responses_event_stream() {
        List<String> frames = Arrays.stream(fixtureText("stream-text.sse").split("\n\n"))
                .map(String::strip).filter(f -> !f.isEmpty()).toList();
        openai.enqueue(Reply.sseFrames(frames));

        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = fixture.openai().chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("pro").addUserMessage("Hi").build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(
                    choice -> choice.delta().content().ifPresent(text::append)));
        }

        assertThat(text).hasToString("Hi there!");
        assertThat(openai.received().getLast().path()).isEqualTo("/responses");
        assertThat(openai.received().getLast().bodyJson().path("stream").asBoolean()).isTrue();
    }

    @Test
    void an_anthropic_caller_reaches_it_through_responses() {
        openai.enqueue(Reply.json(fixtureText("response-text.json")));

        Message message = AnthropicOkHttpClient.builder()
                .baseUrl(fixture.gateway().uri("/gateway/anthropic").toString()).apiKey("not-needed").maxRetries(0)
                .build().messages().create(MessageCreateParams.builder().model("pro").maxTokens(300)
                        .addUserMessage("Tell me a story").build());

        assertThat(message.content().getFirst().text().orElseThrow().text()).startsWith("In a peaceful grove");
        assertThat(openai.received().getLast().path()).isEqualTo("/responses");
        assertThat(openai.received().getLast().bodyJson().path("max_output_tokens").asInt()).isEqualTo(300);
    }

    @Test
    void a_responses_caller_is_passed_through() {
        openai.enqueue(Reply.json(fixtureText("response-text.json")));

        Response response = fixture.openai().responses().create(ResponseCreateParams.builder().model("pro")
                .input("Tell me a story").build());

        assertThat(response.output()).isNotEmpty();
        Recorded sent = openai.received().getLast();
        assertThat(sent.path()).isEqualTo("/responses");
        assertThat(sent.bodyJson().path("input").asText()).isEqualTo("Tell me a story");
    }

    @Test
    void a_model_the_catalog_serves_by_chat_stays_on_chat_completions() {
        openai.enqueue(Reply.json(OpenAiBodies.chatCompletion("gpt-4.1", "Hi", 3, 1)));

        fixture.openai().chat().completions().create(ChatCompletionCreateParams.builder().model("chat")
                .addUserMessage("Hi").build());

        assertThat(openai.received().getLast().path()).isEqualTo("/chat/completions");
    }
}
