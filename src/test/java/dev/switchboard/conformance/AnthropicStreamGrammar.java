package dev.switchboard.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.conformance.SseFrames.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Anthropic's event grammar, as its streaming documentation gives it: {@code message_start}; then
 * each content block, one at a time and numbered from 0, as {@code content_block_start}, deltas of
 * that block's type, {@code content_block_stop}; then {@code message_delta} with the stop reason
 * and {@code message_stop}. {@code ping} may come anywhere; an {@code error} event ends the stream.
 * Each event's name is its data's {@code type}, and a tool call's JSON pieces add up to JSON.
 */
final class AnthropicStreamGrammar {

    private static final Map<String, Set<String>> DELTAS = Map.of("text", Set.of("text_delta", "citations_delta"),
            "thinking", Set.of("thinking_delta", "signature_delta"), "tool_use", Set.of("input_json_delta"),
            "server_tool_use", Set.of("input_json_delta"), "redacted_thinking", Set.of());

    private AnthropicStreamGrammar() {
    }

    static List<String> violations(String stream) {
        List<String> violations = new ArrayList<>();
        boolean started = false;
        boolean delta = false;
        boolean ended = false;
        int nextIndex = 0;
        int open = -1;
        String openType = "";
        StringBuilder json = new StringBuilder();
        for (Frame frame : SseFrames.parse(stream)) {
            JsonNode data = Cases.parse(frame.data());
            String type = data.path("type").asText();
            if (!type.equals(frame.event())) {
                violations.add("event '" + frame.event() + "' carries type '" + type + "'");
            }
            if (ended) {
                violations.add(type + " after the end of the stream");
                continue;
            }
            if (type.equals("ping")) {
                continue;
            }
            if (type.equals("error")) {
                ended = true;
                continue;
            }
            if (!started && !type.equals("message_start")) {
                violations.add(type + " before message_start");
            }
            int index = data.path("index").asInt(-1);
            switch (type) {
                case "message_start" -> {
                    if (started) {
                        violations.add("a second message_start");
                    }
                    started = true;
                    if (!data.at("/message/content").isArray() || !data.at("/message/content").isEmpty()) {
                        violations.add("message_start with content " + data.at("/message/content"));
                    }
                }
                case "content_block_start" -> {
                    if (delta) {
                        violations.add("content_block_start after message_delta");
                    }
                    if (open >= 0) {
                        violations.add("block " + index + " starts while block " + open + " is open");
                    }
                    if (index != nextIndex) {
                        violations.add("block " + index + " starts where block " + nextIndex + " was next");
                    }
                    open = index;
                    nextIndex = index + 1;
                    openType = data.at("/content_block/type").asText();
                    if (!DELTAS.containsKey(openType)) {
                        violations.add("a block of unknown type " + openType);
                    }
                    json.setLength(0);
                }
                case "content_block_delta" -> {
                    String deltaType = data.at("/delta/type").asText();
                    if (index != open) {
                        violations.add(deltaType + " for block " + index + " while block " + open + " is open");
                    } else if (!DELTAS.getOrDefault(openType, Set.of()).contains(deltaType)) {
                        violations.add(deltaType + " in a " + openType + " block");
                    }
                    json.append(data.at("/delta/partial_json").asText(""));
                }
                case "content_block_stop" -> {
                    if (index != open) {
                        violations.add("block " + index + " stops while block " + open + " is open");
                    }
                    if (openType.endsWith("tool_use") && !json.isEmpty() && !parses(json.toString())) {
                        violations.add("the input of block " + index + " is not JSON: " + json);
                    }
                    open = -1;
                }
                case "message_delta" -> {
                    if (open >= 0) {
                        violations.add("message_delta while block " + open + " is open");
                    }
                    if (!data.at("/delta/stop_reason").isTextual()) {
                        violations.add("message_delta without a stop_reason: " + data);
                    }
                    delta = true;
                }
                case "message_stop" -> {
                    if (!delta) {
                        violations.add("message_stop without a message_delta");
                    }
                    ended = true;
                }
                default -> violations.add("an unknown event " + type);
            }
        }
        if (!ended) {
            violations.add("the stream ends without message_stop or error");
        }
        return violations;
    }

    private static boolean parses(String json) {
        try {
            Cases.JSON.readTree(json);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
