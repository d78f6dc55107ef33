package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.switchboard.testing.AnthropicBodies;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.GeminiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OpenAI-SDK caller continuing a tool conversation with thinking on Claude and on Gemini, through
 * the gateway: the signed thinking and signatures it got come back to the provider that made them,
 * and the tool-call ids it collects stay unique. The fake providers refuse what the real ones
 * refuse (a tool-use turn without its signed thinking, a function call without its thought
 * signature, two equal {@code tool_use} ids), with the errors they document.
 */
class OpenAiSdkContinuationTest {

    private static final String CLAUDE_SIGNATURE = "EqQBCkgIARABGAIiQL2h+w/9jG6bJ1aQ==";
    private static final String GEMINI_SIGNATURE = "CiIBVKhc7oDtYKhK+0WqRn/6";
    private static final String THINKING = "The user wants the weather; I should call the tool.";

    @TempDir
    static Path dir;
    static GatewayFixture fixture;
    static FakeUpstream anthropic;
    static FakeUpstream gemini;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(dir);
        anthropic = fixture.upstream();
        gemini = fixture.upstream();
        fixture.endpoint("claude", fixture.definition("anthropic", anthropic.baseUrl(), "claude-sonnet-4-5"));
        fixture.endpoint("gemini-3", fixture.definition("gemini", gemini.baseUrl(), "gemini-3-pro-preview"));
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static ChatCompletionCreateParams.Builder ask(String model) {
        return ChatCompletionCreateParams.builder().model(model).reasoningEffort(ReasoningEffort.MEDIUM)
                .addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name("get_weather")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("city",
                                        Map.of("type", "string"))))
                                .build())
                        .build()).build())
                .addUserMessage("What is the weather in Paris?");
    }

    private static ChatCompletionMessageFunctionToolCall call(ChatCompletionMessage message) {
        return message.toolCalls().orElseThrow().getFirst().asFunction();
    }

    private static ChatCompletionToolMessageParam result(String toolCallId) {
        return ChatCompletionToolMessageParam.builder().toolCallId(toolCallId).content("18C and sunny").build();
    }

    /** Claude's answers, unless the request breaks one of Claude's rules for tool use with thinking. */
    private static Reply claude(Reply answer) {
        return Reply.respond(request -> claudeRefusal(request.bodyJson()).orElse(answer));
    }

    private static Optional<Reply> claudeRefusal(JsonNode body) {
        Set<String> ids = new HashSet<>();
        for (JsonNode id : body.path("messages").findValues("id")) {
            if (!ids.add(id.asText())) {
                return Optional.of(Reply.json(400, AnthropicBodies.error("invalid_request_error",
                        "messages: `tool_use` ids must be unique")));
            }
        }
        JsonNode messages = body.path("messages");
        boolean thinking = body.path("thinking").isObject() && !"disabled".equals(body.at("/thinking/type").asText());
        for (int i = messages.size() - 1; thinking && i >= 0; i--) {
            JsonNode message = messages.get(i);
            if (!message.path("role").asText().equals("assistant")) {
                continue;
            }
            JsonNode first = message.path("content").path(0);
            if (!first.path("type").asText().equals("thinking")) {
                return Optional.of(Reply.json(400, AnthropicBodies.error("invalid_request_error", "messages." + i
                        + ".content.0.type: Expected `thinking` or `redacted_thinking`, but found `"
                        + first.path("type").asText() + "`. When `thinking` is enabled, a final `assistant` message must"
                        + " start with a thinking block.")));
            }
            if (!first.path("signature").asText().equals(CLAUDE_SIGNATURE)) {
                return Optional.of(Reply.json(400, AnthropicBodies.error("invalid_request_error", "messages." + i
                        + ".content.0: Invalid `signature` in `thinking` block")));
            }
            break;
        }
        return Optional.empty();
    }

    private static String claudeToolUse(String id) {
        return """
                {"id": "msg_01", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                 "content": [{"type": "thinking", "thinking": "%s", "signature": "%s"},
                             {"type": "tool_use", "id": "%s", "name": "get_weather", "input": {"city": "Paris"}}],
                 "stop_reason": "tool_use", "stop_sequence": null,
                 "usage": {"input_tokens": 50, "output_tokens": 40}}""".formatted(THINKING, CLAUDE_SIGNATURE, id);
    }

    private static List<String> claudeToolUseStream() {
        String signature = CLAUDE_SIGNATURE;
        return List.of(
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_02\",\"type\":\"message\","
                        + "\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-5\",\"stop_reason\":null,"
                        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":50,\"output_tokens\":1}}}",
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"The user wants the weather; \"}}",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"I should call the tool.\"}}",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"signature_delta\",\"signature\":\"" + signature + "\"}}",
                "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}",
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_02\",\"name\":\"get_weather\",\"input\":{}}}",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,"
                        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \\\"Paris\\\"}\"}}",
                "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}",
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\","
                        + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":40}}",
                "event: message_stop\ndata: {\"type\":\"message_stop\"}");
    }

    /** Gemini's answers, unless a function call of the request lacks the signature Gemini gave it. */
    private static Reply gemini(Reply answer) {
        return Reply.respond(request -> {
            for (JsonNode content : request.bodyJson().path("contents")) {
                for (JsonNode part : content.path("parts")) {
                    if (part.has("functionCall") && !GEMINI_SIGNATURE.equals(part.path("thoughtSignature").asText())) {
                        return Reply.json(400, GeminiBodies.error(400, "INVALID_ARGUMENT", "Function call is missing a"
                                + " thought_signature in functionCall parts. This is required for tools to work correctly."));
                    }
                }
            }
            return answer;
        });
    }

    private static String geminiFunctionCall(String city) {
        return """
                {"candidates": [{"content": {"role": "model", "parts": [
                   {"functionCall": {"name": "get_weather", "args": {"city": "%s"}}, "thoughtSignature": "%s"}]},
                   "finishReason": "STOP", "index": 0}],
                 "usageMetadata": {"promptTokenCount": 40, "candidatesTokenCount": 10, "thoughtsTokenCount": 30,
                                   "totalTokenCount": 80},
                 "modelVersion": "gemini-3-pro-preview"}""".formatted(city, GEMINI_SIGNATURE);
    }

    @Test
    void a_claude_tool_turn_with_thinking_goes_back_to_claude_with_its_signed_thinking() {
        anthropic.enqueue(claude(Reply.json(claudeToolUse("toolu_01"))));
        ChatCompletion first = fixture.openai().chat().completions().create(ask("claude").build());
        ChatCompletionMessage message = first.choices().getFirst().message();

        ChatCompletionAssistantMessageParam.Builder sentBack = message.toParam().toBuilder();
        Optional.ofNullable(message._additionalProperties().get("thinking_blocks"))
                .ifPresent(blocks -> sentBack.putAdditionalProperty("thinking_blocks", blocks));
        anthropic.enqueue(claude(Reply.json(AnthropicBodies.message("claude-sonnet-4-5", "18C and sunny in Paris.", 90, 9))));
        ChatCompletion second = fixture.openai().chat().completions().create(ask("claude")
                .addMessage(sentBack.build()).addMessage(result(call(message).id())).build());

        assertThat(message._additionalProperties().get("reasoning_content").asString()).contains(THINKING);
        assertThat(second.choices().getFirst().message().content()).contains("18C and sunny in Paris.");
        Recorded sent = anthropic.received().getLast();
        assertThat(sent.bodyJson().at("/messages/1/content/0/signature").asText()).isEqualTo(CLAUDE_SIGNATURE);
        assertThat(sent.bodyJson().at("/messages/1/content/1/id").asText()).isEqualTo("toolu_01");
        assertThat(sent.bodyText()).as("no gateway tag reaches the provider").doesNotContain("swb1");
    }

    @Test
    void a_streamed_claude_tool_turn_goes_back_with_the_thinking_blocks_the_stream_carried() {
        anthropic.enqueue(claude(Reply.sseFrames(claudeToolUseStream())));
        List<Object> thinkingBlocks = new ArrayList<>();
        Map<Long, String[]> calls = new TreeMap<>();
        StringBuilder reasoning = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = fixture.openai().chat().completions()
                .createStreaming(ask("claude").build())) {
            stream.stream().flatMap(chunk -> chunk.choices().stream()).map(ChatCompletionChunk.Choice::delta)
                    .forEach(delta -> {
                        Map<String, JsonValue> more = delta._additionalProperties();
                        Optional.ofNullable(more.get("reasoning_content")).flatMap(JsonValue::asString)
                                .ifPresent(reasoning::append);
                        Optional.ofNullable(more.get("thinking_blocks"))
                                .ifPresent(blocks -> thinkingBlocks.addAll(blocks.convert(List.class)));
                        delta.toolCalls().orElse(List.of()).forEach(call -> {
                            String[] acc = calls.computeIfAbsent(call.index(), i -> new String[] {"", "", ""});
                            call.id().ifPresent(id -> acc[0] = id);
                            call.function().flatMap(f -> f.name()).ifPresent(n -> acc[1] = n);
                            call.function().flatMap(f -> f.arguments()).ifPresent(a -> acc[2] += a);
                        });
                    });
        }
        String[] only = calls.values().iterator().next();

        ChatCompletionAssistantMessageParam sentBack = ChatCompletionAssistantMessageParam.builder()
                .addToolCall(ChatCompletionMessageFunctionToolCall.builder().id(only[0])
                        .function(ChatCompletionMessageFunctionToolCall.Function.builder().name(only[1])
                                .arguments(only[2]).build()).build())
                .putAdditionalProperty("thinking_blocks", JsonValue.from(thinkingBlocks))
                .build();
        anthropic.enqueue(claude(Reply.json(AnthropicBodies.message("claude-sonnet-4-5", "Sunny.", 90, 9))));
        ChatCompletion second = fixture.openai().chat().completions().create(ask("claude")
                .addMessage(sentBack).addMessage(result(only[0])).build());

        assertThat(reasoning).hasToString(THINKING);
        assertThat(thinkingBlocks).hasSize(1);
        assertThat(second.choices().getFirst().message().content()).contains("Sunny.");
        JsonNode assistant = anthropic.received().getLast().bodyJson().at("/messages/1/content");
        assertThat(assistant.at("/0/thinking").asText()).isEqualTo(THINKING);
        assertThat(assistant.at("/0/signature").asText()).isEqualTo(CLAUDE_SIGNATURE);
    }

    @Test
    void a_gemini_function_call_goes_back_to_gemini_with_its_thought_signature() {
        gemini.enqueue(gemini(Reply.json(geminiFunctionCall("Paris"))));
        ChatCompletionMessage message = fixture.openai().chat().completions().create(ask("gemini-3").build())
                .choices().getFirst().message();

        gemini.enqueue(gemini(Reply.json(GeminiBodies.response("18C and sunny.", 60, 5))));
        ChatCompletion second = fixture.openai().chat().completions().create(ask("gemini-3")
                .addMessage(message).addMessage(result(call(message).id())).build());

        assertThat(second.choices().getFirst().message().content()).contains("18C and sunny.");
        Recorded sent = gemini.received().getLast();
        JsonNode part = sent.bodyJson().at("/contents/1/parts/0");
        assertThat(part.get("thoughtSignature").asText()).isEqualTo(GEMINI_SIGNATURE);
        assertThat(part.at("/functionCall").has("id")).as("an id Gemini never gave is not sent").isFalse();
        assertThat(sent.bodyText()).as("no gateway tag reaches the provider").doesNotContain("swb1");
    }

    @Test
    void tool_calls_collected_from_two_gemini_turns_reach_claude_with_distinct_ids() {
        ChatCompletionCreateParams.Builder history = ChatCompletionCreateParams.builder().model("claude")
                .addUserMessage("Weather in Paris, then in Rome?");
        for (String city : List.of("Paris", "Rome")) {
            gemini.enqueue(Reply.json(geminiFunctionCall(city)));
            ChatCompletionMessage message = fixture.openai().chat().completions().create(ask("gemini-3").build())
                    .choices().getFirst().message();
            history.addMessage(message).addMessage(result(call(message).id()));
        }
        anthropic.enqueue(claude(Reply.json(AnthropicBodies.message("claude-sonnet-4-5", "Both sunny.", 90, 9))));

        ChatCompletion answer = fixture.openai().chat().completions().create(history.build());

        assertThat(answer.choices().getFirst().message().content()).contains("Both sunny.");
        List<String> ids = anthropic.received().getLast().bodyJson().path("messages").findValues("id").stream()
                .map(JsonNode::asText).toList();
        assertThat(ids).hasSize(2).doesNotHaveDuplicates();
    }
}
