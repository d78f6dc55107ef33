package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.GeminiFields.NODES;
import static dev.switchboard.wire.gemini.GeminiFields.get;
import static dev.switchboard.wire.gemini.GeminiFields.invalid;
import static dev.switchboard.wire.gemini.GeminiFields.putExtra;
import static dev.switchboard.wire.gemini.GeminiFields.requiredText;
import static dev.switchboard.wire.gemini.GeminiFields.rest;
import static dev.switchboard.wire.gemini.GeminiFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Tool;
import dev.switchboard.core.ToolChoice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code tools} and {@code toolConfig}, both ways.
 *
 * <p>Every {@code functionDeclarations} entry of every tool is a canonical {@link Tool}; Gemini's
 * other tools ({@code googleSearch}, {@code codeExecution}, {@code urlContext}, ...) have no
 * canonical form and are kept in the request's extra under {@code tools}, re-sent after the
 * function declarations only to Gemini. A declaration's {@code parametersJsonSchema} is its schema
 * as it is; its {@code parameters} (OpenAPI subset) is read as JSON Schema (see
 * {@link GeminiSchemas}) and the original kept in the tool's extra, so a Gemini caller's declaration
 * goes back unchanged. A schema from another format is sent as {@code parametersJsonSchema} (full
 * JSON Schema, no lossy conversion); an empty object schema is not sent at all.
 *
 * <p>{@code functionCallingConfig.mode}: {@code AUTO} and {@code NONE} are the same choices;
 * {@code ANY} is "required", or "this tool" when {@code allowedFunctionNames} names exactly one.
 * Anything not modelled (several allowed names, {@code VALIDATED}, {@code retrievalConfig}) stays
 * in the extra under {@code toolConfig} and is merged back for Gemini.
 */
final class GeminiTools {

    private GeminiTools() {
    }

    static List<Tool> decodeTools(JsonNode body, Map<String, JsonNode> extra) {
        List<JsonNode> tools = GeminiFields.objects(body, "tools", "tools");
        List<Tool> decoded = new ArrayList<>();
        ArrayNode others = NODES.arrayNode();
        for (int i = 0; i < tools.size(); i++) {
            String path = "tools[" + i + "]";
            JsonNode tool = tools.get(i);
            List<JsonNode> declarations = GeminiFields.list(tool, "functionDeclarations", path + ".functionDeclarations");
            for (int j = 0; j < declarations.size(); j++) {
                decoded.add(declaration(declarations.get(j), path + ".functionDeclarations[" + j + "]"));
            }
            Map<String, JsonNode> rest = rest(tool, Set.of("functionDeclarations"));
            if (!rest.isEmpty()) {
                others.add(GeminiFields.objectOf(rest));
            }
        }
        if (!others.isEmpty()) {
            extra.put("tools", others);
        }
        return decoded;
    }

    private static Tool declaration(JsonNode declaration, String path) {
        if (!declaration.isObject()) {
            throw invalid(path, "must be an object");
        }
        String name = requiredText(declaration, "name", path + ".name");
        Map<String, JsonNode> extra = new LinkedHashMap<>(
                rest(declaration, Set.of("name", "description", "parameters", "parametersJsonSchema")));
        Optional<JsonNode> jsonSchema = GeminiFields.object(declaration, "parametersJsonSchema",
                path + ".parametersJsonSchema");
        Optional<JsonNode> openApi = GeminiFields.object(declaration, "parameters", path + ".parameters");
        openApi.ifPresent(p -> extra.put("parameters", p));
        JsonNode schema = jsonSchema.or(() -> openApi.map(GeminiSchemas::toJsonSchema))
                .orElse(GeminiSchemas.EMPTY_OBJECT_SCHEMA);
        return new Tool(name, text(declaration, "description", path + ".description"), schema, Optional.empty(),
                extra);
    }

