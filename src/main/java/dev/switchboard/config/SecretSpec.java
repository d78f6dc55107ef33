package dev.switchboard.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A stored provider credential as the management API may show it: the value itself is never
 * here, only its masked form. {@code authConfig} holds the non-secret settings (auth mode,
 * region, api_base, ...); {@code description} is free text for people, never blank.
 */
public record SecretSpec(String id, String name, Map<String, String> maskedValues, Optional<String> provider,
                         Map<String, Object> authConfig, Optional<String> description, Audit audit) {

    public SecretSpec {
        maskedValues = Collections.unmodifiableMap(new LinkedHashMap<>(maskedValues));
        authConfig = Collections.unmodifiableMap(new LinkedHashMap<>(authConfig));
        description = description.filter(text -> !text.isBlank());
    }
}
