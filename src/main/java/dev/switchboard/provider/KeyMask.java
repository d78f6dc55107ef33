package dev.switchboard.provider;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.core.Credentials;
import dev.switchboard.core.SecretMask;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Masks a call's secrets in what its provider answered, so an error that echoes the key ("Incorrect
 * API key provided: Bearer sk-...") cannot carry it to a caller or into a log. Every field of the
 * target's credentials is replaced by its {@link SecretMask} form, also where the provider echoes it
 * JSON-escaped (in any escaping) or URL-encoded. Made only for an error answer, so a successful call
 * pays nothing.
 */
final class KeyMask {

    /** The forms a provider may echo a value in; each is applied to the value and to its mask alike. */
    private static final List<UnaryOperator<String>> FORMS = List.of(
            UnaryOperator.identity(),
            KeyMask::jsonEscaped,
            value -> jsonEscaped(value).replace("/", "\\/"),
            value -> URLEncoder.encode(value, StandardCharsets.UTF_8),
            value -> URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));

    private final List<Swap> swaps;

    private record Swap(String secret, String mask) {
    }

    private KeyMask(List<Swap> swaps) {
        this.swaps = swaps;
    }

    static KeyMask of(Target target) {
        List<Swap> swaps = new ArrayList<>();
        for (String value : target.credentials().map(Credentials::values).orElse(Map.of()).values()) {
            if (value.isEmpty()) {
                continue;
            }
            String mask = SecretMask.mask(value);
            for (UnaryOperator<String> form : FORMS) {
                Swap swap = new Swap(form.apply(value), form.apply(mask));
                if (!swaps.contains(swap)) {
                    swaps.add(swap);
                }
            }
        }
        // A longer form first, so a value inside another value's form cannot leave part of it behind.
        swaps.sort(Comparator.comparingInt((Swap swap) -> swap.secret().length()).reversed());
        return new KeyMask(swaps);
    }

    String apply(String text) {
        String masked = text;
        for (Swap swap : swaps) {
            masked = masked.replace(swap.secret(), swap.mask());
        }
        return masked;
    }

    /**
     * The body with every secret masked and every other byte as it was, even in a body that is not
     * UTF-8 (it is searched as Latin-1, one char per byte, for the secrets' UTF-8 bytes). A JSON body
     * with escapes that still hides a secret in its strings (e.g. some of its characters written as
     * Unicode escapes) is written anew with its strings masked.
     */
    byte[] apply(byte[] body) {
        String bytes = new String(body, StandardCharsets.ISO_8859_1);
        String masked = bytes;
        for (Swap swap : swaps) {
            masked = masked.replace(latin1(swap.secret()), latin1(swap.mask()));
        }
        byte[] result = masked.equals(bytes) ? body : masked.getBytes(StandardCharsets.ISO_8859_1);
        return masked.indexOf('\\') < 0 ? result : maskedJson(result).orElse(result);
    }

    /** The JSON body with its strings and field names masked, if it is JSON and one of them changed. */
    private Optional<byte[]> maskedJson(byte[] body) {
        try {
            JsonNode tree = UpstreamJson.JSON.readTree(body);
            if (tree == null || !tree.isContainerNode()) {
                return Optional.empty();
            }
            JsonNode masked = mask(tree);
            return masked.equals(tree) ? Optional.empty() : Optional.of(UpstreamJson.JSON.writeValueAsBytes(masked));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private JsonNode mask(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(apply(node.textValue()));
        }
        if (node instanceof ArrayNode array) {
            ArrayNode masked = array.arrayNode(array.size());
            array.forEach(item -> masked.add(mask(item)));
            return masked;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode masked = object.objectNode();
            object.properties().forEach(field -> masked.set(apply(field.getKey()), mask(field.getValue())));
            return masked;
        }
        return node;
    }

    private static String latin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static String jsonEscaped(String value) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(value));
    }
}
