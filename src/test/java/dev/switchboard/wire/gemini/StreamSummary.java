package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a sequence of Gemini stream chunks means to a client, read straight from the JSON
 * (independently of the codec): the answer text, the thought text, each function call's name, parsed
 * arguments and signature, the last finish reason and the last usage counts.
 */
record StreamSummary(String text, String thoughts, List<List<Object>> calls, Optional<String> finishReason,
                     Optional<List<Long>> usage) {

    static StreamSummary of(List<? extends JsonNode> chunks) {
        StringBuilder text = new StringBuilder();
        StringBuilder thoughts = new StringBuilder();
        List<List<Object>> calls = new ArrayList<>();
        Optional<String> finish = Optional.empty();
        Optional<List<Long>> usage = Optional.empty();
        for (JsonNode chunk : chunks) {
            JsonNode candidate = chunk.path("candidates").path(0);
            for (JsonNode part : candidate.path("content").path("parts")) {
                if (part.has("functionCall")) {
                    JsonNode call = part.get("functionCall");
                    calls.add(List.of(call.path("name").asText(), call.path("args"),
                            part.path("thoughtSignature").asText("")));
                } else if (part.path("thought").asBoolean(false)) {
                    thoughts.append(part.path("text").asText(""));
                } else {
                    text.append(part.path("text").asText(""));
                }
            }
            if (candidate.path("finishReason").isTextual()) {
                finish = Optional.of(candidate.get("finishReason").textValue());
            }
            JsonNode counts = chunk.path("usageMetadata");
            if (counts.isObject()) {
                usage = Optional.of(List.of(counts.path("promptTokenCount").asLong(),
                        counts.path("candidatesTokenCount").asLong(), counts.path("thoughtsTokenCount").asLong(),
                        counts.path("cachedContentTokenCount").asLong(), counts.path("totalTokenCount").asLong()));
            }
        }
        return new StreamSummary(text.toString(), thoughts.toString(), calls, finish, usage);
    }
}
