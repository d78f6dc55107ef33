package dev.switchboard.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the bundled provider catalog ({@code catalog/providers.json}) into entries. A provider
 * without {@code auth_modes} gets the default single {@code api_key} mode, which the flags
 * {@code api_key_optional}, {@code api_base_required} and {@code api_base_default} adjust. The file
 * ships inside the jar, so a malformed one is a build defect and fails loudly.
 */
final class ProviderEntries {

    /** The classpath resource holding the provider catalog. */
    static final String RESOURCE = "/catalog/providers.json";

    /** One provider as bundled, before the gateway decides whether it is invocable and allowed. */
    record Entry(ProviderInfo info, List<String> aliases, List<String> aliasPrefixes) {
        Entry {
            aliases = List.copyOf(aliases);
            aliasPrefixes = List.copyOf(aliasPrefixes);
        }
    }

    private static final List<Entry> BUNDLED = load();

    private ProviderEntries() {
    }

    static List<Entry> bundled() {
        return BUNDLED;
    }

    private static List<Entry> load() {
        try (InputStream in = ProviderEntries.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The provider catalog " + RESOURCE + " is missing from the classpath");
            }
            return parse(Json.mapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("The provider catalog " + RESOURCE + " is unreadable", e);
        }
    }

    static List<Entry> parse(JsonNode root) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode node : root.path("providers")) {
            String id = node.path("id").asText("?");
            try {
                entries.add(entry(id, node));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Provider '" + id + "' in " + RESOURCE + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(entries);
    }

    private static Entry entry(String id, JsonNode node) {
        String displayName = text(node, "display_name");
        ProviderInfo.Kind kind = ProviderInfo.Kind.valueOf(text(node, "kind").toUpperCase(Locale.ROOT));
        Optional<String> baseUrl = optionalText(node, "base_url");
        List<AuthMode> modes = new ArrayList<>();
        for (JsonNode mode : node.path("auth_modes")) {
            modes.add(new AuthMode(text(mode, "mode"), text(mode, "display_name"), text(mode, "description"),
                    fields(mode.path("secret_fields")), fields(mode.path("config_fields"))));
        }
        if (modes.isEmpty()) {
            boolean baseRequired = node.path("api_base_required").asBoolean(
                    kind == ProviderInfo.Kind.OPENAI_COMPATIBLE && baseUrl.isEmpty());
            Optional<String> baseDefault = baseUrl.or(() -> optionalText(node, "api_base_default"));
            modes.add(defaultMode(displayName, !node.path("api_key_optional").asBoolean(false), baseRequired,
                    baseDefault));
        }
        String defaultMode = optionalText(node, "default_mode").orElse(modes.getFirst().mode());
        ProviderInfo info = new ProviderInfo(id, displayName, kind, baseUrl, text(node, "docs_url"), modes,
                defaultMode, false, true);
        return new Entry(info, strings(node.path("aliases")), strings(node.path("alias_prefixes")));
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
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
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
}
