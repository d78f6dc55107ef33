package dev.switchboard.wire.openai;

import static dev.switchboard.wire.openai.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ids for tool calls an OpenAI-format provider sent without one: unique across responses, since a
 * caller collects them into one history, and in OpenAI's own form.
 */
class OpenAiToolCallIdsTest {

    private static final String RESPONSE = """
            {"id": "r", "object": "chat.completion", "created": 1, "model": "m", "choices": [{"index": 0,
              "message": {"role": "assistant", "content": null, "tool_calls": [
                {"type": "function", "function": {"name": "f", "arguments": "{}"}},
                {"type": "function", "function": {"name": "f", "arguments": "{}"}}]},
              "finish_reason": "tool_calls"}]}""";
    private static final String CHUNK = """
            {"id": "r", "object": "chat.completion.chunk", "created": 1, "model": "m", "choices": [{"index": 0,
              "delta": {"tool_calls": [{"index": 0, "type": "function", "function": {"name": "f", "arguments": "{}"}}]},
              "finish_reason": null}]}""";

    private static List<String> responseIds() {
        return OpenAiChatCodec.decodeResponse(parse(RESPONSE)).content().stream().map(c -> ((ToolCall) c).id()).toList();
    }

    private static String streamedId() {
        return new OpenAiStreamDecoder().decode(parse(CHUNK)).stream().filter(ChatEvent.ToolCallStart.class::isInstance)
                .map(e -> ((ChatEvent.ToolCallStart) e).id()).findFirst().orElseThrow();
    }

    @Test
    void calls_without_ids_get_ids_unique_across_responses_in_openais_form() {
        List<String> first = responseIds();
        List<String> second = responseIds();

        assertThat(first).hasSize(2).allMatch(id -> id.matches("call_[A-Za-z0-9]{24}"));
        assertThat(List.of(first.get(0), first.get(1), second.get(0), second.get(1))).doesNotHaveDuplicates();
    }

    @Test
    void streamed_calls_without_ids_get_ids_unique_across_streams() {
        String first = streamedId();
        String second = streamedId();

        assertThat(first).matches("call_[A-Za-z0-9]{24}");
        assertThat(second).matches("call_[A-Za-z0-9]{24}").isNotEqualTo(first);
    }
}
