package dev.switchboard.wire.openai;

import static dev.switchboard.wire.openai.Fixtures.parse;
import static dev.switchboard.wire.openai.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatEvent.MessageStart;
import dev.switchboard.core.ChatEvent.RedactedThinkingBlock;
import dev.switchboard.core.ChatEvent.SignatureDelta;
import dev.switchboard.core.ChatEvent.Stop;
import dev.switchboard.core.ChatEvent.TextDelta;
import dev.switchboard.core.ChatEvent.ThinkingDelta;
import dev.switchboard.core.ChatEvent.ToolCallArgsDelta;
import dev.switchboard.core.ChatEvent.ToolCallStart;
import dev.switchboard.core.ChatEvent.UsageUpdate;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.RedactedThinking;
import dev.switchboard.core.StopReason;
import dev.switchboard.core.Text;
import dev.switchboard.core.Thinking;
import dev.switchboard.core.ToolCall;
import dev.switchboard.core.Usage;
import dev.switchboard.wire.anthropic.AnthropicCodec;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import dev.switchboard.wire.gemini.GeminiCodec;
import dev.switchboard.wire.gemini.GeminiFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Signed thinking through the OpenAI surface: {@code thinking_blocks} (LiteLLM's convention) and
 * Gemini's function-call signature in {@code extra_content.google.thought_signature} (Gemini's
 * OpenAI-compatible API), out to the caller tagged with their maker and back only to that maker.
 */
class OpenAiSignedThinkingTest {

    private static final String CLAUDE_SIGNATURE = "EqQBCkgIARABGAIiQL2h+w/9jG6bJ1aQ==";
    private static final String GEMINI_SIGNATURE = "CiIBVKhc7oDtYKhK+0WqRn/6";
    private static final String WEATHER_ARGS = "{\"city\": \"Paris\"}";

    private static ChatResponse claudeToolTurn() {
        return new ChatResponse("msg_1", Optional.of("claude-sonnet-4-5"), List.of(new ChatResponse.Choice(List.of(
                new Thinking("I should look it up.", Optional.of(CLAUDE_SIGNATURE)), new RedactedThinking("c2VjcmV0"),
                new ToolCall("toolu_01A", "get_weather", WEATHER_ARGS)), StopReason.TOOL_USE)),
                new Usage(10, 20, 0, 0, 0), Map.of(), Optional.of(AnthropicFormat.INSTANCE));
    }

    /** The caller's next request: the assistant message it got, the tool's result and a new user turn. */
    private static JsonNode continuation(JsonNode assistantMessage, String toolCallId) {
        ObjectNode body = parse("""
                {"model": "m", "reasoning_effort": "medium",
                 "tools": [{"type": "function", "function": {"name": "get_weather",
                            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}],
                 "messages": [{"role": "user", "content": "Weather in Paris?"}]}""").deepCopy();
        ArrayNode messages = (ArrayNode) body.get("messages");
        messages.add(assistantMessage);
        messages.addObject().put("role", "tool").put("tool_call_id", toolCallId).put("content", "18C, sunny");
        return body;
    }

    private static List<ObjectNode> encodeAll(List<ChatEvent> events) {
        OpenAiStreamEncoder encoder = new OpenAiStreamEncoder("chatcmpl-gw", "my-endpoint", 1700000000, false);
        List<ObjectNode> chunks = new ArrayList<>();
        events.forEach(event -> chunks.addAll(encoder.encode(event)));
        chunks.addAll(encoder.finish());
        return chunks;
    }

    private static List<JsonNode> deltas(List<ObjectNode> chunks, String field) {
        return chunks.stream().map(c -> c.at("/choices/0/delta")).filter(d -> d.has(field)).map(d -> d.get(field))
                .toList();
    }

    @Test
    void claudes_thinking_reaches_the_caller_as_reasoning_content_and_as_thinking_blocks_with_tagged_signatures() {
        JsonNode message = OpenAiChatCodec.encodeResponse(claudeToolTurn(), "my-endpoint", 1700000000)
                .at("/choices/0/message");

        assertThat(message.get("reasoning_content").asText()).isEqualTo("I should look it up.");
        assertThat(wire(message.get("thinking_blocks"))).isEqualTo(parse("""
                [{"type": "thinking", "thinking": "I should look it up.", "signature": "swb1Anth%s"},
                 {"type": "redacted_thinking", "data": "swb1Anthc2VjcmV0"}]""".formatted(CLAUDE_SIGNATURE)));
        assertThat(message.at("/tool_calls/0/id").asText()).isEqualTo("toolu_01A");
    }

