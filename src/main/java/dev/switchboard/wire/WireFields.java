package dev.switchboard.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Typed reads of wire-format JSON, shared by the codecs (each codec's {@code XxxFields} extends it).
 * The strict readers validate a caller's request and throw a 400 that names the field by its path
 * (e.g. {@code messages[2].role}) and never quotes its value; the lenient ones read what a provider
 * sent and fall back to "absent".
 */
public class WireFields {

    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    protected WireFields() {
    }

    public static GatewayException.InvalidRequest invalid(String path, String rule) {
        return new GatewayException.InvalidRequest("'" + path + "' " + rule);
    }

    /** Present and not JSON {@code null}; OpenAI treats an explicit null like an absent field. */
    public static boolean given(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    public static Optional<String> text(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (!given(value)) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw invalid(path, "must be a string");
        }
        return Optional.of(value.textValue());
    }

    public static String requiredText(JsonNode parent, String field, String path) {
        return text(parent, field, path).orElseThrow(() -> invalid(path, "is required and must be a string"));
    }

    public static OptionalDouble number(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (!given(value)) {
            return OptionalDouble.empty();
        }
        if (!value.isNumber()) {
            throw invalid(field, "must be a number");
        }
        return OptionalDouble.of(value.doubleValue());
    }

    public static OptionalInt integer(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (!given(value)) {
            return OptionalInt.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalid(path, "must be an integer");
        }
        return OptionalInt.of(value.intValue());
    }

    public static OptionalLong longInteger(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (!given(value)) {
            return OptionalLong.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw invalid(field, "must be an integer");
        }
        return OptionalLong.of(value.longValue());
    }

    public static Optional<Boolean> bool(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (!given(value)) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw invalid(path, "must be a boolean");
        }
        return Optional.of(value.booleanValue());
    }

    public static Optional<JsonNode> object(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (!given(value)) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw invalid(path, "must be an object");
        }
        return Optional.of(value);
    }

    /**
     * Checks that {@code value} is a list of objects: absent is fine unless {@code required}, which
     * also rules out an empty list. A codec checks its request lists with this when decoding, and
     * pass-through with the same rules before sending a caller's body on.
     */
    public static void listOfObjects(JsonNode value, String path, boolean required) {
        if (!given(value) && !required) {
            return;
        }
        if (!given(value) || !value.isArray() || (required && value.isEmpty())) {
            throw invalid(path, required ? "must be a non-empty list" : "must be a list");
        }
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isObject()) {
                throw invalid(path + "[" + i + "]", "must be an object");
            }
        }
    }

    /** Lenient: a string value, or empty for anything else. */
    public static Optional<String> textOf(JsonNode node) {
        return node != null && node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
    }

    /** The largest token count read; no call comes near it, and sums of a few such counts cannot overflow. */
    private static final long MAX_COUNT = 1L << 40;

    /**
     * Lenient: a token count, or 0 when absent, not a number, negative, or beyond {@link #MAX_COUNT}
     * (a provider reporting a trillion tokens is reporting nonsense, and adding it up must not overflow).
     */
    public static long count(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return 0;
        }
        long count = node.longValue();
        return count < 0 || count > MAX_COUNT || node.isFloatingPointNumber() && node.doubleValue() > MAX_COUNT ? 0
                : count;
    }

    /** The fields of {@code object} other than {@code known}, in their order, for an {@code extra} map. */
    public static Map<String, JsonNode> rest(JsonNode object, Set<String> known) {
        Map<String, JsonNode> rest = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!known.contains(field.getKey())) {
                rest.put(field.getKey(), field.getValue());
            }
        }
        return rest;
    }

    /** Adds the {@code extra} fields to {@code target} unless {@code keep} is false; modelled fields win. */
    public static void putExtra(ObjectNode target, Map<String, JsonNode> extra, boolean keep) {
        if (keep) {
            extra.forEach(target::putIfAbsent);
        }
    }

    /**
     * What a provider sent as JSON (a whole body or one stream event's data); anything else, or
     * nothing, is an upstream failure, which a fallback may still mend.
     */
    public static JsonNode providerJson(byte[] json) {
        try {
            JsonNode node = Json.shared().readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new GatewayException.UpstreamUnavailable("The provider sent an empty response", null);
            }
            return node;
        } catch (IOException e) {
            throw new GatewayException.UpstreamUnavailable("The provider sent a response that is not JSON", null);
        }
    }

    /** As {@link #providerJson(byte[])}, for a stream event's data. */
    public static JsonNode providerJson(String json) {
        return providerJson(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A tree as JSON bytes, e.g. an error body for a caller. */
    public static byte[] write(JsonNode node) {
        try {
            return Json.shared().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new GatewayException.Internal("Could not serialise a JSON body", e);
        }
    }
}
