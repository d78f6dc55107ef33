package dev.switchboard.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One way to authenticate with a provider (e.g. Bedrock's {@code access_keys}): the secret fields
 * that go into the encrypted secret value and the config fields that go into {@code auth_config}.
 * A secret selects its mode with {@code auth_config.auth_mode}.
 */
public record AuthMode(String mode, String displayName, String description, List<AuthField> secretFields,
                       List<AuthField> configFields) {

    public AuthMode {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(description, "description");
        secretFields = List.copyOf(secretFields);
        configFields = List.copyOf(configFields);
    }
}
