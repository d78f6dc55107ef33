package dev.switchboard.config;

import java.util.OptionalInt;

/**
 * What the catalog knows of a model's limits, compiled into each target: a translated request to a
 * provider that requires an output limit (Anthropic) asks for the model's own when the caller gave
 * none.
 */
@FunctionalInterface
public interface ModelLimits {

    /** Knows no model. */
    ModelLimits NONE = (provider, model) -> OptionalInt.empty();

    OptionalInt maxOutputTokens(String provider, String model);
}
