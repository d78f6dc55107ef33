package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.ToolCall;
import dev.switchboard.wire.anthropic.AnthropicCodec;
import dev.switchboard.wire.openai.OpenAiChatCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ids for Gemini function calls that came without one: unique across responses (a caller collects
 * many into one history, and Anthropic refuses two equal {@code tool_use} ids), and still left out
 * when the history goes back to Gemini.
 */
class GeminiToolCallIdsTest {

    private static final String MADE_UP = "call_swb";

    private static final String CALL = """
            {"candidates": [{"content": {"role": "model", "parts": [
               {"functionCall": {"name": "get_weather", "args": {"city": "%s"}}}]}, "finishReason": "STOP"}]}""";

    private static ChatResponse answer(String city) {
        return GeminiCodec.decodeResponse(parse(CALL.formatted(city)));
    }

    private static String id(ChatResponse response) {
        return ((ToolCall) response.content().getFirst()).id();
    }

    @Test
    void calls_without_ids_get_a_new_id_in_every_response() {
        String first = id(answer("Paris"));
        String second = id(answer("Rome"));

        assertThat(first).matches("call_swb[A-Za-z0-9]{20}");
        assertThat(second).matches("call_swb[A-Za-z0-9]{20}").isNotEqualTo(first);
    }

    @Test
    void streamed_calls_without_ids_get_a_new_id_in_every_stream() {
        String first = streamedId();
        String second = streamedId();

        assertThat(first).startsWith(MADE_UP);
        assertThat(second).startsWith(MADE_UP).isNotEqualTo(first);
    }

    private static String streamedId() {
        return new GeminiStreamDecoder().decode(parse(CALL.formatted("Oslo"))).stream()
                .filter(ChatEvent.ToolCallStart.class::isInstance).map(e -> ((ChatEvent.ToolCallStart) e).id())
                .findFirst().orElseThrow();
    }

    /** An OpenAI caller collects two Gemini turns, then sends the history to Claude and to Gemini. */
    @Test
    void a_history_of_two_turns_reaches_claude_with_distinct_ids_and_gemini_without_made_up_ones() {
        ObjectNode body = parse("""
                {"model": "m", "tools": [{"type": "function", "function": {"name": "get_weather",
                  "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}],
                 "messages": [{"role": "user", "content": "Weather in Paris, then Rome?"}]}""").deepCopy();
        ArrayNode messages = (ArrayNode) body.get("messages");
        for (String city : List.of("Paris", "Rome")) {
            JsonNode message = OpenAiChatCodec.encodeResponse(answer(city), "flash", 1).at("/choices/0/message");
            messages.add(message);
            messages.addObject().put("role", "tool").put("tool_call_id", message.at("/tool_calls/0/id").asText())
                    .put("content", "sunny");
        }
        var request = OpenAiChatCodec.decodeRequest(body);

        JsonNode toClaude = AnthropicCodec.encodeRequest(request, "claude", 1024).get("messages");
        ObjectNode toGemini = GeminiCodec.encodeRequest(request);

        assertThat(toClaude.findValues("id")).hasSize(2).doesNotHaveDuplicates();
        assertThat(toClaude.findValues("tool_use_id")).containsExactlyElementsOf(toClaude.findValues("id"));
        assertThat(toGemini.toString()).doesNotContain(MADE_UP);
        assertThat(toGemini.findValues("functionCall")).hasSize(2);
    }
}
