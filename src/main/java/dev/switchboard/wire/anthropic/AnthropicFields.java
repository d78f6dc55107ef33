package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Json;
import dev.switchboard.wire.WireFields;

/**
 * Typed reads of Anthropic JSON: the shared {@link WireFields} readers (400s that name the field by
 * its path, e.g. {@code messages[2].content[0].source.type}, never its value) plus Anthropic's own.
 */
final class AnthropicFields extends WireFields {

    static final ObjectMapper JSON = Json.mapper();

    private AnthropicFields() {
    }

    /** The {@code type} of a block or source, or "" when it has none. */
    static String type(JsonNode node) {
        JsonNode type = node.get("type");
        return type != null && type.isTextual() ? type.textValue() : "";
    }

    /**
     * A tool call's arguments text as the object Anthropic's {@code input} must be; text that is not a
     * JSON object (a model's malformed call) becomes an empty object.
     */
    static ObjectNode inputObject(String argumentsJson) {
        try {
            JsonNode parsed = JSON.readTree(argumentsJson);
            return parsed != null && parsed.isObject() ? (ObjectNode) parsed : NODES.objectNode();
        } catch (JsonProcessingException e) {
            return NODES.objectNode();
        }
    }
}
