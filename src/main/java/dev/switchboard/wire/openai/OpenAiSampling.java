package dev.switchboard.wire.openai;

import static dev.switchboard.wire.openai.OpenAiFields.given;
import static dev.switchboard.wire.openai.OpenAiFields.integer;
import static dev.switchboard.wire.openai.OpenAiFields.invalid;
import static dev.switchboard.wire.openai.OpenAiFields.number;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Reasoning;
import dev.switchboard.core.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The sampling parameters of a chat request, both ways. {@code max_completion_tokens} wins over the
 * older {@code max_tokens} when a caller sends both. {@code top_k} is not OpenAI's but many
 * OpenAI-compatible servers take it, so it is read and written (OpenAI itself rejects it: its
 * dialect should drop it). Ranges are left for the provider to check.
 */
final class OpenAiSampling {

    private OpenAiSampling() {
    }

    static Sampling decode(JsonNode body) {
        OptionalInt maxTokens = integer(body, "max_completion_tokens", "max_completion_tokens");
        if (maxTokens.isEmpty()) {
            maxTokens = integer(body, "max_tokens", "max_tokens");
        }
        return new Sampling(number(body, "temperature"), number(body, "top_p"), integer(body, "top_k", "top_k"),
                maxTokens, stop(body.get("stop")), number(body, "presence_penalty"), number(body, "frequency_penalty"),
                OpenAiFields.longInteger(body, "seed"), integer(body, "n", "n"));
    }

    private static List<String> stop(JsonNode stop) {
        if (!given(stop)) {
            return List.of();
        }
        if (stop.isTextual()) {
            return List.of(stop.textValue());
        }
        if (!stop.isArray()) {
            throw invalid("stop", "must be a string or a list of strings");
        }
        List<String> sequences = new ArrayList<>(stop.size());
        for (int i = 0; i < stop.size(); i++) {
            if (!stop.get(i).isTextual()) {
                throw invalid("stop[" + i + "]", "must be a string");
            }
            sequences.add(stop.get(i).textValue());
        }
        return sequences;
    }

    static void encode(Sampling sampling, ObjectNode body) {
        sampling.temperature().ifPresent(v -> body.put("temperature", v));
        sampling.topP().ifPresent(v -> body.put("top_p", v));
        sampling.topK().ifPresent(v -> body.put("top_k", v));
        sampling.maxTokens().ifPresent(v -> body.put("max_completion_tokens", v));
        if (!sampling.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            sampling.stop().forEach(stop::add);
        }
        sampling.presencePenalty().ifPresent(v -> body.put("presence_penalty", v));
        sampling.frequencyPenalty().ifPresent(v -> body.put("frequency_penalty", v));
        sampling.seed().ifPresent(v -> body.put("seed", v));
        sampling.n().ifPresent(v -> body.put("n", v));
    }

    /**
     * OpenAI's {@code reasoning_effort}, whose documented values are {@code none}, {@code minimal},
     * {@code low}, {@code medium}, {@code high} and {@code xhigh}: the effort if given (Anthropic's
     * {@code max} becomes {@code xhigh}), else one derived from a positive token budget (up to 1024
     * → low, up to 8192 → medium, more → high). Thinking turned off (a budget of 0) or left to the
     * model (Gemini's -1, Anthropic's adaptive thinking without an effort) sends nothing: models that
     * do not reason reject the field, and reasoning models then use their default.
     */
    static Optional<String> effort(Reasoning reasoning) {
        if (reasoning.effort().isPresent()) {
            return reasoning.effort().map(e -> e.equals("max") ? "xhigh" : e);
        }
        if (reasoning.budgetTokens().isEmpty() || reasoning.budgetTokens().getAsInt() <= 0) {
            return Optional.empty();
        }
        int budget = reasoning.budgetTokens().getAsInt();
        return Optional.of(budget <= 1024 ? "low" : budget <= 8192 ? "medium" : "high");
    }
}
