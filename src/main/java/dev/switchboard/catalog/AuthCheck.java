package dev.switchboard.catalog;

import dev.switchboard.core.GatewayException;
import java.util.List;
import java.util.Map;

/**
 * Checks a secret against its provider's auth modes: the mode named by {@code auth_config.auth_mode}
 * (or the provider's default) exists, and every required secret and config field is present and
 * not blank. Messages name fields, never values.
 */
final class AuthCheck {

    /** The {@code auth_config} key that selects the auth mode. */
    static final String AUTH_MODE = "auth_mode";

    private AuthCheck() {
    }

    static AuthMode mode(ProviderInfo provider, Map<String, Object> authConfig) {
        Object named = authConfig.get(AUTH_MODE);
        if (named == null) {
            return provider.defaultAuthMode();
        }
        if (!(named instanceof String mode)) {
            throw new GatewayException.InvalidRequest("Invalid value for parameter 'auth_config." + AUTH_MODE
                    + "': expected a string");
        }
        return provider.authMode(mode).orElseThrow(() -> new GatewayException.InvalidRequest(
                "Unknown auth_mode '" + ProviderCatalog.printable(mode) + "' for provider '" + provider.id()
                        + "'; expected one of: " + String.join(", ",
                        provider.authModes().stream().map(AuthMode::mode).toList())));
    }

    static void secret(ProviderInfo provider, Map<String, String> secretValue, Map<String, Object> authConfig) {
        AuthMode mode = mode(provider, authConfig);
        List<String> missingSecrets = mode.secretFields().stream()
                .filter(f -> f.required() && isBlank(secretValue.get(f.name())))
                .map(AuthField::name).toList();
        report(provider, mode, missingSecrets, missingConfig(mode, authConfig));
    }

    static void config(ProviderInfo provider, Map<String, Object> authConfig) {
        AuthMode mode = mode(provider, authConfig);
        report(provider, mode, List.of(), missingConfig(mode, authConfig));
    }

    private static List<String> missingConfig(AuthMode mode, Map<String, Object> authConfig) {
        return mode.configFields().stream()
                .filter(f -> f.required() && isBlank(authConfig.get(f.name())))
                .map(AuthField::name).toList();
    }

    private static void report(ProviderInfo provider, AuthMode mode, List<String> secrets, List<String> config) {
        if (secrets.isEmpty() && config.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("Provider '").append(provider.id()).append("' with auth mode '")
                .append(mode.mode()).append("' requires ");
        if (!secrets.isEmpty()) {
            message.append("secret_value field(s) ").append(String.join(", ", secrets));
        }
        if (!config.isEmpty()) {
            message.append(secrets.isEmpty() ? "" : " and ").append("auth_config field(s) ")
                    .append(String.join(", ", config));
        }
        throw new GatewayException.InvalidRequest(message.toString());
    }

    private static boolean isBlank(Object value) {
        return value == null || value instanceof String text && text.isBlank();
    }
}
