package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.ThinkingConfigDisabled;
import com.google.genai.Client;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.ThinkingConfig;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Anthropic and Gemini SDK callers that turn thinking off (or leave it to the model) reach a model
 * that does not reason through an OpenAI-format provider: no {@code reasoning_effort} is sent, which
 * such models refuse.
 */
class ThinkingOffSdkTest {

    @TempDir
    static Path dir;
    static GatewayFixture fixture;
    static FakeUpstream openai;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(dir);
        openai = fixture.upstream();
        openai.setDefault(Reply.respond(request -> request.bodyJson().has("reasoning_effort")
                ? Reply.json(400, OpenAiBodies.error("Unrecognized request argument supplied: reasoning_effort",
                        "invalid_request_error", "unsupported_parameter"))
                : Reply.json(OpenAiBodies.chatCompletion("gpt-4o", "Plain answer", 5, 2))));
        fixture.endpoint("gpt", fixture.definition("custom", openai.baseUrl(), "gpt-4o"));
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void an_anthropic_caller_with_thinking_disabled_gets_an_answer_from_a_model_that_does_not_reason() {
        Message message = AnthropicOkHttpClient.builder().baseUrl(fixture.gateway().uri("/gateway/anthropic").toString())
                .apiKey("not-needed").maxRetries(0).build().messages().create(MessageCreateParams.builder()
                        .model("gpt").maxTokens(256).thinking(ThinkingConfigDisabled.builder().build())
                        .addUserMessage("Hello").build());

        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("Plain answer");
        assertThat(openai.received().getLast().bodyJson().has("reasoning_effort")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void a_gemini_caller_with_thinking_off_or_dynamic_gets_an_answer_from_a_model_that_does_not_reason(int budget) {
        Client gemini = Client.builder().apiKey("not-needed").httpOptions(HttpOptions.builder()
                .baseUrl(fixture.gateway().uri("/gateway/gemini").toString()).build()).build();

        GenerateContentResponse response = gemini.models.generateContent("gpt", "Hello", GenerateContentConfig.builder()
                .thinkingConfig(ThinkingConfig.builder().thinkingBudget(budget).build()).build());

        assertThat(response.text()).isEqualTo("Plain answer");
        assertThat(openai.received().getLast().bodyJson().has("reasoning_effort")).isFalse();
    }
}
