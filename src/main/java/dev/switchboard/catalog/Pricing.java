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
        return Rates.of(model).cost(usage);
    }

    /**
     * A model's rates as exact decimals, made once per model rather than per call: each token kind's
     * rate, the cache rates already falling back to the input rate, and a reasoning rate only when
     * the catalog gives one (otherwise reasoning is priced as output).
     */
    public record Rates(Optional<BigDecimal> input, Optional<BigDecimal> cacheRead, Optional<BigDecimal> cacheWrite,
                        Optional<BigDecimal> output, Optional<BigDecimal> reasoning) {

        public static Rates of(ModelInfo model) {
            OptionalDouble input = model.inputCostPerToken();
            return new Rates(decimal(input), decimal(or(model.cacheReadCostPerToken(), input)),
                    decimal(or(model.cacheWriteCostPerToken(), input)), decimal(model.outputCostPerToken()),
                    decimal(model.reasoningCostPerToken()));
        }

        /** What {@code usage} costs at these rates (see {@link Pricing#cost}). */
        public Optional<BigDecimal> cost(Usage usage) {
            long cacheRead = Math.min(usage.cacheRead(), usage.input());
            long cacheWrite = Math.min(usage.cacheWrite(), usage.input() - cacheRead);
            long uncached = usage.input() - cacheRead - cacheWrite;
            long reasoning = this.reasoning.isPresent() ? Math.min(usage.reasoning(), usage.output()) : 0;
            long output = usage.output() - reasoning;
            BigDecimal total = BigDecimal.ZERO;
            total = add(total, uncached, input);
            total = add(total, cacheRead, this.cacheRead);
            total = add(total, cacheWrite, this.cacheWrite);
            total = add(total, output, this.output);
            total = add(total, reasoning, this.reasoning);
            return Optional.ofNullable(total);
        }

        /** {@code total} plus {@code tokens} at {@code rate}; null once some tokens had no rate. */
        private static BigDecimal add(BigDecimal total, long tokens, Optional<BigDecimal> rate) {
            if (total == null || tokens == 0) {
                return total;
            }
            return rate.map(r -> total.add(r.multiply(BigDecimal.valueOf(tokens)))).orElse(null);
        }

        private static Optional<BigDecimal> decimal(OptionalDouble rate) {
            return rate.isPresent() ? Optional.of(BigDecimal.valueOf(rate.getAsDouble())) : Optional.empty();
        }
    }

    private static OptionalDouble or(OptionalDouble rate, OptionalDouble fallback) {
        return rate.isPresent() ? rate : fallback;
    }
}
