package dev.switchboard.catalog;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What the catalog knows about one model of one provider: the fields MLflow's model selector shows
 * (mode, capability badges, context window, prices) plus the cache and reasoning rates
 * {@link Pricing} needs. Costs are USD per token; an empty value means the catalog does not say.
 *
 * @param model model name as the provider's API takes it, without a {@code <provider>/} prefix
 * @param provider LiteLLM provider id, e.g. {@code openai}, {@code vertex_ai}
 * @param mode {@code chat}, {@code completion} or {@code embedding}; empty when the catalog gives none
 */
public record ModelInfo(
        String model,
        String provider,
        Optional<String> mode,
        boolean supportsFunctionCalling,
        boolean supportsVision,
        boolean supportsReasoning,
        boolean supportsPromptCaching,
        boolean supportsResponseSchema,
        OptionalLong maxInputTokens,
        OptionalLong maxOutputTokens,
        OptionalDouble inputCostPerToken,
        OptionalDouble outputCostPerToken,
        OptionalDouble cacheReadCostPerToken,
        OptionalDouble cacheWriteCostPerToken,
        OptionalDouble reasoningCostPerToken,
        Optional<String> deprecationDate) {

    public ModelInfo {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(maxInputTokens, "maxInputTokens");
        Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
        Objects.requireNonNull(inputCostPerToken, "inputCostPerToken");
        Objects.requireNonNull(outputCostPerToken, "outputCostPerToken");
        Objects.requireNonNull(cacheReadCostPerToken, "cacheReadCostPerToken");
        Objects.requireNonNull(cacheWriteCostPerToken, "cacheWriteCostPerToken");
        Objects.requireNonNull(reasoningCostPerToken, "reasoningCostPerToken");
        Objects.requireNonNull(deprecationDate, "deprecationDate");
        if (model.isEmpty() || provider.isEmpty()) {
            throw new IllegalArgumentException("A model needs a name and a provider");
        }
    }

    /** A model with a name, a provider and a mode, and nothing else known; for tests and defaults. */
    public static ModelInfo named(String provider, String model, String mode) {
        return new ModelInfo(model, provider, Optional.of(mode), false, false, false, false, false,
                OptionalLong.empty(), OptionalLong.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty());
    }

    /** This model with the given per-token prices (input, output, cache read, cache write, reasoning); empty means unknown. */
    public ModelInfo withCosts(OptionalDouble input, OptionalDouble output, OptionalDouble cacheRead,
                               OptionalDouble cacheWrite, OptionalDouble reasoning) {
        return new ModelInfo(model, provider, mode, supportsFunctionCalling, supportsVision, supportsReasoning,
                supportsPromptCaching, supportsResponseSchema, maxInputTokens, maxOutputTokens, input, output,
                cacheRead, cacheWrite, reasoning, deprecationDate);
    }
}
