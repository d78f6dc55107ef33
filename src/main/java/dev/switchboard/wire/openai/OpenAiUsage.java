package dev.switchboard.wire.openai;

import static dev.switchboard.wire.openai.OpenAiFields.NODES;
import static dev.switchboard.wire.openai.OpenAiFields.count;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Usage;

/**
 * OpenAI's {@code usage} object and the canonical {@link Usage}, which share their definitions
 * ({@code prompt_tokens} includes cached tokens, {@code completion_tokens} includes reasoning).
 * Decoding also reads DeepSeek's {@code prompt_cache_hit_tokens}. Encoding always writes both
 * details objects, as OpenAI does; audio and prediction counts are not modelled and written as 0.
 */
final class OpenAiUsage {

    private OpenAiUsage() {
    }

    static Usage decode(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Usage.NONE;
        }
        JsonNode cached = usage.path("prompt_tokens_details").get("cached_tokens");
        long cacheRead = cached != null && cached.isNumber() ? count(cached) : count(usage.get("prompt_cache_hit_tokens"));
        return new Usage(count(usage.get("prompt_tokens")), count(usage.get("completion_tokens")), cacheRead, 0,
                count(usage.path("completion_tokens_details").get("reasoning_tokens")));
    }

    static ObjectNode encode(Usage usage) {
        ObjectNode node = NODES.objectNode()
                .put("prompt_tokens", usage.input())
                .put("completion_tokens", usage.output())
                .put("total_tokens", usage.total());
        node.putObject("prompt_tokens_details")
                .put("cached_tokens", usage.cacheRead())
                .put("audio_tokens", 0);
        node.putObject("completion_tokens_details")
                .put("reasoning_tokens", usage.reasoning())
                .put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0)
                .put("rejected_prediction_tokens", 0);
        return node;
    }
}
