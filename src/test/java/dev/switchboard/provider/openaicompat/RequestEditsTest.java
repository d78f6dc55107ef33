package dev.switchboard.provider.openaicompat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestEditsTest {

    private static ObjectNode body(String json) {
        try {
            return (ObjectNode) Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void drops_and_renames_top_level_fields_without_overwriting_one_the_caller_set() {
        ObjectNode sent = body("""
                {"model": "m", "user": "u", "seed": 7, "max_completion_tokens": 5, "max_tokens": 9}""");

        new RequestEdits(List.of("user"), Map.of("seed", "random_seed", "max_completion_tokens", "max_tokens"), false)
                .apply(sent);

        assertThat(sent).isEqualTo(body("""
                {"model": "m", "random_seed": 7, "max_tokens": 9}"""));
    }

    @Test
    void thinking_in_the_history_moves_into_a_leading_thinking_chunk_and_the_callers_body_is_untouched() {
        String json = """
                {"model": "m", "messages": [
                 {"role": "user", "content": "Hi"},
                 {"role": "assistant", "reasoning_content": "Hmm.", "content": "Hello"},
                 {"role": "assistant", "reasoning_content": "Call it.", "content": null,
                  "tool_calls": [{"id": "a1", "type": "function", "function": {"name": "f", "arguments": "{}"}}]},
                 {"role": "tool", "tool_call_id": "a1", "content": "ok"},
                 {"role": "assistant", "content": "Plain"}]}""";
        ObjectNode caller = body(json);
        ObjectNode sent = caller.objectNode();
        sent.setAll(caller);

        new RequestEdits(List.of(), Map.of(), true).apply(sent);

        JsonNode messages = sent.get("messages");
        assertThat(messages.get(1)).isEqualTo(body("""
                {"role": "assistant", "content": [
                 {"type": "thinking", "thinking": [{"type": "text", "text": "Hmm."}]}, {"type": "text", "text": "Hello"}]}"""));
        assertThat(messages.get(2)).isEqualTo(body("""
                {"role": "assistant", "content": [{"type": "thinking", "thinking": [{"type": "text", "text": "Call it."}]}],
                 "tool_calls": [{"id": "a1", "type": "function", "function": {"name": "f", "arguments": "{}"}}]}"""));
        assertThat(messages.get(0)).isSameAs(caller.get("messages").get(0));
        assertThat(messages.get(4)).isSameAs(caller.get("messages").get(4));
        assertThat(caller).as("the caller's body, sent again on a fallback").isEqualTo(body(json));
    }

    @Test
    void without_thinking_chunks_reasoning_content_stays() {
        ObjectNode sent = body("""
                {"messages": [{"role": "assistant", "reasoning_content": "Hmm.", "content": "Hello"}]}""");

        RequestEdits.NONE.apply(sent);

        assertThat(sent.at("/messages/0/reasoning_content").asText()).isEqualTo("Hmm.");
    }
}
