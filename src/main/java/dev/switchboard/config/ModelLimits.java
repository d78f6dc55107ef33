package dev.switchboard.config;

import java.util.OptionalInt;

/**
 * What the catalog knows of a model that changes how it is called, compiled into each target: a
 * translated request to a provider that requires an output limit (Anthropic) asks for the model's
 * own when the caller gave none, and a model served only by OpenAI's Responses API (the catalog's
 * mode {@code responses}) is called there.
 */
@FunctionalInterface
public interface ModelLimits {

    /** Knows no model. */
    ModelLimits NONE = (provider, model) -> OptionalInt.empty();

    OptionalInt maxOutputTokens(String provider, String model);

    /** Whether the model is served only by OpenAI's Responses API. */
    default boolean responsesOnly(String provider, String model) {
        return false;
    }
}
