package dev.switchboard.wire.responses;

import static dev.switchboard.wire.responses.ResponsesFields.NODES;
import static dev.switchboard.wire.responses.ResponsesFields.given;
import static dev.switchboard.wire.responses.ResponsesFields.invalid;
import static dev.switchboard.wire.responses.ResponsesFields.putExtra;
import static dev.switchboard.wire.responses.ResponsesFields.requiredText;
import static dev.switchboard.wire.responses.ResponsesFields.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Content;
import dev.switchboard.core.Message;
import dev.switchboard.core.Role;
import dev.switchboard.core.Text;
import dev.switchboard.core.Thinking;
import dev.switchboard.core.ToolCall;
import dev.switchboard.core.ToolResult;
import dev.switchboard.core.WireFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code instructions} and {@code input} and the canonical messages, both ways.
 *
 * <p>Decoding: {@code instructions} is a first system message; a string {@code input} one user
 * message. In a list, user, system and developer {@code message} items are messages of that role;
 * each {@code function_call_output} item is a {@link Role#TOOL} message; and a run of assistant-side
 * items ({@code reasoning}, assistant {@code message}, {@code function_call}) is one assistant message
 * holding their blocks in order, as other formats hold a turn. Items that point at what OpenAI stored
 * ({@code item_reference}) or come from tools only OpenAI runs are refused with a 400. An assistant
 * message item's own {@code id} and {@code status} are not kept; a function call's and a reasoning
 * item's are, in the block's extra.
 *
 * <p>Encoding: system and developer messages stay in place as messages of their role (text only);
 * tool results anywhere become {@code function_call_output} items, ahead of the rest of their
 * message; an assistant message becomes, in order, a {@code reasoning} item for thinking a
 * Responses provider signed (see {@link ResponsesReasoning}), an assistant message for each run of
 * text, and a {@code function_call} item for each tool call. Redacted thinking, and images or
 * files in assistant turns, have no Responses form and are left out.
 */
final class ResponsesInput {

    private static final String ROLES = "must be one of user, system, developer, assistant";

    private ResponsesInput() {
    }

    /** The structural rules of {@link #decode}: {@code input} is a string or a list of objects. */
    static void checkShape(JsonNode input) {
        if (given(input) && !input.isTextual()) {
            if (!input.isArray()) {
                throw invalid("input", "must be a string or a list of input items");
            }
            ResponsesFields.listOfObjects(input, "input", false);
        }
    }

    static List<Message> decode(JsonNode body) {
        List<Message> messages = new ArrayList<>();
        ResponsesFields.text(body, "instructions", "instructions").filter(i -> !i.isEmpty())
                .ifPresent(i -> messages.add(Message.of(Role.SYSTEM, i)));
        JsonNode input = body.get("input");
        checkShape(input);
        if (!given(input)) {
            return messages;
        }
        if (input.isTextual()) {
            messages.add(new Message(Role.USER, textContent(input.textValue())));
            return messages;
        }
        List<Content> turn = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            String path = "input[" + i + "]";
            String type = ResponsesFields.type(item);
            if (type.isEmpty() && item.has("type")) {
                throw invalid(path + ".type", "must be a string");
            }
            switch (type) {
                case "", "message" -> {
                    String role = item.path("role").isTextual() ? item.get("role").textValue() : "";
                    switch (role) {
                        case "assistant" -> turn.addAll(assistantContent(item, path));
                        case "user", "system", "developer" -> {
                            flush(turn, messages);
                            messages.add(new Message(Role.valueOf(role.toUpperCase(Locale.ROOT)),
                                    inputContent(item.get("content"), path + ".content"), Optional.empty(),
                                    rest(item, Set.of("type", "role", "content"))));
                        }
                        default -> throw invalid(path + ".role", ROLES);
                    }
                }
                case "function_call" -> turn.add(new ToolCall(requiredText(item, "call_id", path + ".call_id"),
                        requiredText(item, "name", path + ".name"), arguments(item, path),
                        rest(item, Set.of("type", "call_id", "name", "arguments"))));
                case "reasoning" -> ResponsesReasoning.decode(item, path).ifPresent(turn::add);
                case "function_call_output" -> {
                    flush(turn, messages);
                    String callId = requiredText(item, "call_id", path + ".call_id");
                    List<Content> output = item.path("output").isTextual()
                            ? textContent(item.get("output").textValue())
                            : inputContent(item.get("output"), path + ".output");
                    messages.add(new Message(Role.TOOL, List.of(new ToolResult(callId, output, false,
                            rest(item, Set.of("type", "call_id", "output"))))));
                }
                case "item_reference" -> throw invalid(path, "is an item_reference, which points at an item OpenAI "
                        + "stored: the gateway only resolves it when the endpoint's target is an OpenAI Responses "
                        + "provider (pass-through); send the item itself in 'input' instead");
                default -> throw invalid(path + ".type", "is " + ResponsesTools.named(type) + ", which this endpoint "
                        + "cannot send to another provider: it takes message, function_call, function_call_output "
                        + "and reasoning items");
            }
        }
        flush(turn, messages);
        return messages;
    }

    private static void flush(List<Content> turn, List<Message> messages) {
        if (!turn.isEmpty()) {
            messages.add(new Message(Role.ASSISTANT, List.copyOf(turn)));
            turn.clear();
        }
    }

    private static String arguments(JsonNode item, String path) {
        JsonNode args = item.get("arguments");
        if (!given(args)) {
            return "{}";
        }
        if (args.isTextual()) {
            return args.textValue();
        }
        if (args.isObject()) {
            return args.toString();
        }
        throw invalid(path + ".arguments", "must be a string");
    }

    private static List<Content> textContent(String text) {
        return text.isEmpty() ? List.of() : List.of(new Text(text));
    }

    /** A user, system or developer message's content, or a function call's output: a string or a list of parts. */
    private static List<Content> inputContent(JsonNode content, String path) {
        if (content != null && content.isTextual()) {
            return textContent(content.textValue());
        }
        if (content == null || !content.isArray()) {
            throw invalid(path, "must be a string or a list of content parts");
        }
        List<Content> blocks = new ArrayList<>(content.size());
        for (int j = 0; j < content.size(); j++) {
            String partPath = path + "[" + j + "]";
            if (!content.get(j).isObject()) {
                throw invalid(partPath, "must be an object");
            }
            blocks.add(ResponsesParts.decodeInput(content.get(j), partPath));
        }
        return blocks;
    }

    private static List<Content> assistantContent(JsonNode item, String path) {
        JsonNode content = item.get("content");
        if (content != null && content.isTextual()) {
            return textContent(content.textValue());
        }
        if (content == null || !content.isArray()) {
            throw invalid(path + ".content", "must be a string or a list of content parts");
        }
        List<Content> blocks = new ArrayList<>(content.size());
        for (int j = 0; j < content.size(); j++) {
            String partPath = path + ".content[" + j + "]";
            if (!content.get(j).isObject()) {
                throw invalid(partPath, "must be an object");
            }
            blocks.add(ResponsesParts.decodeAssistant(content.get(j), partPath));
        }
        return blocks;
    }

    /** The {@code input} list for a Responses provider; {@code source} is the format the request came from. */
    static ArrayNode encode(List<Message> messages, boolean keepExtra, Optional<WireFormat> source) {
        ArrayNode out = NODES.arrayNode(messages.size());
        for (Message message : messages) {
            List<Content> rest = new ArrayList<>(message.content().size());
            for (Content block : message.content()) {
                if (block instanceof ToolResult result) {
                    out.add(functionCallOutput(result, keepExtra));
                } else {
                    rest.add(block);
                }
            }
            switch (message.role()) {
                case TOOL -> { }
                case ASSISTANT -> assistant(rest, keepExtra, source, out);
                case USER, SYSTEM, DEVELOPER -> {
                    if (!rest.isEmpty() || message.content().isEmpty()) {
                        boolean user = message.role() == Role.USER;
                        ObjectNode encoded = out.addObject()
                                .put("role", message.role().name().toLowerCase(Locale.ROOT));
                        List<Content> carried = user ? rest : rest.stream().filter(Text.class::isInstance).toList();
                        encoded.set("content", content(carried, keepExtra));
                        putExtra(encoded, message.extra(), keepExtra);
                    }
                }
            }
        }
        return out;
    }

    /** A lone plain text as a string, anything else as a list of input parts. */
    private static JsonNode content(List<Content> blocks, boolean keepExtra) {
        if (blocks.isEmpty()) {
            return NODES.textNode("");
        }
        if (blocks.size() == 1 && blocks.getFirst() instanceof Text text && (!keepExtra || text.extra().isEmpty())) {
            return NODES.textNode(text.text());
        }
        ArrayNode parts = NODES.arrayNode(blocks.size());
        blocks.forEach(block -> ResponsesParts.encodeInput(block, keepExtra).ifPresent(parts::add));
        return parts;
    }

    private static ObjectNode functionCallOutput(ToolResult result, boolean keepExtra) {
        ObjectNode item = NODES.objectNode().put("type", "function_call_output").put("call_id", result.toolCallId());
        boolean textOnly = result.content().stream().allMatch(Text.class::isInstance);
        if (textOnly) {
            StringBuilder text = new StringBuilder();
            result.content().forEach(block -> text.append(((Text) block).text()));
            item.put("output", text.toString());
        } else {
            ArrayNode parts = item.putArray("output");
            result.content().forEach(block -> ResponsesParts.encodeInput(block, keepExtra).ifPresent(parts::add));
        }
        putExtra(item, result.extra(), keepExtra);
        return item;
    }

    private static void assistant(List<Content> blocks, boolean keepExtra, Optional<WireFormat> source, ArrayNode out) {
        StringBuilder text = new StringBuilder();
        for (Content block : blocks) {
            if (!(block instanceof Text) && !text.isEmpty()) {
                out.addObject().put("role", "assistant").put("content", text.toString());
                text.setLength(0);
            }
            switch (block) {
                case Text t -> text.append(t.text());
                case Thinking thinking -> ResponsesReasoning.encode(thinking, keepExtra, source).ifPresent(out::add);
                case ToolCall call -> {
                    ObjectNode item = out.addObject().put("type", "function_call").put("call_id", call.id())
                            .put("name", call.name()).put("arguments", call.argumentsJson());
                    // An item id sent with store false names nothing stored: OpenAI refuses it.
                    putExtra(item, withoutId(call.extra()), keepExtra);
                }
                default -> { }
            }
        }
        if (!text.isEmpty()) {
            out.addObject().put("role", "assistant").put("content", text.toString());
        }
    }

    private static Map<String, JsonNode> withoutId(Map<String, JsonNode> extra) {
        if (!extra.containsKey("id")) {
            return extra;
        }
        Map<String, JsonNode> copy = new LinkedHashMap<>(extra);
        copy.remove("id");
        return copy;
    }
}
