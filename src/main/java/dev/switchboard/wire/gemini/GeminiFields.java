package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.GatewayException;
import dev.switchboard.wire.WireFields;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Typed reads of Gemini JSON. Gemini's JSON is proto3 JSON: field names are camelCase but the API
 * also accepts the proto's snake_case names, so every read takes the camelCase name and falls back to
 * the snake_case one. The strict readers validate a caller's request and throw a 400 that names the
 * field by its path and never quotes its value; the lenient ones read what a provider sent.
 */
final class GeminiFields {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GeminiFields() {
    }

    static GatewayException.InvalidRequest invalid(String path, String rule) {
        return new GatewayException.InvalidRequest("'" + path + "' " + rule);
    }

    /** {@code fooBarBaz} → {@code foo_bar_baz}. */
    static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The field by its camelCase name, else by its snake_case name; null when absent or JSON null. */
    static JsonNode get(JsonNode parent, String camel) {
        JsonNode value = parent.get(camel);
        if (value == null || value.isNull()) {
            value = parent.get(snake(camel));
        }
        return value == null || value.isNull() ? null : value;
    }

    static Optional<String> text(JsonNode parent, String field, String path) {
        JsonNode value = get(parent, field);
        if (value == null) {
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

    static OptionalDouble number(JsonNode parent, String field, String path) {
        JsonNode value = get(parent, field);
        if (value == null) {
            return OptionalDouble.empty();
        }
        if (!value.isNumber()) {
            throw invalid(path, "must be a number");
        }
        return OptionalDouble.of(value.doubleValue());
    }

    static OptionalInt integer(JsonNode parent, String field, String path) {
        JsonNode value = get(parent, field);
        if (value == null) {
            return OptionalInt.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalid(path, "must be an integer");
        }
        return OptionalInt.of(value.intValue());
    }

    static OptionalLong longInteger(JsonNode parent, String field, String path) {
        JsonNode value = get(parent, field);
        if (value == null) {
            return OptionalLong.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw invalid(path, "must be an integer");
        }
        return OptionalLong.of(value.longValue());
    }

    static Optional<Boolean> bool(JsonNode parent, String field, String path) {
        JsonNode value = get(parent, field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw invalid(path, "must be a boolean");
        }
        return Optional.of(value.booleanValue());
    }

    static Optional<JsonNode> object(JsonNode parent, String field, String path) {
        JsonNode value = get(parent, field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw invalid(path, "must be an object");
        }
        return Optional.of(value);
    }

    /**
     * A repeated field: a list, or a single object, which Google's JSON parser accepts for a list of
     * one (its own older examples send {@code "contents": {...}} and {@code "parts": {...}}).
     */
    static List<JsonNode> list(JsonNode parent, String field, String path) {
        JsonNode value = get(parent, field);
        if (value == null) {
            return List.of();
        }
        if (value.isObject()) {
            return List.of(value);
        }
        if (!value.isArray()) {
            throw invalid(path, "must be a list");
        }
        return value.valueStream().toList();
    }

    /** A repeated field ({@link #list}) whose items must all be objects. */
    static List<JsonNode> objects(JsonNode parent, String field, String path) {
        List<JsonNode> items = list(parent, field, path);
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).isObject()) {
                throw invalid(path + "[" + i + "]", "must be an object");
            }
        }
        return items;
    }

    /** Lenient: a string value, or empty for anything else. */
    static Optional<String> textOf(JsonNode node) {
        return node != null && node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
    }

    /** Lenient: a token count, or 0 when it is not a plausible one ({@link WireFields#count}). */
    static long count(JsonNode node) {
        return WireFields.count(node);
    }

    /**
     * The fields of {@code object} other than {@code known} (camelCase names; their snake_case forms
     * are excluded too), in their order, for an {@code extra} map.
     */
    static Map<String, JsonNode> rest(JsonNode object, Set<String> known) {
        Set<String> both = new HashSet<>(known);
        known.forEach(k -> both.add(snake(k)));
        Map<String, JsonNode> rest = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!both.contains(field.getKey())) {
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
     * Merges {@code extra} into {@code target} recursively: objects present on both sides are merged,
     * anything else already in {@code target} wins. Used for the nested leftovers of
     * {@code generationConfig} and {@code toolConfig}.
     */
    static void deepMerge(ObjectNode target, JsonNode extra) {
        if (extra == null || !extra.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : extra.properties()) {
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode into && field.getValue().isObject()) {
                deepMerge(into, field.getValue());
            } else if (existing == null) {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    /** {@code foo_bar} → {@code fooBar}. */
    static String camel(String snake) {
        StringBuilder out = new StringBuilder(snake.length());
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /**
     * A copy of a configuration object with its own keys in camelCase (values untouched), so that
     * leftovers merged back into an encoded object never name a field twice.
     */
    static ObjectNode camelKeys(JsonNode object) {
        ObjectNode out = NODES.objectNode();
        object.properties().forEach(f -> out.set(camel(f.getKey()), f.getValue()));
        return out;
    }

    static ObjectNode objectOf(Map<String, JsonNode> fields) {
        ObjectNode node = NODES.objectNode();
        node.setAll(fields);
        return node;
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode(values.size());
        values.forEach(array::add);
        return array;
    }
}
