package dev.switchboard.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider as the provider table describes it. {@code invocation} says how the gateway calls it,
 * or why it cannot; {@code invocable} says whether this gateway registered a provider with this id,
 * and {@code allowed} whether {@code SWITCHBOARD_ALLOWED_PROVIDERS} permits it. Both flags are
 * decided when the catalog is built, never read from the table.
 */
public record ProviderInfo(String id, String displayName, Invocation invocation, Optional<String> baseUrl,
                           String docsUrl, Optional<String> notes, List<AuthMode> authModes, String defaultMode,
                           boolean invocable, boolean allowed) {

    public ProviderInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(invocation, "invocation");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(docsUrl, "docsUrl");
        Objects.requireNonNull(notes, "notes");
        authModes = List.copyOf(authModes);
        if (authModes.stream().noneMatch(m -> m.mode().equals(defaultMode))) {
            throw new IllegalArgumentException("Provider '" + id + "' has no auth mode '" + defaultMode + "'");
        }
    }

    /** How the gateway calls this provider, if the table says it can. */
    public Optional<Invocation.Callable> callable() {
        return invocation instanceof Invocation.Callable callable ? Optional.of(callable) : Optional.empty();
    }

    /**
     * Why this gateway cannot call the provider, as a phrase for a message: the table's reason, or
     * that no provider was registered for an entry the table calls callable. Empty when it can.
     */
    public Optional<String> notCallableReason() {
        if (invocable) {
            return Optional.empty();
        }
        return Optional.of(invocation instanceof Invocation.NotCallable none ? none.reason()
                : "this gateway registered no provider for it");
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
        return new ProviderInfo(id, displayName, invocation, baseUrl, docsUrl, notes, authModes, defaultMode,
                invocable, allowed);
    }
}
