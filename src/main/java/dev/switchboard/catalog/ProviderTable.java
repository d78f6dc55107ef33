package dev.switchboard.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.Json;
import dev.switchboard.core.WireFormat;
import dev.switchboard.wire.WireFormats;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The provider table ({@code catalog/providers.json}): every provider the gateway knows, whether and
 * how it can be called, and how it authenticates. The catalog, the provider registry and the web UI
 * all read it. An entry without {@code auth_modes} gets the default single {@code api_key} mode,
 * which {@code api_key_optional}, {@code api_base_required} and {@code api_base_default} adjust.
 * Unknown fields are refused, so a misspelt one cannot be silently ignored; the bundled table ships
 * inside the jar, so a malformed one is a build defect and fails loudly. docs/providers.md documents
 * the fields of an entry.
 */
public final class ProviderTable {

    /** The classpath resource holding the bundled table. */
    public static final String RESOURCE = "/catalog/providers.json";

    private static final Set<String> FIELDS = Set.of("id", "display_name", "wire_format", "not_callable", "base_url",
            "api_base_suffix", "key_header", "api_key_optional", "drop", "rename", "assistant_thinking", "chat_translated",
            "also_speaks", "notes", "docs_url", "aliases",
            "alias_prefixes", "auth_modes", "default_mode", "api_base_required", "api_base_default");

    /** One provider as the table gives it, before the gateway decides whether it is invocable and allowed. */
    record Entry(ProviderInfo info, List<String> aliases, List<String> aliasPrefixes) {
        Entry {
            aliases = List.copyOf(aliases);
            aliasPrefixes = List.copyOf(aliasPrefixes);
        }
    }

    private static final ProviderTable BUNDLED = load();

    private final List<Entry> entries;

    private ProviderTable(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The table bundled with the gateway. */
    public static ProviderTable bundled() {
        return BUNDLED;
    }

    /**
     * Reads a table in the bundled file's format; {@code source} names it in errors. A malformed table
     * is an {@link IllegalArgumentException} naming the entry and the field.
     */
    public static ProviderTable parse(String json, String source) {
        try {
            return parse(Json.mapper().readTree(json), source);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The provider table " + source + " is not JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Every provider, in the table's order, with {@code invocable} false and {@code allowed} true. */
    public List<ProviderInfo> providers() {
        return entries.stream().map(Entry::info).toList();
    }

    List<Entry> entries() {
        return entries;
    }

    private static ProviderTable load() {
        try (InputStream in = ProviderTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The provider table " + RESOURCE + " is missing from the classpath");
            }
            return parse(Json.mapper().readTree(in), RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("The provider table " + RESOURCE + " is unreadable", e);
        }
    }

    private static ProviderTable parse(JsonNode root, String source) {
        List<Entry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode node : root.path("providers")) {
            String id = node.path("id").asText("?");
            try {
                Entry entry = entry(node);
                if (!ids.add(id.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("listed twice");
                }
                entries.add(entry);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Provider '" + id + "' in " + source + ": " + e.getMessage(), e);
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("The provider table " + source + " lists no providers");
        }
        return new ProviderTable(entries);
    }

    private static Entry entry(JsonNode node) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "'");
            }
        }
        String id = text(node, "id");
        String displayName = text(node, "display_name");
        Invocation invocation = invocation(node);
        Optional<String> baseUrl = optionalText(node, "base_url").map(ProviderTable::httpUrl);
        List<AuthMode> modes = new ArrayList<>();
        for (JsonNode mode : node.path("auth_modes")) {
            modes.add(new AuthMode(text(mode, "mode"), text(mode, "display_name"), text(mode, "description"),
                    fields(mode.path("secret_fields")), fields(mode.path("config_fields"))));
        }
        if (modes.isEmpty()) {
            boolean baseRequired = node.path("api_base_required").asBoolean(
                    invocation instanceof Invocation.Callable && baseUrl.isEmpty());
            Optional<String> baseDefault = baseUrl.or(() -> optionalText(node, "api_base_default"));
            modes.add(defaultMode(displayName, !node.path("api_key_optional").asBoolean(false), baseRequired,
                    baseDefault));
        }
        String defaultMode = optionalText(node, "default_mode").orElse(modes.getFirst().mode());
        ProviderInfo info = new ProviderInfo(id, displayName, invocation, baseUrl, text(node, "docs_url"),
                optionalText(node, "notes"), modes, defaultMode, false, true);
        return new Entry(info, strings(node.path("aliases")), strings(node.path("alias_prefixes")));
    }

