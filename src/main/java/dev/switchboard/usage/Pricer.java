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

    /** The most models whose prices are kept; past that the cache starts again. */
    private static final int MAX_CACHED = 4096;

    private static final Rated UNKNOWN = new Rated(Optional.empty(), Optional.empty());

    private final ModelCatalog catalog;
    /**
     * What the catalog says of each (provider, model) called, looked up once per catalog version: a
     * call then costs one map lookup and a few multiplications, not a catalog search.
     */
    private volatile Cache cache = new Cache(-1);

    public Pricer(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    /** The prices used and the cost, for a call to {@code model} of {@code provider} that used {@code usage}. */
    public Priced price(String provider, String model, Usage usage) {
        Rated rated = catalog == null || provider.isEmpty() ? UNKNOWN : rated(provider, model);
        if (usage.input() == 0 && usage.output() == 0) {
            return new Priced(rated.price(), Optional.of(BigDecimal.ZERO));
        }
        return new Priced(rated.price(), rated.rates().flatMap(rates -> rates.cost(usage)));
    }

    private Rated rated(String provider, String model) {
        long version = catalog.version();
        Cache current = cache;
        if (current.version != version) {
            current = new Cache(version);
            cache = current;
        }
        Model key = new Model(provider, model);
        Rated known = current.models.get(key);
        if (known != null) {
            return known;
        }
        if (current.models.size() >= MAX_CACHED) {
            current = new Cache(version);
            cache = current;
        }
        return current.models.computeIfAbsent(key, k -> catalog.find(provider, model).map(Pricer::rated)
                .orElse(UNKNOWN));
    }

    private static Rated rated(ModelInfo info) {
        return new Rated(Optional.of(Price.of(info)).filter(Price::known), Optional.of(Pricing.Rates.of(info)));
    }

    private record Model(String provider, String model) {
    }

    /** A model's prices as stored with its calls, and its rates as decimals (empty: not in the catalog). */
    private record Rated(Optional<Price> price, Optional<Pricing.Rates> rates) {
    }

    /** The models priced under one version of the catalog. */
    private static final class Cache {
        private final long version;
        private final Map<Model, Rated> models = new ConcurrentHashMap<>();

        Cache(long version) {
            this.version = version;
        }
    }

    /** The prices a cost was worked out with (empty when the catalog has none), and the cost. */
    public record Priced(Optional<Price> price, Optional<BigDecimal> cost) {
    }
}