    /** The {@code tools} list, or empty when there is nothing to send. */
    static Optional<ArrayNode> encodeTools(List<Tool> tools, Map<String, JsonNode> requestExtra, boolean keepExtra) {
        ArrayNode out = NODES.arrayNode();
        if (!tools.isEmpty()) {
            ArrayNode declarations = out.addObject().putArray("functionDeclarations");
            for (Tool tool : tools) {
                ObjectNode encoded = declarations.addObject().put("name", tool.name());
                tool.description().ifPresent(d -> encoded.put("description", d));
                boolean original = keepExtra && tool.extra().containsKey("parameters");
                if (!original && !tool.parametersSchema().equals(GeminiSchemas.EMPTY_OBJECT_SCHEMA)) {
                    encoded.set("parametersJsonSchema", tool.parametersSchema());
                }
                putExtra(encoded, tool.extra(), keepExtra);
            }
        }
        if (keepExtra && requestExtra.get("tools") instanceof ArrayNode others) {
            out.addAll(others);
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    /** The tool choice of {@code toolConfig}; what it cannot express goes to {@code extra}. */
    static Optional<ToolChoice> decodeToolChoice(JsonNode body, Map<String, JsonNode> extra) {
        Optional<JsonNode> config = GeminiFields.object(body, "toolConfig", "toolConfig");
        if (config.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode leftover = GeminiFields.camelKeys(config.get());
        Optional<ToolChoice> choice = Optional.empty();
        Optional<JsonNode> calling = GeminiFields.object(config.get(), "functionCallingConfig",
                "toolConfig.functionCallingConfig");
        if (calling.isPresent()) {
            String path = "toolConfig.functionCallingConfig";
            String mode = text(calling.get(), "mode", path + ".mode").orElse("").toUpperCase(Locale.ROOT);
            List<String> names = names(calling.get(), path + ".allowedFunctionNames");
            ObjectNode callingLeft = GeminiFields.camelKeys(calling.get());
            leftover.set("functionCallingConfig", callingLeft);
            choice = switch (mode) {
                case "AUTO" -> Optional.of(ToolChoice.AUTO);
                case "NONE" -> Optional.of(ToolChoice.NONE);
                case "ANY" -> {
                    if (names.size() == 1) {
                        callingLeft.remove("allowedFunctionNames");
                        yield Optional.of(new ToolChoice.Named(names.getFirst()));
                    }
                    yield Optional.of(ToolChoice.REQUIRED);
                }
                default -> Optional.empty();
            };
            if (choice.isPresent()) {
                callingLeft.remove("mode");
            }
            if (callingLeft.isEmpty()) {
                leftover.remove("functionCallingConfig");
            }
        }
        if (!leftover.isEmpty()) {
            extra.put("toolConfig", leftover);
        }
        return choice;
    }

    static Optional<ObjectNode> encodeToolConfig(Optional<ToolChoice> choice, Map<String, JsonNode> requestExtra,
                                                 boolean keepExtra) {
        ObjectNode config = NODES.objectNode();
        choice.ifPresent(c -> {
            ObjectNode calling = config.putObject("functionCallingConfig");
            switch (c) {
                case ToolChoice.Auto a -> calling.put("mode", "AUTO");
                case ToolChoice.None n -> calling.put("mode", "NONE");
                case ToolChoice.Required r -> calling.put("mode", "ANY");
                case ToolChoice.Named named -> calling.put("mode", "ANY").putArray("allowedFunctionNames")
                        .add(named.name());
            }
        });
        if (keepExtra) {
            GeminiFields.deepMerge(config, requestExtra.get("toolConfig"));
        }
        return config.isEmpty() ? Optional.empty() : Optional.of(config);
    }

    private static List<String> names(JsonNode calling, String path) {
        JsonNode names = get(calling, "allowedFunctionNames");
        if (names == null) {
            return List.of();
        }
        if (!names.isArray()) {
            throw invalid(path, "must be a list of strings");
        }
        List<String> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).isTextual()) {
                throw invalid(path + "[" + i + "]", "must be a string");
            }
            out.add(names.get(i).textValue());
        }
        return out;
    }
}