    private static Invocation invocation(JsonNode node) {
        Optional<String> format = optionalText(node, "wire_format");
        Optional<String> reason = optionalText(node, "not_callable");
        if (format.isPresent() == reason.isPresent()) {
            throw new IllegalArgumentException("give exactly one of 'wire_format' (how it is called) and "
                    + "'not_callable' (why it cannot be)");
        }
        if (reason.isPresent()) {
            for (String field : List.of("api_base_suffix", "key_header", "drop", "rename", "assistant_thinking",
                    "chat_translated", "also_speaks")) {
                if (node.has(field)) {
                    throw new IllegalArgumentException("'" + field + "' is only for a provider with a wire_format");
                }
            }
            return new Invocation.NotCallable(reason.get());
        }
        Map<String, String> rename = new LinkedHashMap<>();
        JsonNode renames = node.path("rename");
        if (!renames.isMissingNode() && !renames.isObject()) {
            throw new IllegalArgumentException("'rename' must be an object of field names");
        }
        renames.properties().forEach(r -> rename.put(r.getKey(), requireText(r.getValue(), "rename." + r.getKey())));
        Optional<String> chatTranslated = optionalText(node, "chat_translated");
        if (node.has("chat_translated") && chatTranslated.isEmpty()) {
            throw new IllegalArgumentException("chat_translated needs a reason");
        }
        boolean thinkingChunks = switch (optionalText(node, "assistant_thinking").orElse("reasoning_content")) {
            case "reasoning_content" -> false;
            case "content_chunks" -> true;
            default -> throw new IllegalArgumentException("'assistant_thinking' must be 'reasoning_content' or "
                    + "'content_chunks'");
        };
        return new Invocation.Callable(wireFormat(format.get()), optionalText(node, "key_header"),
                node.path("api_key_optional").asBoolean(false), optionalText(node, "api_base_suffix").orElse(""),
                strings(node.path("drop")), rename, thinkingChunks, chatTranslated,
                strings(node.path("also_speaks")).stream().map(ProviderTable::wireFormat).toList());
    }

    private static String httpUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("base_url '" + url + "' is not a URL");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || url.endsWith("/")) {
            throw new IllegalArgumentException("base_url '" + url + "' must be an http(s) URL with a host, no query "
                    + "and no trailing '/'");
        }
        return url;
    }

    /** MLflow's mode for every provider without its own: one API key, and an optional base URL. */
    private static AuthMode defaultMode(String displayName, boolean keyRequired, boolean baseRequired,
                                        Optional<String> baseDefault) {
        return new AuthMode("api_key", displayName + " API Key", "An API key issued by " + displayName,
                List.of(AuthField.string("api_key", keyRequired ? displayName + " API key"
                        : displayName + " API key, only if the server requires one", keyRequired, Optional.empty())),
                List.of(AuthField.string("api_base", baseRequired ? "Base URL of the " + displayName + " API"
                        : "Override the " + displayName + " API base URL", baseRequired, baseDefault)));
    }

    private static List<AuthField> fields(JsonNode array) {
        List<AuthField> fields = new ArrayList<>();
        for (JsonNode field : array) {
            String type = optionalText(field, "type").orElse("string");
            if (!type.equals("string")) {
                throw new IllegalArgumentException("field '" + text(field, "name") + "' has type '" + type
                        + "'; only 'string' is supported");
            }
            fields.add(AuthField.string(text(field, "name"), text(field, "description"),
                    field.path("required").asBoolean(false), optionalText(field, "default")));
        }
        return fields;
    }

    private static List<String> strings(JsonNode array) {
        if (!array.isMissingNode() && !array.isArray()) {
            throw new IllegalArgumentException("expected an array of strings, got " + array.getNodeType());
        }
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(requireText(value, "an array item")));
        return values;
    }

    private static String requireText(JsonNode value, String what) {
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(what + " must be a non-empty string");
        }
        return value.asText();
    }

    private static String text(JsonNode node, String field) {
        return optionalText(node, field).orElseThrow(
                () -> new IllegalArgumentException("missing or empty '" + field + "'"));
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? Optional.empty()
                : Optional.of(value.asText());
    }

    private static WireFormat wireFormat(String tableName) {
        return WireFormats.named(tableName).orElseThrow(() -> new IllegalArgumentException("unknown wire_format '"
                + tableName + "'; expected one of " + String.join(", ", WireFormats.tableNames())));
    }
}
