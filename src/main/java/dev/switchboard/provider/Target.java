package dev.switchboard.provider;

import dev.switchboard.core.Credentials;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One model an endpoint can route to, ready to call: the provider, the provider's model name, the
 * decrypted credentials and the non-secret settings of its secret ({@code api_base}, auth mode,
 * ...). A target without credentials is unusable, and {@code unusableReason} says why.
 * {@code maxOutputTokens} is the model's output limit from the catalog, when it knows the model;
 * {@code responsesOnly} says the catalog knows it as served only by OpenAI's Responses API.
 */
public record Target(String definitionId, String definitionName, String provider, String modelName,
                     Optional<Credentials> credentials, Map<String, Object> authConfig,
                     Optional<String> unusableReason, OptionalInt maxOutputTokens, boolean responsesOnly) {

    public Target {
        authConfig = Map.copyOf(authConfig);
    }

    /** A target of a model the catalog knows, served by the provider's usual API. */
    public Target(String definitionId, String definitionName, String provider, String modelName,
                  Optional<Credentials> credentials, Map<String, Object> authConfig, Optional<String> unusableReason,
                  OptionalInt maxOutputTokens) {
        this(definitionId, definitionName, provider, modelName, credentials, authConfig, unusableReason,
                maxOutputTokens, false);
    }

    /** A target of a model the catalog does not know. */
    public Target(String definitionId, String definitionName, String provider, String modelName,
                  Optional<Credentials> credentials, Map<String, Object> authConfig, Optional<String> unusableReason) {
        this(definitionId, definitionName, provider, modelName, credentials, authConfig, unusableReason,
                OptionalInt.empty());
    }

    public boolean usable() {
        return unusableReason.isEmpty();
    }

    /** A string setting of the secret's auth_config, e.g. {@code api_base}. */
    public Optional<String> setting(String name) {
        Object value = authConfig.get(name);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString());
    }

    /** {@code provider/model}, as response headers and error messages name a target. */
    public String label() {
        return provider + "/" + modelName;
    }
}
