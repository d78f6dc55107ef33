package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.AnthropicFields.NODES;
import static dev.switchboard.wire.anthropic.AnthropicFields.given;
import static dev.switchboard.wire.anthropic.AnthropicFields.invalid;
import static dev.switchboard.wire.anthropic.AnthropicFields.putExtra;
import static dev.switchboard.wire.anthropic.AnthropicFields.requiredText;
import static dev.switchboard.wire.anthropic.AnthropicFields.rest;
import static dev.switchboard.wire.anthropic.AnthropicFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ResponseFormat;
import dev.switchboard.core.Tool;
import dev.switchboard.core.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code tools}, {@code tool_choice} and the JSON output format, both ways. Only client tools (with
 * an {@code input_schema}) are modelled; Anthropic's server tools have no canonical form and are
 * refused. {@code tool_choice} fields other than {@code type} and {@code name} (such as
 * {@code disable_parallel_tool_use}) are kept in the request's extra under {@code "tool_choice"}.
 *
 * <p>Structured output: {@code output_config.format} ({@code {"type": "json_schema", "schema"}},
 * Anthropic's native JSON outputs) is a {@link ResponseFormat.JsonSchema} named {@code "response"},
 * and a JSON schema format from any caller is written back as {@code output_config.format}.
 */
final class AnthropicTools {

    /** The name given to a JSON schema that came without one (Anthropic's format has none). */
    static final String SCHEMA_NAME = "response";

    private static final String TOOL_CHOICES = "must be an object whose 'type' is auto, any, tool or none";

    private AnthropicTools() {
    }

    static List<Tool> decodeTools(JsonNode tools) {
        AnthropicFields.listOfObjects(tools, "tools", false);
        if (!given(tools)) {
            return List.of();
        }
        List<Tool> decoded = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            String path = "tools[" + i + "]";
            JsonNode tool = tools.get(i);
            String type = text(tool, "type", path + ".type").orElse("custom");
            if (!type.equals("custom")) {
                throw invalid(path + ".type", "must be 'custom': server tools cannot be translated");
            }
            JsonNode schema = AnthropicFields.object(tool, "input_schema", path + ".input_schema")
                    .orElseThrow(() -> invalid(path + ".input_schema", "is required and must be an object"));
            decoded.add(new Tool(requiredText(tool, "name", path + ".name"),
                    text(tool, "description", path + ".description"), schema,
                    AnthropicFields.bool(tool, "strict", path + ".strict"),
                    rest(tool, Set.of("name", "description", "input_schema", "strict"))));
        }
        return decoded;
    }

    static ArrayNode encodeTools(List<Tool> tools, boolean keep) {
        ArrayNode out = NODES.arrayNode(tools.size());
        for (Tool tool : tools) {
            ObjectNode encoded = out.addObject().put("name", tool.name());
            tool.description().ifPresent(d -> encoded.put("description", d));
            encoded.set("input_schema", tool.parametersSchema());
            tool.strict().ifPresent(s -> encoded.put("strict", s));
            putExtra(encoded, tool.extra(), keep);
        }
        return out;
    }

    /** The choice, and the choice's other fields (to keep in the request's extra), if any. */
    record DecodedChoice(Optional<ToolChoice> choice, Map<String, JsonNode> rest) {
    }

    static DecodedChoice decodeToolChoice(JsonNode choice) {
        if (!given(choice)) {
            return new DecodedChoice(Optional.empty(), Map.of());
        }
        if (!choice.isObject()) {
            throw invalid("tool_choice", TOOL_CHOICES);
        }
        ToolChoice decoded = switch (AnthropicFields.type(choice)) {
            case "auto" -> ToolChoice.AUTO;
            case "any" -> ToolChoice.REQUIRED;
            case "none" -> ToolChoice.NONE;
            case "tool" -> new ToolChoice.Named(requiredText(choice, "name", "tool_choice.name"));
            default -> throw invalid("tool_choice.type", "must be one of auto, any, tool, none");
        };
        AnthropicFields.bool(choice, "disable_parallel_tool_use", "tool_choice.disable_parallel_tool_use");
        return new DecodedChoice(Optional.of(decoded), rest(choice, Set.of("type", "name")));
    }

    /** Anthropic's {@code tool_choice}; {@code more} are fields to add (e.g. disable_parallel_tool_use). */
    static ObjectNode encodeToolChoice(ToolChoice choice, Map<String, JsonNode> more) {
        ObjectNode node = NODES.objectNode();
        switch (choice) {
            case ToolChoice.Auto a -> node.put("type", "auto");
            case ToolChoice.None n -> node.put("type", "none");
            case ToolChoice.Required r -> node.put("type", "any");
            case ToolChoice.Named named -> node.put("type", "tool").put("name", named.name());
        }
        if (!(choice instanceof ToolChoice.None)) {
            more.forEach(node::putIfAbsent);
        }
        return node;
    }

    /** {@code output_config.format}; only {@code json_schema} exists. */
    static ResponseFormat decodeFormat(JsonNode format) {
        if (!format.isObject() || !"json_schema".equals(AnthropicFields.type(format))) {
            throw invalid("output_config.format.type", "must be 'json_schema'");
        }
        JsonNode schema = AnthropicFields.object(format, "schema", "output_config.format.schema")
                .orElseThrow(() -> invalid("output_config.format.schema", "is required and must be an object"));
        return new ResponseFormat.JsonSchema(SCHEMA_NAME, Optional.empty(), schema, Optional.empty());
    }

    static ObjectNode encodeFormat(ResponseFormat.JsonSchema schema) {
        ObjectNode format = NODES.objectNode().put("type", "json_schema");
        format.set("schema", schema.schema());
        return format;
    }
}