    @Test
    void thinking_blocks_sent_back_reach_claude_untagged_before_the_tool_call_and_never_reach_gemini() {
        JsonNode message = OpenAiChatCodec.encodeResponse(claudeToolTurn(), "my-endpoint", 1700000000)
                .at("/choices/0/message");

        ChatRequest next = OpenAiChatCodec.decodeRequest(continuation(message, "toolu_01A"));

        assertThat(next.messages().get(1).content()).containsExactly(
                new Thinking("I should look it up.", Optional.of("swb1Anth" + CLAUDE_SIGNATURE)),
                new RedactedThinking("swb1Anthc2VjcmV0"), new ToolCall("toolu_01A", "get_weather", WEATHER_ARGS));
        JsonNode toClaude = AnthropicCodec.encodeRequest(next, "claude-sonnet-4-5", 4096).at("/messages/1/content");
        assertThat(toClaude.get(0)).isEqualTo(parse("""
                {"type": "thinking", "thinking": "I should look it up.", "signature": "%s"}""".formatted(CLAUDE_SIGNATURE)));
        assertThat(toClaude.get(1)).isEqualTo(parse("{\"type\": \"redacted_thinking\", \"data\": \"c2VjcmV0\"}"));
        assertThat(toClaude.get(2).get("type").asText()).isEqualTo("tool_use");
        assertThat(GeminiCodec.encodeRequest(next).toString()).doesNotContain(CLAUDE_SIGNATURE)
                .doesNotContain("I should look it up.");
    }

    @Test
    void a_gemini_function_call_signature_goes_to_the_caller_in_extra_content_and_back_to_gemini_as_it_was() {
        ChatResponse gemini = GeminiCodec.decodeResponse(parse("""
                {"candidates": [{"content": {"role": "model", "parts": [
                   {"text": "Thinking it over.", "thought": true},
                   {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}},
                    "thoughtSignature": "%s"}]}, "finishReason": "STOP"}],
                 "usageMetadata": {"promptTokenCount": 10, "candidatesTokenCount": 5}}""".formatted(GEMINI_SIGNATURE)));

        JsonNode message = OpenAiChatCodec.encodeResponse(gemini, "my-endpoint", 1700000000).at("/choices/0/message");
        JsonNode call = message.at("/tool_calls/0");
        ChatRequest next = OpenAiChatCodec.decodeRequest(continuation(message, call.get("id").asText()));
        ObjectNode toGemini = GeminiCodec.encodeRequest(next);

        assertThat(call.at("/extra_content/google/thought_signature").asText()).isEqualTo("swb1Gemi" + GEMINI_SIGNATURE);
        assertThat(message.has("thinking_blocks")).as("unsigned thoughts are only reasoning_content").isFalse();
        assertThat(toGemini.at("/contents/1/parts")).anySatisfy(part -> {
            assertThat(part.at("/functionCall/name").asText()).isEqualTo("get_weather");
            assertThat(part.get("thoughtSignature").asText()).isEqualTo(GEMINI_SIGNATURE);
        });
    }

    @Test
    void a_signature_in_extra_content_tagged_as_another_providers_does_not_reach_gemini() {
        JsonNode assistant = parse("""
                {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
                  "function": {"name": "get_weather", "arguments": "{}"},
                  "extra_content": {"google": {"thought_signature": "swb1Anth%s"}}}]}""".formatted(CLAUDE_SIGNATURE));

        ObjectNode toGemini = GeminiCodec.encodeRequest(OpenAiChatCodec.decodeRequest(continuation(assistant, "call_1")));

        assertThat(toGemini.at("/contents/1/parts/0/thoughtSignature").asText())
                .isEqualTo("skip_thought_signature_validator");
    }

    @Test
    void litellms_forms_of_a_gemini_signature_are_read_and_the_id_loses_its_suffix() {
        JsonNode assistant = parse("""
                {"role": "assistant", "content": null, "tool_calls": [
                  {"id": "call_a__thought__%1$s", "type": "function",
                   "function": {"name": "get_weather", "arguments": "{}"}},
                  {"id": "call_b", "type": "function", "function": {"name": "get_weather", "arguments": "{}"},
                   "provider_specific_fields": {"thought_signature": "%1$s"}}]}""".formatted(GEMINI_SIGNATURE));
        ObjectNode body = (ObjectNode) continuation(assistant, "call_a__thought__" + GEMINI_SIGNATURE);
        ((ArrayNode) body.get("messages")).addObject().put("role", "tool").put("tool_call_id", "call_b")
                .put("content", "20C");

        ChatRequest request = OpenAiChatCodec.decodeRequest(body);

        assertThat(request.messages().get(1).content()).extracting(c -> ((ToolCall) c).id())
                .containsExactly("call_a", "call_b");
        assertThat(GeminiCodec.encodeRequest(request).at("/contents/1/parts"))
                .allSatisfy(part -> assertThat(part.get("thoughtSignature").asText()).isEqualTo(GEMINI_SIGNATURE));
        assertThat(AnthropicCodec.encodeRequest(request, "claude", 1024).at("/messages/2/content/0/tool_use_id")
                .asText()).isEqualTo("call_a");
    }

