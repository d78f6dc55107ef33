package dev.switchboard.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A decrypted secret value (e.g. {@code api_key}), held only in the in-memory snapshot. Its
 * {@code toString} never shows the values, so it cannot leak through logs or error messages.
 */
public final class Credentials {

    private final Map<String, String> values;

    public Credentials(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A field of the secret, e.g. {@code api_key}. */
    public Optional<String> get(String field) {
        return Optional.ofNullable(values.get(field));
    }

    /** The field, or the only field when the secret has exactly one (a key stored under another name). */
    public Optional<String> primary(String field) {
        return get(field).or(() -> values.size() == 1 ? Optional.of(values.values().iterator().next())
                : Optional.empty());
    }

    public Map<String, String> values() {
        return values;
    }

    @Override
    public String toString() {
        return "Credentials" + values.keySet() + "=***";
    }
}
