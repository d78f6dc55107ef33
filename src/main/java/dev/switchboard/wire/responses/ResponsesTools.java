package dev.switchboard.wire.responses;

import static dev.switchboard.wire.responses.ResponsesFields.NODES;
import static dev.switchboard.wire.responses.ResponsesFields.given;
import static dev.switchboard.wire.responses.ResponsesFields.invalid;
import static dev.switchboard.wire.responses.ResponsesFields.putExtra;
import static dev.switchboard.wire.responses.ResponsesFields.requiredText;
import static dev.switchboard.wire.responses.ResponsesFields.rest;
import static dev.switchboard.wire.responses.ResponsesFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ResponseFormat;
import dev.switchboard.core.Tool;
import dev.switchboard.core.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code tools}, {@code tool_choice} and {@code text.format}, both ways. A Responses function tool
 * is flat ({@code {"type": "function", "name", "description", "parameters", "strict"}}). The
 * Responses API makes a function strict unless told otherwise, other formats do not: a tool from
 * another format that does not say is sent with {@code "strict": false}. Built-in tools (web search,
 * file search, code interpreter, MCP ...) run at OpenAI only, so decoding refuses them.
 */
final class ResponsesTools {

    private static final Set<String> TOOL_FIELDS = Set.of("type", "name", "description", "parameters", "strict");
    private static final String TOOL_CHOICES = "must be 'none', 'auto', 'required' or "
            + "{\"type\": \"function\", \"name\": ...}";
    /** A type value short and plain enough to name in an error message. */
    private static final Pattern PLAIN = Pattern.compile("[a-z0-9_.]{1,64}");

    private ResponsesTools() {
    }

    static List<Tool> decodeTools(JsonNode tools) {
        ResponsesFields.listOfObjects(tools, "tools", false);
        if (!given(tools)) {
            return List.of();
        }
        List<Tool> decoded = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            String path = "tools[" + i + "]";
            JsonNode tool = tools.get(i);
            String type = ResponsesFields.type(tool);
            if (!type.equals("function")) {
                throw invalid(path + ".type", "is " + named(type) + ", a tool that only OpenAI runs: this endpoint "
                        + "may answer with another provider, which can only call functions ({\"type\": \"function\"})");
            }
            JsonNode parameters = ResponsesFields.object(tool, "parameters", path + ".parameters")
                    .orElseGet(ResponsesTools::emptySchema);
            decoded.add(new Tool(requiredText(tool, "name", path + ".name"),
                    text(tool, "description", path + ".description"), parameters,
                    ResponsesFields.bool(tool, "strict", path + ".strict"), rest(tool, TOOL_FIELDS)));
        }
        return decoded;
    }

    /**
     * The tools, for a provider ({@code strict} false when the tool does not say) or as an answer
     * echoes them ({@code strict} null when the tool does not say).
     */
    static ArrayNode encodeTools(List<Tool> tools, boolean keepExtra, boolean forProvider) {
        ArrayNode out = NODES.arrayNode(tools.size());
        for (Tool tool : tools) {
            ObjectNode encoded = out.addObject().put("type", "function").put("name", tool.name());
            tool.description().ifPresent(d -> encoded.put("description", d));
            encoded.set("parameters", tool.parametersSchema());
            if (tool.strict().isPresent() || forProvider) {
                encoded.put("strict", tool.strict().orElse(false));
            } else {
                encoded.putNull("strict");
            }
            putExtra(encoded, tool.extra(), keepExtra);
        }
        return out;
    }

    static Optional<ToolChoice> decodeToolChoice(JsonNode choice) {
        if (!given(choice)) {
            return Optional.empty();
        }
        if (choice.isTextual()) {
            return Optional.of(switch (choice.textValue()) {
                case "auto" -> ToolChoice.AUTO;
                case "none" -> ToolChoice.NONE;
                case "required" -> ToolChoice.REQUIRED;
                default -> throw invalid("tool_choice", TOOL_CHOICES);
            });
        }
        if (choice.isObject() && "function".equals(ResponsesFields.type(choice))) {
            return Optional.of(new ToolChoice.Named(requiredText(choice, "name", "tool_choice.name")));
        }
        throw invalid("tool_choice", TOOL_CHOICES);
    }

    static JsonNode encodeToolChoice(ToolChoice choice) {
        return switch (choice) {
            case ToolChoice.Auto a -> NODES.textNode("auto");
            case ToolChoice.None n -> NODES.textNode("none");
            case ToolChoice.Required r -> NODES.textNode("required");
            case ToolChoice.Named named -> NODES.objectNode().put("type", "function").put("name", named.name());
        };
    }

    /** {@code text.format}; the rest of {@code text} ({@code verbosity}) stays in the request's extra. */
    static Optional<ResponseFormat> decodeFormat(Optional<JsonNode> text) {
        Optional<JsonNode> format = text.flatMap(t -> ResponsesFields.object(t, "format", "text.format"));
        if (format.isEmpty()) {
            return Optional.empty();
        }
        JsonNode spec = format.get();
        return Optional.of(switch (ResponsesFields.type(spec)) {
            case "text" -> ResponseFormat.TEXT;
            case "json_object" -> ResponseFormat.JSON_OBJECT;
            case "json_schema" -> new ResponseFormat.JsonSchema(requiredText(spec, "name", "text.format.name"),
                    text(spec, "description", "text.format.description"),
                    ResponsesFields.object(spec, "schema", "text.format.schema")
                            .orElseThrow(() -> invalid("text.format.schema", "is required and must be an object")),
                    ResponsesFields.bool(spec, "strict", "text.format.strict"));
            default -> throw invalid("text.format.type", "must be one of text, json_object, json_schema");
        });
    }

    static ObjectNode encodeFormat(ResponseFormat format) {
        ObjectNode node = NODES.objectNode();
        switch (format) {
            case ResponseFormat.PlainText t -> node.put("type", "text");
            case ResponseFormat.JsonObject j -> node.put("type", "json_object");
            case ResponseFormat.JsonSchema schema -> {
                node.put("type", "json_schema").put("name", schema.name());
                schema.description().ifPresent(d -> node.put("description", d));
                node.set("schema", schema.schema());
                schema.strict().ifPresent(s -> node.put("strict", s));
            }
        }
        return node;
    }

    /** A type value as an error message names it: quoted when plain, else not repeated. */
    static String named(String type) {
        return type.isEmpty() ? "missing" : PLAIN.matcher(type).matches() ? "'" + type + "'" : "not supported";
    }

    private static JsonNode emptySchema() {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        schema.putObject("properties");
        return schema;
    }
}
