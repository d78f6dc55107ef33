package dev.switchboard.catalog;

import dev.switchboard.core.GatewayException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every provider the gateway knows, from the provider table ({@link ProviderTable}), with whether
 * this gateway can call it (the ids it registered, passed in) and whether the allow-list
 * ({@code SWITCHBOARD_ALLOWED_PROVIDERS}) permits it. Blocked and uncallable providers are still
 * listed, as in MLflow, so the UI can show them greyed out with the reason; {@link #requireUsable}
 * refuses them with a message that says why. Lookups accept aliases ({@code bedrock_converse},
 * {@code vertex_ai-*}) and return the canonical id. Immutable and thread-safe.
 */
public final class ProviderCatalog {

    /** The environment variable holding the allow-list, comma-separated; unset or blank allows all. */
    public static final String ALLOWED_PROVIDERS_ENV = "SWITCHBOARD_ALLOWED_PROVIDERS";
    /** MLflow's name for {@link #ALLOWED_PROVIDERS_ENV}; read when that one is unset or blank. */
    public static final String MLFLOW_ALLOWED_PROVIDERS_ENV = "MLFLOW_GATEWAY_ALLOWED_PROVIDERS";
    /** Providers listed first, in this order (MLflow's {@code COMMON_PROVIDERS}); the rest follow by display name. */
    public static final List<String> COMMON_PROVIDERS =
            List.of("openai", "anthropic", "databricks", "bedrock", "gemini", "vertex_ai", "xai");

    private static final Logger LOG = LoggerFactory.getLogger(ProviderCatalog.class);
    private static final Comparator<ProviderInfo> ORDER = Comparator
            .comparingInt((ProviderInfo p) -> rank(p.id()))
            .thenComparing(ProviderInfo::displayName, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(ProviderInfo::id);

    private final List<ProviderInfo> all;
    private final Map<String, ProviderInfo> byId = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    private final Map<String, String> aliasPrefixes = new HashMap<>();
    private final Optional<Set<String>> allowed;

    /**
     * @param invocableIds the ids of the providers the gateway registered (and so can call)
     * @param allowedProviders the allow-list, see {@link #allowedProviders(Map)}; empty allows every provider
     */
    public ProviderCatalog(Set<String> invocableIds, Optional<Set<String>> allowedProviders) {
        this(ProviderTable.bundled(), invocableIds, allowedProviders);
    }

    /** As above, over the given table instead of the bundled one. */
    public ProviderCatalog(ProviderTable table, Set<String> invocableIds, Optional<Set<String>> allowedProviders) {
        List<ProviderTable.Entry> entries = table.entries();
        for (ProviderTable.Entry entry : entries) {
            String id = entry.info().id();
            byId.put(key(id), entry.info());
            entry.aliases().forEach(alias -> aliases.put(key(alias), id));
            entry.aliasPrefixes().forEach(prefix -> aliasPrefixes.put(key(prefix), id));
        }
        this.allowed = allowedProviders.map(this::canonicalAllowList);
        List<ProviderInfo> infos = new ArrayList<>();
        for (ProviderTable.Entry entry : entries) {
            String id = entry.info().id();
            ProviderInfo info = entry.info().withFlags(invocableIds.contains(id),
                    allowed.map(set -> set.contains(id)).orElse(true));
            byId.put(key(id), info);
            infos.add(info);
        }
        infos.sort(ORDER);
        this.all = List.copyOf(infos);
        invocableIds.stream().filter(id -> !byId.containsKey(key(id))).sorted().forEach(id -> LOG.warn(
                "Provider '{}' is registered but missing from the provider table; add it to {}", id,
                ProviderTable.RESOURCE));
    }

    /**
     * Reads the allow-list from {@value #ALLOWED_PROVIDERS_ENV} in the given environment, or from
     * MLflow's {@value #MLFLOW_ALLOWED_PROVIDERS_ENV} when the first is unset or blank.
     */
    public static Optional<Set<String>> allowedProviders(Map<String, String> env) {
        return parseAllowList(env.getOrDefault(ALLOWED_PROVIDERS_ENV, "")).or(
                () -> parseAllowList(env.getOrDefault(MLFLOW_ALLOWED_PROVIDERS_ENV, "")));
    }

    /**
     * Parses a comma-separated allow-list such as {@code "openai, anthropic"}; ids are trimmed and
     * lower-cased. A value with no ids (blank, or only commas) means no allow-list, never "block all".
     */
    public static Optional<Set<String>> parseAllowList(String value) {
        Set<String> ids = Arrays.stream(value.split(","))
                .map(ProviderCatalog::key)
                .filter(id -> !id.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return ids.isEmpty() ? Optional.empty() : Optional.of(Set.copyOf(ids));
    }

    /** Every provider, common ones first, then by display name. */
    public List<ProviderInfo> all() {
        return all;
    }

    /** The provider with that id or alias, case-insensitively. */
    public Optional<ProviderInfo> find(String id) {
        return canonicalId(id).map(canonical -> byId.get(key(canonical)));
    }

    /** The catalog's id for a provider id or alias, e.g. {@code bedrock} for {@code bedrock_converse}. */
    public Optional<String> canonicalId(String id) {
        String key = key(id);
        ProviderInfo exact = byId.get(key);
        if (exact != null) {
            return Optional.of(exact.id());
        }
        String alias = aliases.get(key);
        if (alias != null) {
            return Optional.of(alias);
        }
        return aliasPrefixes.entrySet().stream()
                .filter(prefix -> key.startsWith(prefix.getKey()))
                .max(Comparator.comparingInt((Map.Entry<String, String> prefix) -> prefix.getKey().length()))
                .map(Map.Entry::getValue);
    }

    /** The allow-list in effect, as canonical ids; empty when every provider is allowed. */
    public Optional<Set<String>> allowList() {
        return allowed;
    }

    /**
     * The provider, if endpoints may use it: it is known, the allow-list permits it and this gateway
     * can call it. Otherwise a 400 saying which of the three failed.
     */
    public ProviderInfo requireUsable(String id) {
        ProviderInfo provider = requireKnown(id);
        if (!provider.allowed()) {
            throw new GatewayException.InvalidRequest("Provider '" + printable(id)
                    + "' is not allowed by the current gateway provider policy.");
        }
        Optional<String> notCallable = provider.notCallableReason();
        if (notCallable.isPresent()) {
            throw new GatewayException.InvalidRequest("Provider '" + provider.id() + "' (" + provider.displayName()
                    + ") is in the provider catalog but this gateway cannot call it: " + notCallable.get());
        }
        return provider;
    }

    /** Checks the provider of a model definition ({@link #requireUsable}) and returns its canonical id, to store. */
    public String validateProvider(String id) {
        return requireUsable(id).id();
    }

    /**
     * Checks a secret's value and {@code auth_config} against the provider's auth modes and returns
     * the provider's canonical id. Only known providers are accepted; invocability and the
     * allow-list are checked where the provider is used, not where credentials are stored.
     */
    public String validateSecret(String provider, Map<String, String> secretValue, Map<String, Object> authConfig) {
        ProviderInfo info = requireKnown(provider);
        AuthCheck.secret(info, secretValue, authConfig);
        return info.id();
    }

    /**
     * Checks only the {@code auth_config} (auth mode and required config fields), for an update that
     * keeps the stored secret value; returns the provider's canonical id.
     */
    public String validateAuthConfig(String provider, Map<String, Object> authConfig) {
        ProviderInfo info = requireKnown(provider);
        AuthCheck.config(info, authConfig);
        return info.id();
    }

    private ProviderInfo requireKnown(String id) {
        return find(id).orElseThrow(() -> new GatewayException.InvalidRequest("Unknown provider '" + printable(id)
                + "': it is not in the provider catalog (GET supported-providers lists every provider)"));
    }

    private Set<String> canonicalAllowList(Set<String> ids) {
        Set<String> canonical = new LinkedHashSet<>();
        for (String id : ids) {
            Optional<String> known = canonicalId(id);
            if (known.isEmpty()) {
                LOG.warn("{} names '{}', which is not in the provider catalog; it allows nothing",
                        ALLOWED_PROVIDERS_ENV, printable(id));
            }
            canonical.add(known.orElse(key(id)));
        }
        return Set.copyOf(canonical);
    }

    private static int rank(String id) {
        int index = COMMON_PROVIDERS.indexOf(id);
        return index < 0 ? COMMON_PROVIDERS.size() : index;
    }

    private static String key(String id) {
        return id.trim().toLowerCase(Locale.ROOT);
    }

    /** A user-given id, safe to put in a message: at most 80 characters, control characters replaced. */
    static String printable(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
