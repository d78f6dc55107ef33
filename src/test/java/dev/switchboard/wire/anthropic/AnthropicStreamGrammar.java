package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Anthropic's grammar for a Messages stream, as its streaming docs give it: {@code message_start},
 * then for each content block, one at a time and numbered from 0, {@code content_block_start}, deltas
 * of that block's kind (one {@code signature_delta} last in a thinking block) and
 * {@code content_block_stop}, then one {@code message_delta} and {@code message_stop}; {@code ping}
 * may come anywhere in between. Checks a stream and lists where it breaks the grammar.
 */
public final class AnthropicStreamGrammar {

    private static final Map<String, Set<String>> DELTAS = Map.of(
            "text", Set.of("text_delta", "citations_delta"),
            "thinking", Set.of("thinking_delta", "signature_delta"),
            "redacted_thinking", Set.of(),
            "tool_use", Set.of("input_json_delta"));

    private AnthropicStreamGrammar() {
    }

    /** The violations of a whole SSE body; an event's name must also be its data's {@code type}. */
    public static List<String> violations(String sse) {
        List<String> problems = new ArrayList<>();
        List<JsonNode> data = new ArrayList<>();
        for (Fixtures.Event event : Fixtures.events(sse)) {
            if (!event.data().path("type").asText().equals(event.name())) {
                problems.add("event '" + event.name() + "' carries type '" + event.data().path("type").asText() + "'");
            }
            data.add(event.data());
        }
        problems.addAll(violations(data));
        return problems;
    }

    /** The violations of a stream given as the data objects of its events, in order. */
    public static List<String> violations(List<JsonNode> events) {
        List<String> problems = new ArrayList<>();
        String phase = "before";
        int nextIndex = 0;
        String kind = null;
        boolean signed = false;
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            String type = event.path("type").asText();
            String at = "#" + i + " " + type + ": ";
            if (type.equals("ping") && phase.equals("blocks")) {
                continue;
            }
            switch (phase + "/" + type) {
                case "before/message_start" -> phase = "blocks";
                case "blocks/content_block_start" -> {
                    if (kind != null) {
                        problems.add(at + "block " + (nextIndex - 1) + " is still open");
                    }
                    int index = event.path("index").asInt(-1);
                    if (index != nextIndex) {
                        problems.add(at + "index " + index + ", expected " + nextIndex);
                    }
                    kind = event.path("content_block").path("type").asText();
                    if (!DELTAS.containsKey(kind)) {
                        problems.add(at + "unknown block type '" + kind + "'");
                    }
                    nextIndex = index + 1;
                    signed = false;
                }
                case "blocks/content_block_delta" -> {
                    String delta = event.path("delta").path("type").asText();
                    if (kind == null || event.path("index").asInt(-1) != nextIndex - 1) {
                        problems.add(at + delta + " for block " + event.path("index").asInt(-1)
                                + ", which is not open");
                    } else if (!DELTAS.getOrDefault(kind, Set.of()).contains(delta)) {
                        problems.add(at + delta + " in a " + kind + " block");
                    } else if (signed) {
                        problems.add(at + delta + " after the block's signature_delta");
                    }
                    signed |= delta.equals("signature_delta");
                }
                case "blocks/content_block_stop" -> {
                    if (kind == null || event.path("index").asInt(-1) != nextIndex - 1) {
                        problems.add(at + "stop of block " + event.path("index").asInt(-1) + ", which is not open");
                    }
                    kind = null;
                }
                case "blocks/message_delta" -> {
                    if (kind != null) {
                        problems.add(at + "block " + (nextIndex - 1) + " is still open");
                    }
                    phase = "delta";
                }
                case "delta/message_stop" -> phase = "stopped";
                default -> problems.add(at + "not allowed " + (phase.equals("before") ? "before message_start"
                        : phase.equals("stopped") ? "after message_stop" : "here"));
            }
        }
        if (!phase.equals("stopped")) {
            problems.add("the stream does not end with message_delta and message_stop");
        }
        return problems;
    }
}
