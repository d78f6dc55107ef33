package dev.switchboard.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models the gateway knows: the bundled starter set ({@code catalog/models.json}), always
 * present, plus an optional full LiteLLM catalog from a {@link CatalogSource} that adds models and
 * overrides bundled ones with the same (provider, model). The current list is an immutable
 * snapshot swapped atomically, so readers never lock and never see half a reload; a reload that
 * fails keeps the previous snapshot and logs why.
 */
public final class ModelCatalog {

    /** The classpath resource holding the bundled starter set. */
    public static final String BUNDLED_RESOURCE = "/catalog/models.json";
    /** Providers listed first, in this order (MLflow's {@code COMMON_PROVIDERS}); the rest follow by id. */
    public static final List<String> COMMON_PROVIDERS =
            List.of("openai", "anthropic", "databricks", "bedrock", "gemini", "vertex_ai", "xai");

    private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);
    private static final Comparator<ModelInfo> ORDER = Comparator
            .comparingInt((ModelInfo m) -> providerRank(m.provider()))
            .thenComparing(ModelInfo::provider)
            .thenComparing(ModelInfo::model, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(ModelInfo::model);

    /**
     * A reload that took effect.
     *
     * @param models models in the catalog now, bundled ones included
     * @param loaded models read from the source
     * @param malformed entries of the source skipped because a field had the wrong type
     * @param source where the loaded models came from
     */
    public record Refreshed(int models, int loaded, int malformed, String source) {
    }

    private record Key(String provider, String model) {
    }

    private record Snapshot(List<ModelInfo> models, Map<Key, ModelInfo> byKey, String source, long version) {
    }

    private final List<ModelInfo> bundled;
    private final Optional<CatalogSource> source;
    private final AtomicReference<Snapshot> current;
    private final AtomicLong versions = new AtomicLong();
    private final Object reloadLock = new Object();

    /** A catalog of {@code bundled} models that {@code source}, if given, can add to. */
    public ModelCatalog(List<ModelInfo> bundled, Optional<CatalogSource> source) {
        this.bundled = List.copyOf(bundled);
        this.source = source;
        this.current = new AtomicReference<>(merge(List.of(), "bundled"));
    }

    /** The bundled starter set alone. */
    public static ModelCatalog bundled() {
        return new ModelCatalog(bundledModels(), Optional.empty());
    }

    /** The bundled starter set, extended from {@code source} by {@link #start()} and {@link #reload()}. */
    public static ModelCatalog withSource(CatalogSource source) {
        return new ModelCatalog(bundledModels(), Optional.of(source));
    }

    /** Parses the bundled {@code catalog/models.json}; it ships with the gateway, so a failure is a build defect. */
    public static List<ModelInfo> bundledModels() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The bundled model catalog " + BUNDLED_RESOURCE + " is missing");
            }
            CatalogLoader.Parsed parsed = CatalogLoader.parse(in.readAllBytes());
            if (!parsed.malformed().isEmpty()) {
                LOG.warn("The bundled model catalog has malformed entries, skipped: {}", parsed.malformed());
            }
            return parsed.models();
        } catch (IOException | CatalogSourceException e) {
            throw new IllegalStateException("The bundled model catalog " + BUNDLED_RESOURCE + " is unusable", e);
        }
    }

    /**
     * Models sorted by provider (common providers first) then name, optionally only those of one
     * provider and those whose name contains {@code search}, ignoring case. Blank values filter nothing.
     */
    public List<ModelInfo> models(Optional<String> provider, Optional<String> search) {
        Optional<String> wanted = provider.map(String::strip).filter(p -> !p.isEmpty()).map(ModelCatalog::normalProvider);
        Optional<String> needle = search.map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT));
        List<ModelInfo> all = current.get().models();
        if (wanted.isEmpty() && needle.isEmpty()) {
            return all;
        }
        return all.stream()
                .filter(m -> wanted.isEmpty() || m.provider().equals(wanted.get()))
                .filter(m -> needle.isEmpty() || m.model().toLowerCase(Locale.ROOT).contains(needle.get()))
                .toList();
    }

    /** Every model, sorted as {@link #models(Optional, Optional)}. */
    public List<ModelInfo> models() {
        return current.get().models();
    }

    /** The model of that provider and name; a {@code <provider>/} prefix on the name is ignored. */
    public Optional<ModelInfo> find(String provider, String model) {
        String p = normalProvider(provider.strip());
        String name = model.startsWith(p + "/") ? model.substring(p.length() + 1) : model;
        return Optional.ofNullable(current.get().byKey().get(new Key(p, name)));
    }

    /** Changes whenever the current models do, so what was worked out from them can be kept until then. */
    public long version() {
        return current.get().version();
    }

    /** The providers that have at least one model, common ones first. */
    public List<String> providers() {
        var providers = new LinkedHashSet<String>();
        current.get().models().forEach(m -> providers.add(m.provider()));
        return List.copyOf(providers);
    }

    /** Where the current models come from: {@code bundled}, or {@code bundled + <source>}. */
    public String currentSource() {
        return current.get().source();
    }

    /** The configured source of the full catalog, if any. */
    public Optional<CatalogSource> source() {
        return source;
    }

    /**
     * Loads the source at start, falling back to its disk cache when a URL is unreachable. Never
     * throws: without a usable catalog the bundled set stays, and the log says why.
     */
    public Optional<Refreshed> start() {
        if (source.isEmpty()) {
            return Optional.empty();
        }
        synchronized (reloadLock) {
            try {
                return Optional.of(install(source.get().loadAtStartup()));
            } catch (CatalogSourceException e) {
                LOG.warn("{}; serving the bundled model catalog ({} models)", e.getMessage(), current.get().models().size());
                return Optional.empty();
            }
        }
    }

    /**
     * Reads the source again now and swaps the result in.
     *
     * @throws CatalogSourceException if no source is configured, or it is unreachable or malformed;
     *     the previous catalog stays in use
     */
    public Refreshed reload() {
        CatalogSource from = source.orElseThrow(() -> new CatalogSourceException(
                "No model catalog source is configured: start the gateway with --catalog-file PATH or --catalog-url URL"));
        synchronized (reloadLock) {
            try {
                return install(from.load());
            } catch (CatalogSourceException e) {
                LOG.warn("{}; keeping the current model catalog ({} models from {})", e.getMessage(),
                        current.get().models().size(), current.get().source());
                throw e;
            }
        }
    }

    /** Swaps in a loaded catalog over the bundled set. */
    public Refreshed install(CatalogSource.Loaded loaded) {
        Snapshot next = merge(loaded.models(), "bundled + " + loaded.origin());
        current.set(next);
        if (loaded.malformed().isEmpty()) {
            LOG.info("Model catalog: {} models from {}; {} in all", loaded.models().size(), loaded.origin(),
                    next.models().size());
        } else {
            LOG.warn("Model catalog: {} models from {}; {} in all; skipped {} malformed entries, e.g. {}",
                    loaded.models().size(), loaded.origin(), next.models().size(), loaded.malformed().size(),
                    loaded.malformed().subList(0, Math.min(5, loaded.malformed().size())));
        }
        return new Refreshed(next.models().size(), loaded.models().size(), loaded.malformed().size(), loaded.origin());
    }

    private Snapshot merge(List<ModelInfo> loaded, String origin) {
        Map<Key, ModelInfo> byKey = new HashMap<>();
        for (ModelInfo model : bundled) {
            byKey.putIfAbsent(new Key(model.provider(), model.model()), model);
        }
        for (ModelInfo model : loaded) {
            byKey.put(new Key(model.provider(), model.model()), model);
        }
        List<ModelInfo> sorted = new ArrayList<>(byKey.values());
        sorted.sort(ORDER);
        return new Snapshot(List.copyOf(sorted), Map.copyOf(byKey), origin, versions.incrementAndGet());
    }

    private static int providerRank(String provider) {
        int index = COMMON_PROVIDERS.indexOf(provider);
        return index < 0 ? COMMON_PROVIDERS.size() : index;
    }

    private static String normalProvider(String provider) {
        return provider.startsWith("vertex_ai-") ? "vertex_ai" : provider;
    }
}
