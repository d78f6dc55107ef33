package dev.switchboard.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.conformance.SseFrames.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * OpenAI's Responses event grammar, as its streaming reference gives it: every frame an
 * {@code event:} named as its data's {@code type}, with a {@code sequence_number} that starts at 0
 * and strictly increases; {@code response.created}, then {@code response.in_progress}; then item by
 * item, never two open at once, {@code response.output_item.added} (at the next
 * {@code output_index}), the item's own events (each naming the item's id and index: a message's
 * parts opened by {@code content_part.added} before their {@code output_text} deltas and closed by
 * {@code output_text.done} and {@code content_part.done}; a reasoning item's summary parts alike;
 * a function call's argument deltas and {@code function_call_arguments.done}), and
 * {@code response.output_item.done} with the item's same id; last {@code response.completed} (status
 * {@code completed}) or {@code response.incomplete} (status {@code incomplete}), whose output has one
 * item per item streamed. An {@code error} event or {@code response.failed} ends a stream early;
 * nothing comes after the end, and there is no {@code [DONE]}.
 */
final class ResponsesStreamGrammar {

    private static final Set<String> ENDS = Set.of("response.completed", "response.incomplete", "response.failed",
            "error");

    private ResponsesStreamGrammar() {
    }

    static List<String> violations(String stream) {
        List<String> violations = new ArrayList<>();
        List<Frame> frames = SseFrames.parse(stream);
        long sequence = -1;
        int position = 0;
        boolean ended = false;
        int items = 0;
        String openItem = null;
        String openItemType = "";
        String openPart = null;
        for (Frame frame : frames) {
            if (frame.data().equals("[DONE]")) {
                violations.add("data: [DONE], which the Responses API never sends");
                continue;
            }
            if (ended) {
                violations.add("an event after the end: " + frame.data());
                continue;
            }
            JsonNode event = Cases.parse(frame.data());
            String type = event.path("type").asText();
            if (!frame.event().equals(type)) {
                violations.add("event: " + frame.event() + " for data of type " + type);
            }
            JsonNode number = event.get("sequence_number");
            if (number == null || !number.canConvertToLong()) {
                violations.add("no sequence_number: " + frame.data());
            } else if (sequence < 0 ? number.asLong() != 0 : number.asLong() <= sequence) {
                violations.add("sequence_number " + number.asLong() + " after " + sequence + ": " + frame.data());
            } else {
                sequence = number.asLong();
            }
            if (position == 0 && !type.equals("response.created")) {
                violations.add("the stream opens with " + type + ", not response.created");
            }
            if (position == 1 && !type.equals("response.in_progress") && !ENDS.contains(type)) {
                violations.add("the second event is " + type + ", not response.in_progress");
            }
            position++;
            if (ENDS.contains(type)) {
                ended = true;
                if (type.startsWith("response.")) {
                    String status = type.substring("response.".length());
                    if (!event.at("/response/status").asText().equals(status)) {
                        violations.add(type + " with status " + event.at("/response/status").asText());
                    }
                    if (openItem != null && !type.equals("response.failed")) {
                        violations.add(type + " while item " + openItem + " is open");
                    }
                    if (!type.equals("response.failed") && event.at("/response/output").size() != items) {
                        violations.add(type + " with " + event.at("/response/output").size() + " output items after "
                                + items + " streamed");
                    }
                }
                continue;
            }
            switch (type) {
                case "response.created", "response.in_progress" -> {
                    if (position > 2) {
                        violations.add(type + " in the middle of the stream");
                    }
                }
                case "response.output_item.added" -> {
                    if (openItem != null) {
                        violations.add("item added while item " + openItem + " is open: " + frame.data());
                    }
                    if (event.path("output_index").asInt(-1) != items) {
                        violations.add("output_index " + event.path("output_index") + " where " + items + " was next");
                    }
                    openItem = event.at("/item/id").asText();
                    openItemType = event.at("/item/type").asText();
                    if (openItem.isEmpty()) {
                        violations.add("an item without id: " + frame.data());
                    }
                }
                case "response.output_item.done" -> {
                    if (openItem == null || !openItem.equals(event.at("/item/id").asText())
                            || event.path("output_index").asInt(-1) != items) {
                        violations.add("item done that is not the open one (" + openItem + "): " + frame.data());
                    }
                    if (openPart != null) {
                        violations.add("item done with part " + openPart + " open: " + frame.data());
                    }
                    if (!event.at("/item/type").asText().equals(openItemType)) {
                        violations.add("item done of type " + event.at("/item/type").asText() + " after "
                                + openItemType + " was added");
                    }
                    openItem = null;
                    openPart = null;
                    items++;
                }
                default -> {
                    if (openItem == null || !openItem.equals(event.path("item_id").asText())
                            || event.path("output_index").asInt(-1) != items) {
                        violations.add(type + " not for the open item (" + openItem + "): " + frame.data());
                        continue;
                    }
                    String expected = switch (type) {
                        case "response.content_part.added", "response.content_part.done", "response.output_text.delta",
                             "response.output_text.done", "response.refusal.delta", "response.refusal.done",
                             "response.output_text.annotation.added" -> "message";
                        case "response.reasoning_summary_part.added", "response.reasoning_summary_part.done",
                             "response.reasoning_summary_text.delta", "response.reasoning_summary_text.done",
                             "response.reasoning_text.delta", "response.reasoning_text.done" -> "reasoning";
                        case "response.function_call_arguments.delta", "response.function_call_arguments.done" ->
                                "function_call";
                        default -> null;
                    };
                    if (expected == null) {
                        violations.add("an event the Responses API does not send: " + frame.data());
                    } else if (!expected.equals(openItemType)) {
                        violations.add(type + " in a " + openItemType + " item");
                    }
                    String part = type.contains("summary") ? "summary " + event.path("summary_index").asInt(-1)
                            : "content " + event.path("content_index").asInt(-1);
                    if (type.endsWith("_part.added")) {
                        if (openPart != null) {
                            violations.add("part added while " + openPart + " is open: " + frame.data());
                        }
                        openPart = part;
                    } else if (type.endsWith("_part.done")) {
                        if (!part.equals(openPart)) {
                            violations.add("part done that is not the open one (" + openPart + "): " + frame.data());
                        }
                        openPart = null;
                    } else if (expected != null && !expected.equals("function_call") && !part.equals(openPart)) {
                        violations.add(type + " outside its open part (" + openPart + "): " + frame.data());
                    }
                }
            }
        }
        if (frames.isEmpty()) {
            violations.add("an empty stream");
        } else if (!ended) {
            violations.add("the stream ends without response.completed, response.incomplete or an error");
        }
        return violations;
    }
}