    @Test
    void a_streamed_claude_thinking_block_goes_out_whole_with_its_tagged_signature_once_it_is_complete() {
        List<ObjectNode> chunks = encodeAll(List.of(
                new MessageStart("msg_1", Optional.empty(), Optional.of(AnthropicFormat.INSTANCE)),
                new ThinkingDelta(0, "I should "), new ThinkingDelta(0, "look it up."),
                new SignatureDelta(0, "EqQB"), new SignatureDelta(0, "Cg=="),
                new RedactedThinkingBlock(1, "c2VjcmV0"),
                new ToolCallStart(2, "toolu_01A", "get_weather"), new ToolCallArgsDelta(2, WEATHER_ARGS),
                new Stop(StopReason.TOOL_USE), new UsageUpdate(new Usage(1, 1, 0, 0, 0))));

        assertThat(deltas(chunks, "reasoning_content")).extracting(JsonNode::asText)
                .containsExactly("I should ", "look it up.");
        assertThat(deltas(chunks, "thinking_blocks")).extracting(Fixtures::wire).containsExactly(
                parse("[{\"type\": \"thinking\", \"thinking\": \"I should look it up.\", \"signature\": \"swb1AnthEqQBCg==\"}]"),
                parse("[{\"type\": \"redacted_thinking\", \"data\": \"swb1Anthc2VjcmV0\"}]"));
        assertThat(StreamSummary.of(chunks).toolCalls()).containsExactly(List.of("toolu_01A", "get_weather", WEATHER_ARGS));
    }

    @Test
    void a_streamed_gemini_call_signature_goes_out_as_extra_content_of_that_call_before_the_finish() {
        List<ObjectNode> chunks = encodeAll(List.of(
                new MessageStart("r1", Optional.empty(), Optional.of(GeminiFormat.INSTANCE)),
                new TextDelta(0, "Let me check."), new SignatureDelta(0, "dGV4dA=="),
                new ToolCallStart(1, "call_swbAbc", "get_weather"), new ToolCallArgsDelta(1, WEATHER_ARGS),
                new SignatureDelta(1, GEMINI_SIGNATURE), new Stop(StopReason.TOOL_USE)));

        List<JsonNode> calls = deltas(chunks, "tool_calls");
        assertThat(wire(calls.getLast())).isEqualTo(parse("""
                [{"index": 0, "function": {"arguments": ""},
                  "extra_content": {"google": {"thought_signature": "swb1Gemi%s"}}}]"""
                .formatted(GEMINI_SIGNATURE)));
        assertThat(chunks.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(chunks.toString()).doesNotContain("dGV4dA==");
    }

    @Test
    void unsigned_reasoning_has_no_thinking_blocks() {
        ChatResponse unsigned = new ChatResponse("r", Optional.empty(), List.of(new ChatResponse.Choice(List.of(
                new Thinking("Hmm.", Optional.empty()), new Text("42")), StopReason.END_TURN)), Usage.NONE, Map.of(),
                Optional.of(GeminiFormat.INSTANCE));

        JsonNode message = OpenAiChatCodec.encodeResponse(unsigned, "m", 1).at("/choices/0/message");
        List<ObjectNode> chunks = encodeAll(List.of(new MessageStart("r", Optional.empty(), Optional.of(GeminiFormat.INSTANCE)),
                new ThinkingDelta(0, "Hmm."), new TextDelta(1, "42"), new Stop(StopReason.END_TURN)));

        assertThat(message.get("reasoning_content").asText()).isEqualTo("Hmm.");
        assertThat(message.has("thinking_blocks")).isFalse();
        assertThat(deltas(chunks, "thinking_blocks")).isEmpty();
    }

    @Test
    void a_pass_through_body_loses_what_another_provider_signed_and_keeps_the_rest() {
        ObjectNode body = parse("""
                {"model": "gpt", "messages": [{"role": "user", "content": "hi"},
                  {"role": "assistant", "content": null, "reasoning_content": "r",
                   "thinking_blocks": [{"type": "thinking", "thinking": "r", "signature": "swb1Anth%1$s"},
                                       {"type": "redacted_thinking", "data": "swb1AnthZGF0YQ=="}],
                   "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"},
                                   "extra_content": {"google": {"thought_signature": "swb1Gemi%2$s"}}},
                                  {"id": "call_2", "type": "function", "function": {"name": "f", "arguments": "{}"},
                                   "extra_content": {"google": {"thought_signature": "%2$s"}}}]},
                  {"role": "assistant", "content": "x",
                   "thinking_blocks": [{"type": "thinking", "thinking": "t", "signature": "untagged"}]}]}"""
                .formatted(CLAUDE_SIGNATURE, GEMINI_SIGNATURE)).deepCopy();

        OpenAiChatCodec.untagSignatures(body);

        assertThat(body).isEqualTo(parse("""
                {"model": "gpt", "messages": [{"role": "user", "content": "hi"},
                  {"role": "assistant", "content": null, "reasoning_content": "r",
                   "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}},
                                  {"id": "call_2", "type": "function", "function": {"name": "f", "arguments": "{}"},
                                   "extra_content": {"google": {"thought_signature": "%s"}}}]},
                  {"role": "assistant", "content": "x",
                   "thinking_blocks": [{"type": "thinking", "thinking": "t", "signature": "untagged"}]}]}"""
                .formatted(GEMINI_SIGNATURE)));
    }
}
