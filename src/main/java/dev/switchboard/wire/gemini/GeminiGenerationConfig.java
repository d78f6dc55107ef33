package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.GeminiFields.NODES;
import static dev.switchboard.wire.gemini.GeminiFields.get;
import static dev.switchboard.wire.gemini.GeminiFields.integer;
import static dev.switchboard.wire.gemini.GeminiFields.invalid;
import static dev.switchboard.wire.gemini.GeminiFields.number;
import static dev.switchboard.wire.gemini.GeminiFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.Reasoning;
import dev.switchboard.core.ResponseFormat;
import dev.switchboard.core.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code generationConfig} and the canonical sampling parameters, response format and reasoning,
 * both ways. Ranges are the provider's to check (Gemini's temperature range, 0–2, is OpenAI's).
 * Fields not modelled ({@code responseModalities}, {@code speechConfig},
 * {@code thinkingConfig.includeThoughts}, ...) stay in the request's extra under
 * {@code generationConfig} and are merged back for Gemini. See {@link #encode} for what other
 * formats' values become.
 */
final class GeminiGenerationConfig {

    /** Gemini accepts at most this many stop sequences. */
    static final int MAX_STOP_SEQUENCES = 5;

    record Decoded(Sampling sampling, Optional<ResponseFormat> responseFormat, Optional<Reasoning> reasoning) {
    }

    private GeminiGenerationConfig() {
    }

    /** The sampling fields of a {@code generationConfig} object, each checked to be a number of its kind. */
    static Sampling sampling(JsonNode config) {
        String p = "generationConfig.";
        return new Sampling(number(config, "temperature", p + "temperature"),
                number(config, "topP", p + "topP"), integer(config, "topK", p + "topK"),
                integer(config, "maxOutputTokens", p + "maxOutputTokens"), stops(config),
                number(config, "presencePenalty", p + "presencePenalty"),
                number(config, "frequencyPenalty", p + "frequencyPenalty"),
                GeminiFields.longInteger(config, "seed", p + "seed"), integer(config, "candidateCount", p + "candidateCount"));
    }

    static Decoded decode(JsonNode body, Map<String, JsonNode> extra) {
        Optional<JsonNode> given = GeminiFields.object(body, "generationConfig", "generationConfig");
        if (given.isEmpty()) {
            return new Decoded(Sampling.NONE, Optional.empty(), Optional.empty());
        }
        JsonNode config = given.get();
        Sampling sampling = sampling(config);
        ObjectNode leftover = GeminiFields.camelKeys(config);
        List.of("temperature", "topP", "topK", "maxOutputTokens", "stopSequences", "presencePenalty",
                "frequencyPenalty", "seed", "candidateCount").forEach(leftover::remove);
        Optional<ResponseFormat> format = responseFormat(config, leftover);
        Optional<Reasoning> reasoning = reasoning(config, leftover);
        if (!leftover.isEmpty()) {
            extra.put("generationConfig", leftover);
        }
        return new Decoded(sampling, format, reasoning);
    }

    private static List<String> stops(JsonNode config) {
        List<JsonNode> stops = GeminiFields.list(config, "stopSequences", "generationConfig.stopSequences");
        List<String> out = new ArrayList<>(stops.size());
        for (int i = 0; i < stops.size(); i++) {
            if (!stops.get(i).isTextual()) {
                throw invalid("generationConfig.stopSequences[" + i + "]", "must be a string");
            }
            out.add(stops.get(i).textValue());
        }
        return out;
    }

    /**
     * {@code application/json} with {@code responseJsonSchema} or {@code responseSchema} is a JSON
     * schema format named {@code response}; without a schema, JSON mode; {@code text/plain} is text.
     * A {@code responseSchema} (OpenAPI subset) stays in the leftovers so it is re-sent as it came.
     */
    private static Optional<ResponseFormat> responseFormat(JsonNode config, ObjectNode leftover) {
        String p = "generationConfig.";
        Optional<String> mime = text(config, "responseMimeType", p + "responseMimeType");
        Optional<JsonNode> jsonSchema = GeminiFields.object(config, "responseJsonSchema", p + "responseJsonSchema");
        Optional<JsonNode> openApi = GeminiFields.object(config, "responseSchema", p + "responseSchema");
        if (mime.isPresent() && mime.get().equals("text/plain")) {
            leftover.remove("responseMimeType");
            return Optional.of(ResponseFormat.TEXT);
        }
        if (mime.isEmpty() || !mime.get().equals("application/json")) {
            return Optional.empty();
        }
        leftover.remove("responseMimeType");
        if (jsonSchema.isPresent()) {
            leftover.remove("responseJsonSchema");
            return Optional.of(schemaFormat(jsonSchema.get()));
        }
        return Optional.of(openApi.map(s -> schemaFormat(GeminiSchemas.toJsonSchema(s))).orElse(ResponseFormat.JSON_OBJECT));
    }

    private static ResponseFormat schemaFormat(JsonNode schema) {
        return new ResponseFormat.JsonSchema("response", Optional.empty(), schema, Optional.empty());
    }

    private static Optional<Reasoning> reasoning(JsonNode config, ObjectNode leftover) {
        String path = "generationConfig.thinkingConfig";
        Optional<JsonNode> thinking = GeminiFields.object(config, "thinkingConfig", path);
        if (thinking.isEmpty()) {
            return Optional.empty();
        }
        OptionalInt budget = integer(thinking.get(), "thinkingBudget", path + ".thinkingBudget");
        Optional<String> level = text(thinking.get(), "thinkingLevel", path + ".thinkingLevel")
                .map(l -> l.toLowerCase(Locale.ROOT));
        ObjectNode rest = GeminiFields.camelKeys(thinking.get());
        rest.remove("thinkingBudget");
        rest.remove("thinkingLevel");
        if (rest.isEmpty()) {
            leftover.remove("thinkingConfig");
        } else {
            leftover.set("thinkingConfig", rest);
        }
        return budget.isEmpty() && level.isEmpty() ? Optional.empty() : Optional.of(new Reasoning(level, budget));
    }

    /**
     * The {@code generationConfig} for a request, or empty when there is nothing to send.
     * <ul>
     * <li>{@code stop} → {@code stopSequences}, only the first {@value #MAX_STOP_SEQUENCES} (Gemini
     *     rejects more; Anthropic callers may send more); {@code n} → {@code candidateCount}; a seed
     *     outside Gemini's int32 is reduced to its low 31 bits, which keeps it deterministic.</li>
     * <li>JSON mode → {@code responseMimeType: application/json}; a JSON schema →
     *     {@code responseJsonSchema} as it is (its name, description and {@code strict} have no Gemini
     *     field and are dropped); text → {@code text/plain}.</li>
     * <li>Reasoning from a Gemini caller goes back as it came ({@code thinkingBudget} and/or
     *     {@code thinkingLevel}). From another format a budget is sent as {@code thinkingBudget}, an
     *     effort as a budget that every thinking Gemini accepts ({@link #budgetFor}), with
     *     {@code includeThoughts: true} unless thinking is off, so the thinking comes back as
     *     thinking blocks.</li>
     * </ul>
     */
    static Optional<ObjectNode> encode(ChatRequest request, boolean keepExtra, boolean fromGemini) {
        ObjectNode config = NODES.objectNode();
        Sampling s = request.sampling();
        s.temperature().ifPresent(v -> config.put("temperature", v));
        s.topP().ifPresent(v -> config.put("topP", v));
        s.topK().ifPresent(v -> config.put("topK", v));
        s.maxTokens().ifPresent(v -> config.put("maxOutputTokens", v));
        if (!s.stop().isEmpty()) {
            config.set("stopSequences", GeminiFields.strings(s.stop().subList(0, Math.min(MAX_STOP_SEQUENCES,
                    s.stop().size()))));
        }
        s.presencePenalty().ifPresent(v -> config.put("presencePenalty", v));
        s.frequencyPenalty().ifPresent(v -> config.put("frequencyPenalty", v));
        s.seed().ifPresent(v -> config.put("seed", v == (int) v ? (int) v : (int) (v & 0x7fffffff)));
        s.n().ifPresent(v -> config.put("candidateCount", v));
        JsonNode kept = keepExtra ? request.extra().get("generationConfig") : null;
        request.responseFormat().ifPresent(format -> {
            switch (format) {
                case ResponseFormat.PlainText t -> config.put("responseMimeType", "text/plain");
                case ResponseFormat.JsonObject j -> config.put("responseMimeType", "application/json");
                case ResponseFormat.JsonSchema schema -> {
                    config.put("responseMimeType", "application/json");
                    if (kept == null || get(kept, "responseSchema") == null) {
                        config.set("responseJsonSchema", schema.schema());
                    }
                }
            }
        });
        request.reasoning().ifPresent(r -> {
            ObjectNode thinking = config.putObject("thinkingConfig");
            if (fromGemini) {
                r.budgetTokens().ifPresent(b -> thinking.put("thinkingBudget", b));
                r.effort().ifPresent(e -> thinking.put("thinkingLevel", e));
                return;
            }
            int budget = r.budgetTokens().orElseGet(() -> budgetFor(r.effort().orElse("")));
            thinking.put("thinkingBudget", budget);
            if (budget != 0) {
                thinking.put("includeThoughts", true);
            }
        });
        GeminiFields.deepMerge(config, kept);
        return config.isEmpty() ? Optional.empty() : Optional.of(config);
    }

    /**
     * A thinking budget for an effort: {@code none} → 0 (off; Gemini 2.5 Pro cannot turn thinking
     * off and will refuse), {@code minimal} → 512, {@code low} → 1024, {@code medium} → 8192,
     * {@code high} → 24576 (the most 2.5 Flash takes), anything else → -1 (the model decides).
     */
    static int budgetFor(String effort) {
        return switch (effort.toLowerCase(Locale.ROOT)) {
            case "none" -> 0;
            case "minimal" -> 512;
            case "low" -> 1024;
            case "medium" -> 8192;
            case "high" -> 24576;
            default -> -1;
        };
    }
}
