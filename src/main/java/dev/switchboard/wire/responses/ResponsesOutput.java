package dev.switchboard.wire.responses;

import static dev.switchboard.wire.responses.ResponsesFields.NODES;
import static dev.switchboard.wire.responses.ResponsesFields.putExtra;
import static dev.switchboard.wire.responses.ResponsesFields.rest;
import static dev.switchboard.wire.responses.ResponsesFields.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Content;
import dev.switchboard.core.Text;
import dev.switchboard.core.Thinking;
import dev.switchboard.core.ToolCall;
import dev.switchboard.core.WireFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A response's {@code output} items and canonical content, both ways: {@code reasoning} items are
 * {@link Thinking} (see {@link ResponsesReasoning}), each {@code output_text} or {@code refusal} part
 * of a {@code message} item a {@link Text}, and {@code function_call} items {@link ToolCall}s (their
 * {@code call_id} the call's id). Items of tools only OpenAI runs are left out when decoding; the
 * gateway never asks for them. Encoding writes consecutive texts as the parts of one message item,
 * and leaves out redacted thinking, which has no Responses form. The item ids are made up, or, for
 * an answer from a Responses provider, kept.
 */
final class ResponsesOutput {

    private static final Set<String> CALL_FIELDS = Set.of("type", "call_id", "name", "arguments");

    private ResponsesOutput() {
    }

    /** What a provider's {@code output} held, and whether it called a function (the answer then stopped for it). */
    record Decoded(List<Content> content, boolean calledFunction) {
    }

    static Decoded decode(JsonNode output) {
        List<Content> content = new ArrayList<>();
        boolean called = false;
        for (JsonNode item : output) {
            switch (ResponsesFields.type(item)) {
                case "message" -> {
                    for (JsonNode part : item.path("content")) {
                        switch (ResponsesFields.type(part)) {
                            case "output_text" -> textOf(part.get("text"))
                                    .ifPresent(t -> content.add(new Text(t, rest(part, Set.of("type", "text")))));
                            case "refusal" -> textOf(part.get("refusal")).ifPresent(t -> content.add(new Text(t)));
                            default -> { }
                        }
                    }
                }
                case "function_call" -> {
                    called = true;
                    content.add(new ToolCall(callId(item), textOf(item.get("name")).orElse(""),
                            arguments(item.get("arguments")), rest(item, CALL_FIELDS)));
                }
                case "reasoning" -> ResponsesReasoning.read(item).ifPresent(content::add);
                default -> { }
            }
        }
        return new Decoded(content, called);
    }

    /** A call's {@code call_id}; its item {@code id} or a made-up one when a provider sent none. */
    static String callId(JsonNode item) {
        return textOf(item.get("call_id")).filter(s -> !s.isEmpty())
                .or(() -> textOf(item.get("id")).filter(s -> !s.isEmpty()))
                .orElseGet(() -> "call_" + ResponsesIds.functionCall().substring(3));
    }

    /** Arguments as text; none at all is the empty object, which every provider takes. */
    static String arguments(JsonNode args) {
        if (args == null || args.isNull() || args.isMissingNode()) {
            return "{}";
        }
        String text = args.isTextual() ? args.textValue() : args.toString();
        return text.isEmpty() ? "{}" : text;
    }

    /**
     * The output items of an answer's content for a caller; {@code maker} is the format the answer
     * came from (see {@link ResponsesReasoning#output}), {@code keep} whether its extras are in
     * Responses naming, {@code messageStatus} the status of its message items.
     */
    static ArrayNode encode(List<Content> content, Optional<WireFormat> maker, boolean keep, String messageStatus) {
        ArrayNode output = NODES.arrayNode();
        ArrayNode parts = null;
        for (Content block : content) {
            if (block instanceof Text text) {
                if (parts == null) {
                    parts = NODES.arrayNode();
                    output.add(message(ResponsesIds.message(), messageStatus, parts));
                }
                parts.add(outputText(text.text(), keep ? text.extra() : Map.of()));
                continue;
            }
            parts = null;
            switch (block) {
                case Thinking thinking -> output.add(ResponsesReasoning.output(thinking,
                        keptId(thinking.extra(), keep).orElseGet(ResponsesIds::reasoning), maker));
                case ToolCall call -> output.add(functionCall(keptId(call.extra(), keep).orElseGet(
                        ResponsesIds::functionCall), "completed", call.id(), call.name(), call.argumentsJson()));
                default -> { }
            }
        }
        return output;
    }

    private static Optional<String> keptId(Map<String, JsonNode> extra, boolean keep) {
        return keep ? textOf(extra.get("id")).filter(id -> !id.isEmpty()) : Optional.empty();
    }

    static ObjectNode message(String id, String status, ArrayNode parts) {
        ObjectNode item = NODES.objectNode().put("id", id).put("type", "message").put("status", status);
        item.set("content", parts);
        item.put("role", "assistant");
        return item;
    }

    /** An {@code output_text} part; {@code extra} holds what a Responses provider added ({@code annotations} ...). */
    static ObjectNode outputText(String text, Map<String, JsonNode> extra) {
        ObjectNode part = NODES.objectNode().put("type", "output_text");
        part.set("annotations", extra.getOrDefault("annotations", NODES.arrayNode()));
        part.set("logprobs", extra.getOrDefault("logprobs", NODES.arrayNode()));
        part.put("text", text);
        putExtra(part, extra, true);
        return part;
    }

    static ObjectNode functionCall(String id, String status, String callId, String name, String arguments) {
        return NODES.objectNode().put("id", id).put("type", "function_call").put("status", status)
                .put("arguments", arguments).put("call_id", callId).put("name", name);
    }
}
