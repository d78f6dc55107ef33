package dev.switchboard.catalog;

import dev.switchboard.core.Usage;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Prices one call's {@link Usage} with a model's catalog rates, in US dollars, as exact decimals.
 *
 * <p>{@code Usage.input} includes cache reads and writes and {@code Usage.output} includes
 * reasoning, so nothing is counted twice: uncached input ({@code input - cacheRead - cacheWrite})
 * is priced at the input rate, cache reads at the cache-read rate and cache writes at the
 * cache-write rate (each falling back to the input rate when the catalog has none), and output at
 * the output rate, except that when the model has a reasoning rate the reasoning part of output is
 * priced at it instead. Long-context tiers and per-request fees are not modelled.
 */
public final class Pricing {

    private Pricing() {
    }

    /**
     * The cost in USD, or empty when some tokens of the usage have no rate in the catalog (an unknown
     * price is not a free one). Usage without tokens costs zero. Counts that contradict each other
     * (more cached than input, more reasoning than output) are clamped to the totals.
     */
    public static Optional<BigDecimal> cost(ModelInfo model, Usage usage) {
        long cacheRead = Math.min(usage.cacheRead(), usage.input());
        long cacheWrite = Math.min(usage.cacheWrite(), usage.input() - cacheRead);
        long uncached = usage.input() - cacheRead - cacheWrite;
        long reasoning = model.reasoningCostPerToken().isPresent() ? Math.min(usage.reasoning(), usage.output()) : 0;
        long output = usage.output() - reasoning;

        OptionalDouble input = model.inputCostPerToken();
        BigDecimal total = BigDecimal.ZERO;
        for (Part part : new Part[] {
                new Part(uncached, input),
                new Part(cacheRead, or(model.cacheReadCostPerToken(), input)),
                new Part(cacheWrite, or(model.cacheWriteCostPerToken(), input)),
                new Part(output, model.outputCostPerToken()),
                new Part(reasoning, model.reasoningCostPerToken())}) {
            if (part.tokens() == 0) {
                continue;
            }
            if (part.rate().isEmpty()) {
                return Optional.empty();
            }
            total = total.add(BigDecimal.valueOf(part.rate().getAsDouble()).multiply(BigDecimal.valueOf(part.tokens())));
        }
        return Optional.of(total);
    }

    private record Part(long tokens, OptionalDouble rate) {
    }

    private static OptionalDouble or(OptionalDouble rate, OptionalDouble fallback) {
        return rate.isPresent() ? rate : fallback;
    }
}
