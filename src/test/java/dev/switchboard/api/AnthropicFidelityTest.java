package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.ObjectMappers;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import dev.switchboard.testing.AnthropicBodies;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import dev.switchboard.wire.anthropic.AnthropicStreamGrammar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Anthropic's rules make of translated calls, seen through the official SDKs: a fake Claude
 * answers with Anthropic's 400s for a forced tool beside thinking and for thinking it did not sign,
 * and streams to the Anthropic SDK must keep Anthropic's event grammar.
 */
class AnthropicFidelityTest {

    private static final String CLAUDE_SIGNATURE = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds";

    @TempDir
    static Path dir;
    static GatewayFixture fixture;
    static FakeUpstream claude;
    static FakeUpstream deepSeek;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(dir);
        claude = fixture.upstream();
        deepSeek = fixture.upstream();
        fixture.endpoint("claude", fixture.definition("anthropic", claude.baseUrl(), "claude-sonnet-4-5"));
        fixture.endpoint("deepseek", fixture.definition("custom", deepSeek.baseUrl(), "deepseek-chat"));
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static AnthropicClient anthropicSdk() {
        return AnthropicOkHttpClient.builder().baseUrl(fixture.gateway().uri("/gateway/anthropic").toString())
                .apiKey("not-needed").maxRetries(0).build();
    }

    /**
     * Claude, as far as Anthropic's documented refusals go: a 400 for a forced tool choice beside
     * thinking, and for a thinking block whose signature it did not make; else {@code answer}.
     */
    private static Reply claudeAnswering(String answer) {
        return Reply.respond(request -> {
            JsonNode body = request.bodyJson();
            boolean thinking = !body.at("/thinking/type").asText("disabled").equals("disabled");
            String choice = body.at("/tool_choice/type").asText("auto");
            if (thinking && (choice.equals("any") || choice.equals("tool"))) {
                return Reply.json(400, AnthropicBodies.error("invalid_request_error",
                        "Thinking may not be enabled when tool_choice forces tool use."));
            }
            JsonNode messages = body.path("messages");
            for (int m = 0; m < messages.size(); m++) {
                JsonNode content = messages.get(m).path("content");
                for (int b = 0; b < content.size(); b++) {
                    JsonNode block = content.get(b);
                    if (block.path("type").asText().equals("thinking")
                            && !block.path("signature").asText().startsWith(CLAUDE_SIGNATURE)) {
                        return Reply.json(400, AnthropicBodies.error("invalid_request_error",
                                "messages.%d.content.%d: Invalid `signature` in `thinking` block".formatted(m, b)));
                    }
                }
            }
            return Reply.json(answer);
        });
    }

    private static String claudeToolCall() {
        return """
                {"id": "msg_01Aq9w938a90dw8q", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                 "content": [{"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "get_weather",
                   "input": {"location": "Paris"}}],
                 "stop_reason": "tool_use", "stop_sequence": null, "usage": {"input_tokens": 20, "output_tokens": 9}}""";
    }

    @Test
    void an_openai_caller_forcing_a_tool_with_reasoning_gets_the_call_from_claude_with_thinking_off() {
        claude.enqueue(claudeAnswering(claudeToolCall()));

        var completion = fixture.openai().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("claude").addUserMessage("Weather in Paris?")
                .addFunctionTool(FunctionDefinition.builder().name("get_weather").parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", com.openai.core.JsonValue.from("object")).build()).build())
                .toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED).reasoningEffort(ReasoningEffort.HIGH)
                .build());

