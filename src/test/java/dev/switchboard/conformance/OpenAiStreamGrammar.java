package dev.switchboard.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.conformance.SseFrames.Frame;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * OpenAI's chunk grammar, as its chat streaming reference gives it: {@code chat.completion.chunk}s
 * of one id, the first delta with the assistant's role, a {@code finish_reason} once, then
 * optionally one usage-only chunk ({@code choices} empty, the only chunk with a {@code usage}
 * object: openai-java's accumulator fails on any other), then {@code data: [DONE]}. A tool call's
 * first delta at a new index carries its id, type and name. Chunks with no choices and no usage
 * before the first delta (Azure's prompt-filter results) are annotations and carry no content; an
 * error object ends the stream.
 */
final class OpenAiStreamGrammar {

    private OpenAiStreamGrammar() {
    }

    static List<String> violations(String stream) {
        List<String> violations = new ArrayList<>();
        List<Frame> frames = SseFrames.parse(stream);
        String id = null;
        boolean roled = false;
        int finishes = 0;
        boolean usageOnly = false;
        boolean done = false;
        boolean failed = false;
        Set<Integer> calls = new HashSet<>();
        for (Frame frame : frames) {
            if (done || failed) {
                violations.add("an event after the end: " + frame.data());
                continue;
            }
            if (frame.data().equals("[DONE]")) {
                done = true;
                continue;
            }
            JsonNode chunk = Cases.parse(frame.data());
            if (chunk.has("error")) {
                failed = true;
                continue;
            }
            if (!chunk.path("object").asText().equals("chat.completion.chunk") && !annotation(chunk, roled)) {
                violations.add("not a chat.completion.chunk: " + frame.data());
            }
            JsonNode choices = chunk.path("choices");
            boolean hasUsage = chunk.path("usage").isObject();
            if (annotation(chunk, roled)) {
                continue;
            }
            id = id == null ? chunk.path("id").asText() : id;
            if (!chunk.path("id").asText().equals(id)) {
                violations.add("chunk id " + chunk.path("id").asText() + " after " + id);
            }
            if (usageOnly) {
                violations.add("a chunk after the usage-only chunk: " + frame.data());
            }
            if (choices.isEmpty()) {
                if (!hasUsage) {
                    violations.add("a chunk with neither choices nor usage: " + frame.data());
                }
                usageOnly = true;
                continue;
            }
            if (hasUsage) {
                violations.add("usage outside the usage-only chunk: " + frame.data());
            }
            JsonNode choice = choices.path(0);
            JsonNode delta = choice.path("delta");
            if (!roled && !delta.path("role").asText().equals("assistant")) {
                violations.add("the first delta has no assistant role: " + frame.data());
            }
            roled = true;
            if (finishes > 0 && (delta.has("content") && !delta.get("content").isNull() || delta.has("tool_calls"))) {
                violations.add("content after the finish: " + frame.data());
            }
            for (JsonNode call : delta.path("tool_calls")) {
                int index = call.path("index").asInt(-1);
                if (calls.add(index)) {
                    if (index != calls.size() - 1) {
                        violations.add("tool call index " + index + " where " + (calls.size() - 1) + " was next");
                    }
                    if (!call.path("id").isTextual() || call.path("id").asText().isEmpty()
                            || !call.at("/function/name").isTextual() || !call.path("type").asText().equals("function")) {
                        violations.add("the first delta of tool call " + index + " lacks its id, type or name: " + call);
                    }
                }
            }
            if (choice.path("finish_reason").isTextual()) {
                finishes++;
            }
        }
        if (finishes != 1 && !failed) {
            violations.add(finishes + " finish reasons");
        }
        if (!done && !failed) {
            violations.add("the stream ends without data: [DONE]");
        }
        return violations;
    }

    /** A chunk that carries no content before the first delta, such as Azure's prompt-filter results. */
    private static boolean annotation(JsonNode chunk, boolean roled) {
        return !roled && chunk.path("choices").isEmpty() && !chunk.path("usage").isObject();
    }
}
