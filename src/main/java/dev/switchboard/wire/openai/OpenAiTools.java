package dev.switchboard.wire.openai;

import static dev.switchboard.wire.openai.OpenAiFields.NODES;
import static dev.switchboard.wire.openai.OpenAiFields.given;
import static dev.switchboard.wire.openai.OpenAiFields.invalid;
import static dev.switchboard.wire.openai.OpenAiFields.putExtra;
import static dev.switchboard.wire.openai.OpenAiFields.requiredText;
import static dev.switchboard.wire.openai.OpenAiFields.rest;
import static dev.switchboard.wire.openai.OpenAiFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ResponseFormat;
import dev.switchboard.core.Tool;
import dev.switchboard.core.ToolChoice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code tools}, {@code tool_choice} and {@code response_format}, both ways. Unknown fields of a
 * tool's {@code function} object are kept in the tool's extra under {@code "function"} and merged
 * back into it.
 */
final class OpenAiTools {

    private static final Set<String> FUNCTION_FIELDS = Set.of("name", "description", "parameters", "strict");
    private static final String TOOL_CHOICES = "must be 'none', 'auto', 'required' or "
            + "{\"type\": \"function\", \"function\": {\"name\": ...}}";

    private OpenAiTools() {
    }

    static List<Tool> decodeTools(JsonNode tools) {
        OpenAiFields.listOfObjects(tools, "tools", false);
        if (!given(tools)) {
            return List.of();
        }
        List<Tool> decoded = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            String path = "tools[" + i + "]";
            JsonNode tool = tools.get(i);
            if (!"function".equals(tool.path("type").asText())) {
                throw invalid(path + ".type", "must be 'function'");
            }
            JsonNode function = OpenAiFields.object(tool, "function", path + ".function")
                    .orElseThrow(() -> invalid(path + ".function", "must be an object"));
            String name = requiredText(function, "name", path + ".function.name");
            JsonNode parameters = OpenAiFields.object(function, "parameters", path + ".function.parameters")
                    .orElseGet(OpenAiTools::emptySchema);
            Map<String, JsonNode> extra = new LinkedHashMap<>(rest(tool, Set.of("type", "function")));
            Map<String, JsonNode> functionRest = rest(function, FUNCTION_FIELDS);
            if (!functionRest.isEmpty()) {
                extra.put("function", NODES.objectNode().setAll(functionRest));
            }
            decoded.add(new Tool(name, text(function, "description", path + ".function.description"), parameters,
                    OpenAiFields.bool(function, "strict", path + ".function.strict"), extra));
        }
        return decoded;
    }

    static ArrayNode encodeTools(List<Tool> tools, boolean keepExtra) {
        ArrayNode out = NODES.arrayNode(tools.size());
        for (Tool tool : tools) {
            ObjectNode encoded = out.addObject().put("type", "function");
            ObjectNode function = encoded.putObject("function").put("name", tool.name());
            tool.description().ifPresent(d -> function.put("description", d));
            function.set("parameters", tool.parametersSchema());
            tool.strict().ifPresent(s -> function.put("strict", s));
            if (keepExtra && tool.extra().get("function") instanceof ObjectNode more) {
                more.properties().forEach(e -> function.putIfAbsent(e.getKey(), e.getValue()));
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
        JsonNode name = choice.path("function").path("name");
        if (choice.isObject() && "function".equals(choice.path("type").asText()) && name.isTextual()) {
            return Optional.of(new ToolChoice.Named(name.textValue()));
        }
        throw invalid("tool_choice", TOOL_CHOICES);
    }

    static JsonNode encodeToolChoice(ToolChoice choice) {
        return switch (choice) {
            case ToolChoice.Auto a -> NODES.textNode("auto");
            case ToolChoice.None n -> NODES.textNode("none");
            case ToolChoice.Required r -> NODES.textNode("required");
            case ToolChoice.Named named -> {
                ObjectNode node = NODES.objectNode().put("type", "function");
                node.putObject("function").put("name", named.name());
                yield node;
            }
        };
    }

    static Optional<ResponseFormat> decodeResponseFormat(JsonNode format) {
        if (!given(format)) {
            return Optional.empty();
        }
        if (!format.isObject()) {
            throw invalid("response_format", "must be an object");
        }
        return Optional.of(switch (format.path("type").asText()) {
            case "text" -> ResponseFormat.TEXT;
            case "json_object" -> ResponseFormat.JSON_OBJECT;
            case "json_schema" -> {
                JsonNode spec = OpenAiFields.object(format, "json_schema", "response_format.json_schema")
                        .orElseThrow(() -> invalid("response_format.json_schema", "must be an object"));
                yield new ResponseFormat.JsonSchema(requiredText(spec, "name", "response_format.json_schema.name"),
                        text(spec, "description", "response_format.json_schema.description"),
                        OpenAiFields.object(spec, "schema", "response_format.json_schema.schema")
                                .orElseGet(NODES::objectNode),
                        OpenAiFields.bool(spec, "strict", "response_format.json_schema.strict"));
            }
            default -> throw invalid("response_format.type", "must be one of text, json_object, json_schema");
        });
    }

    static ObjectNode encodeResponseFormat(ResponseFormat format) {
        ObjectNode node = NODES.objectNode();
        switch (format) {
            case ResponseFormat.PlainText t -> node.put("type", "text");
            case ResponseFormat.JsonObject j -> node.put("type", "json_object");
            case ResponseFormat.JsonSchema schema -> {
                ObjectNode spec = node.put("type", "json_schema").putObject("json_schema").put("name", schema.name());
                schema.description().ifPresent(d -> spec.put("description", d));
                spec.set("schema", schema.schema());
                schema.strict().ifPresent(s -> spec.put("strict", s));
            }
        }
        return node;
    }

    private static JsonNode emptySchema() {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        schema.putObject("properties");
        return schema;
    }
}
