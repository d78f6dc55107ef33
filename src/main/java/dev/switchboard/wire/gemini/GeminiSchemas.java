package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.GeminiFields.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/**
 * Gemini's OpenAPI-subset {@code Schema} (used by {@code parameters} and {@code responseSchema}) read
 * as JSON Schema, which is what the canonical model holds: {@code type} names are lower-cased
 * ({@code "OBJECT"} → {@code "object"}) and {@code "nullable": true} becomes a {@code "null"} member of
 * {@code type}; every other keyword is kept as it is. The original is kept by the codec so that a
 * Gemini caller's schema is re-sent unchanged.
 */
final class GeminiSchemas {

    /** The canonical stand-in for "no parameters". */
    static final JsonNode EMPTY_OBJECT_SCHEMA = emptyObjectSchema();

    private GeminiSchemas() {
    }

    static JsonNode toJsonSchema(JsonNode schema) {
        if (schema.isArray()) {
            ArrayNode out = NODES.arrayNode(schema.size());
            schema.forEach(item -> out.add(toJsonSchema(item)));
            return out;
        }
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode out = NODES.objectNode();
        boolean nullable = schema.path("nullable").asBoolean(false);
        for (Map.Entry<String, JsonNode> field : schema.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "nullable" -> { }
                case "type" -> out.set("type", type(value, nullable));
                case "properties", "$defs", "definitions" -> {
                    if (!value.isObject()) {
                        out.set(key, value);
                        continue;
                    }
                    ObjectNode props = out.putObject(key);
                    value.properties().forEach(p -> props.set(p.getKey(), toJsonSchema(p.getValue())));
                }
                case "items", "anyOf", "oneOf", "allOf", "not", "additionalProperties", "prefixItems" ->
                        out.set(key, toJsonSchema(value));
                default -> out.set(key, value);
            }
        }
        if (nullable && !schema.has("type")) {
            out.put("nullable", true);
        }
        return out;
    }

    private static JsonNode type(JsonNode type, boolean nullable) {
        if (!type.isTextual()) {
            return type;
        }
        String name = type.textValue().toLowerCase(Locale.ROOT);
        if (!nullable) {
            return NODES.textNode(name);
        }
        return NODES.arrayNode().add(name).add("null");
    }

    private static JsonNode emptyObjectSchema() {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        schema.putObject("properties");
        return schema;
    }
}
