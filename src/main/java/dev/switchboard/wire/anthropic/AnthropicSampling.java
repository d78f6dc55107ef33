package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.AnthropicFields.given;
import static dev.switchboard.wire.anthropic.AnthropicFields.integer;
import static dev.switchboard.wire.anthropic.AnthropicFields.invalid;
import static dev.switchboard.wire.anthropic.AnthropicFields.number;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The sampling parameters of a Messages request, both ways.
 *
 * <p>A request decoded from Anthropic's format is written back as given (Anthropic judges it). A
 * request from another format is adapted to Anthropic's rules: {@code temperature} is clamped to
 * Anthropic's range 0–1 (not scaled: 0.7 means 0.7 to both, and both default to 1);
 * {@code top_p} is dropped when {@code temperature} is also set (recent Claude models accept only
 * one of them); with thinking on, {@code temperature} and {@code top_k} are dropped and
 * {@code top_p} is kept only from 0.95 up, as thinking requires. Penalties and {@code seed} have no
 * Anthropic form and are dropped; {@code n > 1} is refused with a 400.
 */
final class AnthropicSampling {

    private AnthropicSampling() {
    }

    /** {@code maxTokensRequired}: a Messages request must give {@code max_tokens}; a count request need not. */
    static Sampling decode(JsonNode body, boolean maxTokensRequired) {
        OptionalInt maxTokens = integer(body, "max_tokens", "max_tokens");
        if (maxTokens.isEmpty() && maxTokensRequired) {
            throw invalid("max_tokens", "is required and must be an integer");
        }
        if (maxTokens.isPresent() && maxTokens.getAsInt() < 0) {
            throw invalid("max_tokens", "must not be negative");
        }
        return new Sampling(number(body, "temperature"), number(body, "top_p"), integer(body, "top_k", "top_k"),
                maxTokens, stopSequences(body.get("stop_sequences")), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalLong.empty(), OptionalInt.empty());
    }

    private static List<String> stopSequences(JsonNode stop) {
        if (!given(stop)) {
            return List.of();
        }
        if (!stop.isArray()) {
            throw invalid("stop_sequences", "must be a list of strings");
        }
        List<String> sequences = new ArrayList<>(stop.size());
        for (int i = 0; i < stop.size(); i++) {
            if (!stop.get(i).isTextual()) {
                throw invalid("stop_sequences[" + i + "]", "must be a string");
            }
            sequences.add(stop.get(i).textValue());
        }
        return sequences;
    }

    /**
     * Writes the parameters except {@code max_tokens}. {@code adapt}: the request is not in
     * Anthropic's format, so its values are brought within Anthropic's rules.
     */
    static void encode(Sampling sampling, ObjectNode body, boolean adapt, boolean thinking) {
        if (sampling.n().isPresent() && sampling.n().getAsInt() > 1) {
            throw new GatewayException.InvalidRequest("'n' greater than 1 is not supported by Anthropic models");
        }
        OptionalDouble temperature = sampling.temperature();
        OptionalDouble topP = sampling.topP();
        OptionalInt topK = sampling.topK();
        if (adapt) {
            if (temperature.isPresent()) {
                temperature = OptionalDouble.of(Math.clamp(temperature.getAsDouble(), 0.0, 1.0));
            }
            if (thinking) {
                temperature = OptionalDouble.empty();
                topK = OptionalInt.empty();
                topP = topP.isPresent() && topP.getAsDouble() >= 0.95 ? topP : OptionalDouble.empty();
            } else if (temperature.isPresent()) {
                topP = OptionalDouble.empty();
            }
        }
        temperature.ifPresent(v -> body.put("temperature", v));
        topP.ifPresent(v -> body.put("top_p", v));
        topK.ifPresent(v -> body.put("top_k", v));
        if (!sampling.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop_sequences");
            sampling.stop().forEach(stop::add);
        }
    }
}
