package dev.switchboard.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Parses a catalog in LiteLLM's {@code model_prices_and_context_window.json} format: a JSON object
 * keyed by model name. Pure (no I/O). Follows MLflow's selection rules, plus one mode: only modes
 * chat, completion, embedding, responses (models served only by OpenAI's Responses API, which the
 * gateway calls there) or none; no {@code bedrock_converse}; {@code vertex_ai-*} providers merged into
 * {@code vertex_ai}; a {@code <provider>/} prefix stripped from names; no {@code ft:} fine-tunes;
 * the first entry of each (provider, model) wins. Unknown fields are ignored.
 */
public final class CatalogLoader {

    private static final ObjectMapper MAPPER = Json.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private static final Set<String> KEPT_MODES = Set.of("chat", "completion", "embedding", "responses");
    /** Top-level keys that describe the file rather than a model. */
    private static final Set<String> METADATA_KEYS = Set.of("sample_spec", "last_updated");

    /**
     * The models a document describes, and the keys of the entries skipped because a field had the
     * wrong type (e.g. a string where a number belongs). Entries left out by the selection rules are
     * not malformed and are not listed.
     */
    public record Parsed(List<ModelInfo> models, List<String> malformed) {
        public Parsed {
            models = List.copyOf(models);
            malformed = List.copyOf(malformed);
        }
    }

    private CatalogLoader() {
    }

    /**
     * Parses a whole document.
     *
     * @throws CatalogSourceException if the bytes are not JSON or not a JSON object
     */
    public static Parsed parse(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new CatalogSourceException("The model catalog is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new CatalogSourceException("The model catalog could not be read", e);
        }
        if (!(root instanceof ObjectNode entries)) {
            throw new CatalogSourceException("The model catalog must be a JSON object keyed by model name, but is "
                    + (root == null || root.isMissingNode() ? "empty" : "a JSON " + root.getNodeType().name().toLowerCase()));
        }
        List<ModelInfo> models = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : entries.properties()) {
            String key = entry.getKey();
            if (METADATA_KEYS.contains(key) || key.startsWith("_")) {
                continue;
            }
            try {
                entry(key, entry.getValue()).ifPresent(model -> {
                    if (seen.add(model.provider() + "\n" + model.model())) {
                        models.add(model);
                    }
                });
            } catch (WrongType e) {
                malformed.add(key);
            }
        }
        return new Parsed(models, malformed);
    }

    /** One entry as a model, or empty when the selection rules leave it out. */
    private static Optional<ModelInfo> entry(String key, JsonNode node) {
        if (!node.isObject()) {
            throw new WrongType();
        }
        Optional<String> mode = string(node, "mode");
        if (mode.isPresent() && !KEPT_MODES.contains(mode.get())) {
            return Optional.empty();
        }
        String rawProvider = string(node, "litellm_provider").filter(p -> !p.isBlank()).orElseThrow(WrongType::new);
        if (rawProvider.equals("bedrock_converse")) {
            return Optional.empty();
        }
        String provider = rawProvider.startsWith("vertex_ai-") ? "vertex_ai" : rawProvider;
        String model = stripPrefix(stripPrefix(key, provider), rawProvider);
        if (model.isEmpty() || model.startsWith("ft:")) {
            return Optional.empty();
        }
        OptionalLong maxOutput = count(node, "max_output_tokens");
        OptionalLong legacyMax = count(node, "max_tokens");
        return Optional.of(new ModelInfo(model, provider, mode,
                flag(node, "supports_function_calling"), flag(node, "supports_vision"),
                flag(node, "supports_reasoning"), flag(node, "supports_prompt_caching"),
                flag(node, "supports_response_schema"),
                count(node, "max_input_tokens"), maxOutput.isPresent() ? maxOutput : legacyMax,
                cost(node, "input_cost_per_token"), cost(node, "output_cost_per_token"),
                cost(node, "cache_read_input_token_cost"), cost(node, "cache_creation_input_token_cost"),
                cost(node, "output_cost_per_reasoning_token"), string(node, "deprecation_date")));
    }

    private static String stripPrefix(String name, String provider) {
        String prefix = provider + "/";
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }

    private static Optional<String> string(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new WrongType();
        }
        return Optional.of(value.asText());
    }

    private static boolean flag(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new WrongType();
        }
        return value.booleanValue();
    }

    /** A token count; LiteLLM writes some as {@code 2000000.0}, which is accepted as a whole number. */
    private static OptionalLong count(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return OptionalLong.empty();
        }
        if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new WrongType();
        }
        return OptionalLong.of(value.asLong());
    }

    private static OptionalDouble cost(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return OptionalDouble.empty();
        }
        if (!value.isNumber() || !Double.isFinite(value.asDouble()) || value.asDouble() < 0) {
            throw new WrongType();
        }
        return OptionalDouble.of(value.asDouble());
    }

    /** A field of an entry has the wrong type; the entry is skipped and counted. */
    private static final class WrongType extends RuntimeException {
        WrongType() {
            super(null, null, false, false);
        }
    }
}
