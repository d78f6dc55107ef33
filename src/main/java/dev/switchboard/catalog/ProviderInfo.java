package dev.switchboard.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider as the catalog describes it. {@code kind} says how the gateway calls (or would call)
 * it; {@code invocable} says whether this gateway registered a provider with this id, and
 * {@code allowed} whether {@code SWITCHBOARD_ALLOWED_PROVIDERS} permits it. Both flags are decided
 * when the catalog is built, never read from the bundled data.
 */
public record ProviderInfo(String id, String displayName, Kind kind, Optional<String> baseUrl, String docsUrl,
                           List<AuthMode> authModes, String defaultMode, boolean invocable, boolean allowed) {

    /** How a provider is called. */
    public enum Kind {
        /** A codec of its own (OpenAI, Anthropic, Gemini, Azure OpenAI). */
        NATIVE,
        /** OpenAI's chat-completions format at {@code baseUrl} (or a user-given {@code api_base}). */
        OPENAI_COMPATIBLE,
        /** Needs a codec this gateway does not have yet. */
        NOT_INVOCABLE;

        /** The name used in {@code providers.json}, e.g. {@code openai_compatible}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ProviderInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(docsUrl, "docsUrl");
        authModes = List.copyOf(authModes);
        if (authModes.stream().noneMatch(m -> m.mode().equals(defaultMode))) {
            throw new IllegalArgumentException("Provider '" + id + "' has no auth mode '" + defaultMode + "'");
        }
    }

    /** The auth mode of that name, if the provider has one. */
    public Optional<AuthMode> authMode(String mode) {
        return authModes.stream().filter(m -> m.mode().equals(mode)).findFirst();
    }

    /** The mode used when {@code auth_config} names none. */
    public AuthMode defaultAuthMode() {
        return authMode(defaultMode).orElseThrow();
    }

    /** Whether endpoints may use this provider: the gateway can call it and the policy allows it. */
    public boolean usable() {
        return invocable && allowed;
    }

    ProviderInfo withFlags(boolean invocable, boolean allowed) {
        return new ProviderInfo(id, displayName, kind, baseUrl, docsUrl, authModes, defaultMode, invocable, allowed);
    }
}
