package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a sequence of {@code chat.completion.chunk}s means to a client, read straight from the JSON
 * (independently of the codec): the text, the reasoning, each tool call's id, name and joined
 * arguments, the finish reason and the token counts.
 */
record StreamSummary(String text, String reasoning, List<List<String>> toolCalls, Optional<String> finishReason,
                     Optional<List<Long>> usage) {

    static StreamSummary of(List<? extends JsonNode> chunks) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        Map<Integer, String[]> tools = new TreeMap<>();
        Optional<String> finish = Optional.empty();
        Optional<List<Long>> usage = Optional.empty();
        for (JsonNode chunk : chunks) {
            for (JsonNode choice : chunk.path("choices")) {
                JsonNode delta = choice.path("delta");
                if (delta.path("content").isTextual()) {
                    text.append(delta.get("content").textValue());
                }
                if (delta.path("reasoning_content").isTextual()) {
                    reasoning.append(delta.get("reasoning_content").textValue());
                }
                for (JsonNode call : delta.path("tool_calls")) {
                    String[] tool = tools.computeIfAbsent(call.path("index").asInt(), i -> new String[] {"", "", ""});
                    if (call.path("id").isTextual()) {
                        tool[0] = call.get("id").textValue();
                    }
                    if (call.path("function").path("name").isTextual()) {
                        tool[1] = call.get("function").get("name").textValue();
                    }
                    if (call.path("function").path("arguments").isTextual()) {
                        tool[2] += call.get("function").get("arguments").textValue();
                    }
                }
                if (choice.path("finish_reason").isTextual()) {
                    finish = Optional.of(choice.get("finish_reason").textValue());
                }
            }
            JsonNode counts = chunk.path("usage");
            if (counts.isObject()) {
                usage = Optional.of(List.of(counts.path("prompt_tokens").asLong(), counts.path("completion_tokens").asLong(),
                        counts.path("total_tokens").asLong(), counts.path("prompt_tokens_details").path("cached_tokens").asLong(),
                        counts.path("completion_tokens_details").path("reasoning_tokens").asLong()));
            }
        }
        List<List<String>> calls = new ArrayList<>();
        tools.values().forEach(t -> calls.add(List.of(t)));
        return new StreamSummary(text.toString(), reasoning.toString(), calls, finish, usage);
    }
}
