package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.GeminiFields.NODES;
import static dev.switchboard.wire.gemini.GeminiFields.count;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Usage;
import java.util.Map;
import java.util.Set;

/**
 * Gemini's {@code usageMetadata} and the canonical {@link Usage}. {@code promptTokenCount} already
 * includes cached tokens ({@code cachedContentTokenCount} is the cache-read part);
 * {@code toolUsePromptTokenCount} (results of built-in tools such as search, billed as input) is
 * added into {@code input}; {@code thoughtsTokenCount} is reported apart from
 * {@code candidatesTokenCount} and is added into {@code output} and reported as {@code reasoning}.
 * Gemini has no cache-write count. Encoding writes {@code promptTokenCount},
 * {@code candidatesTokenCount} (output without thoughts) and {@code totalTokenCount} always, and
 * {@code cachedContentTokenCount} and {@code thoughtsTokenCount} when not zero.
 */
final class GeminiUsage {

    static final Set<String> FIELDS = Set.of("promptTokenCount", "candidatesTokenCount", "cachedContentTokenCount",
            "thoughtsTokenCount", "toolUsePromptTokenCount", "totalTokenCount");

    private GeminiUsage() {
    }

    static Usage decode(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Usage.NONE;
        }
        long thoughts = count(usage.get("thoughtsTokenCount"));
        return new Usage(count(usage.get("promptTokenCount")) + count(usage.get("toolUsePromptTokenCount")),
                count(usage.get("candidatesTokenCount")) + thoughts, count(usage.get("cachedContentTokenCount")), 0,
                thoughts);
    }

    /**
     * {@code kept}: the fields of the original {@code usageMetadata} the model does not name (token
     * details by modality, {@code toolUsePromptTokenCount}), re-emitted for a response decoded from
     * Gemini; a kept {@code toolUsePromptTokenCount} is taken back out of {@code promptTokenCount}.
     */
    static ObjectNode encode(Usage usage, Map<String, JsonNode> kept) {
        long toolUse = kept.containsKey("toolUsePromptTokenCount") ? count(kept.get("toolUsePromptTokenCount")) : 0;
        ObjectNode node = NODES.objectNode()
                .put("promptTokenCount", Math.max(0, usage.input() - toolUse))
                .put("candidatesTokenCount", Math.max(0, usage.output() - usage.reasoning()));
        if (usage.cacheRead() > 0) {
            node.put("cachedContentTokenCount", usage.cacheRead());
        }
        if (usage.reasoning() > 0) {
            node.put("thoughtsTokenCount", usage.reasoning());
        }
        node.put("totalTokenCount", usage.total());
        kept.forEach(node::putIfAbsent);
        return node;
    }
}
