package dev.switchboard.catalog;

import java.util.Objects;
import java.util.Optional;

/**
 * One field a provider's auth mode asks for: a secret field (kept encrypted in the secret value) or
 * a config field (kept in plain text in {@code auth_config}). {@code type} is always {@code "string"},
 * as in MLflow's {@code provider-config}.
 */
public record AuthField(String name, String type, String description, boolean required,
                        Optional<String> defaultValue) {

    public AuthField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(defaultValue, "defaultValue");
    }

    /** A string field, the only type providers use. */
    public static AuthField string(String name, String description, boolean required, Optional<String> defaultValue) {
        return new AuthField(name, "string", description, required, defaultValue);
    }
}