        var call = completion.choices().getFirst().message().toolCalls().orElseThrow().getFirst();
        assertThat(call.function().orElseThrow().function().name()).isEqualTo("get_weather");
        JsonNode sent = claude.received().getLast().bodyJson();
        assertThat(sent.at("/tool_choice/type").asText()).isEqualTo("any");
        assertThat(sent.at("/thinking/type").asText()).isEqualTo("disabled");
    }

    private static Tool weatherTool() {
        return Tool.builder().name("get_weather").inputSchema(Tool.InputSchema.builder()
                .properties(JsonValue.from(Map.of("location", Map.of("type", "string")))).build()).build();
    }

    private static String deepSeekToolCall() {
        return """
                {"id": "0193c9b0-5d7e", "object": "chat.completion", "created": 1737000000, "model": "deepseek-chat",
                 "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant", "content": "",
                   "reasoning_content": "The user wants Paris weather; call the tool.",
                   "tool_calls": [{"id": "call_0_paris", "type": "function",
                     "function": {"name": "get_weather", "arguments": "{\\"location\\": \\"Paris\\"}"}}]}}],
                 "usage": {"prompt_tokens": 20, "completion_tokens": 30, "total_tokens": 50,
                   "completion_tokens_details": {"reasoning_tokens": 12}}}""";
    }

    @Test
    void deepseek_reasoning_sent_back_by_an_anthropic_caller_is_left_out_for_claude_and_returned_to_deepseek() {
        deepSeek.enqueue(Reply.json(deepSeekToolCall()));
        Message first = anthropicSdk().messages().create(MessageCreateParams.builder().model("deepseek").maxTokens(256)
                .addTool(weatherTool()).addUserMessage("Weather in Paris?").build());
        String callId = first.content().stream().flatMap(b -> b.toolUse().stream()).findFirst().orElseThrow().id();
        claude.enqueue(claudeAnswering(AnthropicBodies.message("claude-sonnet-4-5", "It is 20C in Paris.", 40, 9)));
        Message onClaude = anthropicSdk().messages().create(toolResultAfter(first, callId, "claude"));
        deepSeek.enqueue(Reply.json(OpenAiBodies.chatCompletion("deepseek-chat", "It is 20C in Paris.", 40, 9)));
        Message onDeepSeek = anthropicSdk().messages().create(toolResultAfter(first, callId, "deepseek"));

        assertThat(first.content().getFirst().thinking().orElseThrow().signature()).isEqualTo("swb1Oapi");
        assertThat(onClaude.content().getFirst().text().orElseThrow().text()).isEqualTo("It is 20C in Paris.");
        assertThat(claude.received().getLast().bodyJson().at("/messages/1/content").toString())
                .doesNotContain("thinking").contains(callId);
        assertThat(onDeepSeek.content().getFirst().text().orElseThrow().text()).isEqualTo("It is 20C in Paris.");
        JsonNode toDeepSeek = deepSeek.received().getLast().bodyJson().at("/messages/1");
        assertThat(toDeepSeek.path("reasoning_content").asText()).isEqualTo("The user wants Paris weather; call the tool.");
        assertThat(toDeepSeek.at("/tool_calls/0/id").asText()).isEqualTo(callId);
    }

    /** The conversation so far as the SDK sends it back, with the tool's result, to {@code model}. */
    private static MessageCreateParams toolResultAfter(Message answer, String callId, String model) {
        return MessageCreateParams.builder().model(model).maxTokens(256).addTool(weatherTool())
                .addUserMessage("Weather in Paris?").addMessage(answer.toParam())
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder().toolUseId(callId).content("20C and sunny").build())))
                .build();
    }

    @Test
    void streamed_deepseek_reasoning_reaches_the_anthropic_sdk_with_a_signature_the_gateway_knows() {
        deepSeek.enqueue(Reply.sseFrames(fixtureFrames("stream-deepseek-reasoning.sse")));

        Message message = accumulate(stream(MessageCreateParams.builder().model("deepseek").maxTokens(256)
                .addUserMessage("9.11 and 9.8, which is greater?").build()));

        var thinking = message.content().getFirst().thinking().orElseThrow();
        assertThat(thinking.thinking()).isEqualTo("The user asks for 9.11 vs 9.8. 9.8 is larger.");
        assertThat(thinking.signature()).isEqualTo("swb1Oapi");
        assertThat(message.usage().outputTokensDetails()).get().extracting(d -> d.thinkingTokens()).isEqualTo(31L);
    }

    @Test
    void interleaved_parallel_calls_stream_to_the_anthropic_sdk_in_anthropics_grammar() throws Exception {
        deepSeek.enqueue(Reply.sseFrames(fixtureFrames("stream-interleaved-tools.sse")));

        List<RawMessageStreamEvent> events = stream(MessageCreateParams.builder().model("deepseek").maxTokens(256)
                .addTool(weatherTool()).addUserMessage("Weather in Paris and Tokyo?").build());

        assertThat(AnthropicStreamGrammar.violations(events.stream()
                .map(e -> (JsonNode) ObjectMappers.jsonMapper().valueToTree(e)).toList())).isEmpty();
        Message message = accumulate(events);
        assertThat(message.content()).hasSize(2);
        assertThat(ObjectMappers.jsonMapper().writeValueAsString(message.content().get(0).toolUse().orElseThrow()._input()))
                .isEqualTo("{\"location\":\"Paris, France\",\"unit\":\"celsius\"}");
        assertThat(ObjectMappers.jsonMapper().writeValueAsString(message.content().get(1).toolUse().orElseThrow()._input()))
                .isEqualTo("{\"location\":\"Tokyo, Japan\",\"unit\":\"celsius\"}");
    }

    private static List<RawMessageStreamEvent> stream(MessageCreateParams params) {
        try (StreamResponse<RawMessageStreamEvent> stream = anthropicSdk().messages().createStreaming(params)) {
            return stream.stream().toList();
        }
    }

    private static Message accumulate(List<RawMessageStreamEvent> events) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        events.forEach(accumulator::accumulate);
        return accumulator.message();
    }

    private static List<String> fixtureFrames(String name) {
        try (InputStream in = AnthropicFidelityTest.class.getResourceAsStream("/fixtures/openai/" + name)) {
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n\n"))
                    .filter(frame -> !frame.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
