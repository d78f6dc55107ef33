package dev.switchboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.GatewayException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads typed fields of a management request, turning every wrong type or missing field into a
 * 400 with the field's name. Messages never include the values, which may be secrets. JSON null
 * counts as absent, as in proto3 JSON.
 */
public final class RequestFields {

    private final ObjectNode body;
    private final Map<String, List<String>> query;
    private final String prefix;

    RequestFields(AdminRequest request) {
        this(request.body(), request.query(), "");
    }

    private RequestFields(ObjectNode body, Map<String, List<String>> query, String prefix) {
        this.body = body;
        this.query = query;
        this.prefix = prefix;
    }

    public String requiredString(String name) {
        return optionalString(name).orElseThrow(() -> missing(name));
    }

    public Optional<String> optionalString(String name) {
        JsonNode node = node(name);
        if (node == null) {
            return queryValue(name);
        }
        if (!node.isTextual()) {
            throw wrongType(name, "a string");
        }
        return Optional.of(node.asText());
    }

    public Optional<Boolean> optionalBoolean(String name) {
        JsonNode node = node(name);
        if (node == null) {
            return queryValue(name).map(v -> switch (v) {
                case "true" -> true;
                case "false" -> false;
                default -> throw wrongType(name, "true or false");
            });
        }
        if (!node.isBoolean()) {
            throw wrongType(name, "a boolean");
        }
        return Optional.of(node.booleanValue());
    }

    public OptionalInt optionalInt(String name) {
        JsonNode node = node(name);
        if (node == null) {
            Optional<String> text = queryValue(name);
            if (text.isEmpty()) {
                return OptionalInt.empty();
            }
            try {
                return OptionalInt.of(Integer.parseInt(text.get()));
            } catch (NumberFormatException e) {
                throw wrongType(name, "an integer");
            }
        }
        // proto3 JSON allows 64-bit and 32-bit integers as strings too.
        if (node.isTextual() && node.asText().matches("-?\\d{1,9}")) {
            return OptionalInt.of(Integer.parseInt(node.asText()));
        }
        if (!node.canConvertToExactIntegral() || !node.canConvertToInt()) {
            throw wrongType(name, "an integer");
        }
        return OptionalInt.of(node.asInt());
    }

    public OptionalLong optionalLong(String name) {
        JsonNode node = node(name);
        if (node == null) {
            Optional<String> text = queryValue(name);
            if (text.isEmpty()) {
                return OptionalLong.empty();
            }
            try {
                return OptionalLong.of(Long.parseLong(text.get()));
            } catch (NumberFormatException e) {
                throw wrongType(name, "an integer");
            }
        }
        if (node.isTextual() && node.asText().matches("-?\\d{1,18}")) {
            return OptionalLong.of(Long.parseLong(node.asText()));
        }
        if (!node.canConvertToExactIntegral() || !node.canConvertToLong()) {
            throw wrongType(name, "an integer");
        }
        return OptionalLong.of(node.asLong());
    }

    public OptionalDouble optionalDouble(String name) {
        JsonNode node = node(name);
        if (node == null) {
            return OptionalDouble.empty();
        }
        if (!node.isNumber()) {
            throw wrongType(name, "a number");
        }
        return OptionalDouble.of(node.asDouble());
    }

    /** An object whose values are all strings, in the order given. */
    public Optional<Map<String, String>> optionalStringMap(String name) {
        JsonNode node = node(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw wrongType(name, "an object of string values");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (var entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                // The field name is not echoed: in secret_value it might be the secret itself.
                throw wrongType(name, "an object whose values are all strings");
            }
            map.put(entry.getKey(), entry.getValue().asText());
        }
        return Optional.of(map);
    }

    /** Like {@link #optionalStringMap}, but a plain string is taken as {@code {defaultKey: string}}. */
    public Optional<Map<String, String>> optionalStringMapOrString(String name, String defaultKey) {
        JsonNode node = node(name);
        if (node != null && node.isTextual()) {
            Map<String, String> map = new LinkedHashMap<>();
            map.put(defaultKey, node.asText());
            return Optional.of(map);
        }
        return optionalStringMap(name);
    }

    /** An object of scalar values (strings, numbers, booleans), e.g. {@code auth_config}. */
    public Optional<Map<String, Object>> optionalScalarMap(String name) {
        JsonNode node = node(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw wrongType(name, "an object");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (var entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (value.isTextual()) {
                map.put(entry.getKey(), value.asText());
            } else if (value.isBoolean()) {
                map.put(entry.getKey(), value.booleanValue());
            } else if (value.isIntegralNumber()) {
                map.put(entry.getKey(), value.longValue());
            } else if (value.isNumber()) {
                map.put(entry.getKey(), value.doubleValue());
            } else if (!value.isNull()) {
                throw wrongType(name + "." + entry.getKey(), "a string, number or boolean");
            }
        }
        return Optional.of(map);
    }

    /** A nested object's fields, for objects like {@code fallback_config}. */
    public Optional<RequestFields> optionalObject(String name) {
        JsonNode node = node(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!(node instanceof ObjectNode object)) {
            throw wrongType(name, "an object");
        }
        return Optional.of(new RequestFields(object, Map.of(), path(name) + "."));
    }

    /** A list of strings (from the body, or the query's repeated parameter). */
    public Optional<List<String>> optionalStringList(String name) {
        JsonNode node = node(name);
        if (node == null) {
            List<String> values = query.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(values));
        }
        if (!node.isArray()) {
            throw wrongType(name, "a list of strings");
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw wrongType(name + "[" + i + "]", "a string");
            }
            items.add(node.get(i).asText());
        }
        return Optional.of(items);
    }

    /** A list of objects, each read through its own fields. */
    public Optional<List<RequestFields>> optionalObjectList(String name) {
        JsonNode node = node(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw wrongType(name, "a list of objects");
        }
        List<RequestFields> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!(node.get(i) instanceof ObjectNode object)) {
                throw wrongType(name + "[" + i + "]", "an object");
            }
            items.add(new RequestFields(object, Map.of(), path(name) + "[" + i + "]."));
        }
        return Optional.of(items);
    }

    private JsonNode node(String name) {
        JsonNode node = body.get(name);
        return node == null || node.isNull() ? null : node;
    }

    private Optional<String> queryValue(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    private String path(String name) {
        return prefix + name;
    }

    private GatewayException missing(String name) {
        return new GatewayException.InvalidRequest("Missing value for required parameter '" + path(name) + "'");
    }

    private GatewayException wrongType(String name, String expected) {
        return new GatewayException.InvalidRequest("Invalid value for parameter '" + path(name) + "': expected "
                + expected);
    }
}
