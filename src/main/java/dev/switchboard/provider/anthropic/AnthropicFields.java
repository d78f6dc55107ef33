package dev.switchboard.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.GatewayException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Typed reads of Anthropic JSON. The strict readers validate a caller's request and throw a 400 that
 * names the field by its path (e.g. {@code messages[2].content[0].source.type}) and never quotes its
 * value; the lenient ones read what a provider sent and fall back to "absent".
 */
final class AnthropicFields {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final ObjectMapper JSON = new ObjectMapper();

    private AnthropicFields() {
    }

    static GatewayException.InvalidRequest invalid(String path, String rule) {
        return new GatewayException.InvalidRequest("'" + path + "' " + rule);
    }

    /** Present and not JSON {@code null}. */
    static boolean given(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    static Optional<String> text(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (!given(value)) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw invalid(path, "must be a string");
        }
        return Optional.of(value.textValue());
    }

    static String requiredText(JsonNode parent, String field, String path) {
        return text(parent, field, path).orElseThrow(() -> invalid(path, "is required and must be a string"));
    }

    static OptionalDouble number(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (!given(value)) {
            return OptionalDouble.empty();
        }
        if (!value.isNumber()) {
            throw invalid(field, "must be a number");
        }
        return OptionalDouble.of(value.doubleValue());
    }

    static OptionalInt integer(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (!given(value)) {
            return OptionalInt.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalid(path, "must be an integer");
        }
        return OptionalInt.of(value.intValue());
    }

    static Optional<Boolean> bool(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (!given(value)) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw invalid(path, "must be a boolean");
        }
        return Optional.of(value.booleanValue());
    }

    static Optional<JsonNode> object(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (!given(value)) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw invalid(path, "must be an object");
        }
        return Optional.of(value);
    }

    /** The {@code type} of a block or source, or "" when it has none. */
    static String type(JsonNode node) {
        JsonNode type = node.get("type");
        return type != null && type.isTextual() ? type.textValue() : "";
    }

    /** Lenient: a string value, or empty for anything else. */
    static Optional<String> textOf(JsonNode node) {
        return node != null && node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
    }

    /** Lenient: a token count, or 0 when absent, not a number or negative. */
    static long count(JsonNode node) {
        return node != null && node.isNumber() ? Math.max(0, node.longValue()) : 0;
    }

    /** The fields of {@code object} other than {@code known}, in their order, for an {@code extra} map. */
    static Map<String, JsonNode> rest(JsonNode object, Set<String> known) {
        Map<String, JsonNode> rest = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!known.contains(field.getKey())) {
                rest.put(field.getKey(), field.getValue());
            }
        }
        return rest;
    }

    /** Adds the {@code extra} fields to {@code target} unless {@code keep} is false; modelled fields win. */
    static void putExtra(ObjectNode target, Map<String, JsonNode> extra, boolean keep) {
        if (keep) {
            extra.forEach(target::putIfAbsent);
        }
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
