package dev.switchboard.usage;

import dev.switchboard.catalog.ModelCatalog;
import dev.switchboard.catalog.ModelInfo;
import dev.switchboard.catalog.Pricing;
import dev.switchboard.core.Usage;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prices a call's usage with the model catalog as it is now (it may be refreshed while the gateway
 * runs): a call without tokens costs nothing; one whose model the catalog does not price, or prices
 * only in part, has no cost (an unknown price is not a free one).
 */
public final class Pricer {

    /** Prices nothing: every call with tokens has an unknown cost. */
    public static final Pricer NONE = new Pricer(null);

    /** The most models whose prices are kept; a refreshed catalog brings new ones, so it is emptied when full. */
    private static final int MAX_CACHED = 4096;

    private final ModelCatalog catalog;
    /** The prices of each model seen, made once (with their JSON) rather than per call. */
    private final Map<ModelInfo, Optional<Price>> prices = new ConcurrentHashMap<>();

    public Pricer(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    /** The prices used and the cost, for a call to {@code model} of {@code provider} that used {@code usage}. */
    public Priced price(String provider, String model, Usage usage) {
        Optional<ModelInfo> info = catalog == null || provider.isEmpty() ? Optional.empty()
                : catalog.find(provider, model);
        Optional<Price> price = info.flatMap(this::price);
        if (usage.input() == 0 && usage.output() == 0) {
            return new Priced(price, Optional.of(BigDecimal.ZERO));
        }
        return new Priced(price, info.flatMap(m -> Pricing.cost(m, usage)));
    }

    private Optional<Price> price(ModelInfo model) {
        Optional<Price> known = prices.get(model);
        if (known == null) {
            if (prices.size() >= MAX_CACHED) {
                prices.clear();
            }
            known = Optional.of(Price.of(model)).filter(Price::known);
            prices.put(model, known);
        }
        return known;
    }

    /** The prices a cost was worked out with (empty when the catalog has none), and the cost. */
    public record Priced(Optional<Price> price, Optional<BigDecimal> cost) {
    }
}
