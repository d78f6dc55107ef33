package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Copies the {@code extra} maps of the canonical model: unmodifiable, no null keys or values, and in
 * insertion order, so a codec re-emits unknown fields in the order it read them.
 */
final class Extra {

    private Extra() {
    }

    static Map<String, JsonNode> copy(Map<String, JsonNode> extra) {
        Objects.requireNonNull(extra, "extra");
        if (extra.isEmpty()) {
            return Map.of();
        }
        Map<String, JsonNode> copy = new LinkedHashMap<>(extra.size() * 2);
        extra.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "extra key"),
                Objects.requireNonNull(value, () -> "extra value of '" + key + "'")));
        return Collections.unmodifiableMap(copy);
    }
}
