package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.AnthropicFields.NODES;
import static dev.switchboard.wire.anthropic.AnthropicFields.count;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Usage;
import java.util.Map;
import java.util.Set;

/**
 * Anthropic's {@code usage} object and the canonical {@link Usage}. Anthropic's
 * {@code input_tokens} leaves out the cached parts, so canonical input is {@code input_tokens +
 * cache_read_input_tokens + cache_creation_input_tokens}, and encoding subtracts them again;
 * reasoning is {@code output_tokens_details.thinking_tokens} when given: Anthropic's own breakdown of
 * {@code output_tokens} (in its {@code Usage} and {@code MessageDeltaUsage}; the thinking is part of
 * {@code output_tokens}, as canonical reasoning is part of output), so another provider's reasoning
 * count is written there too. Encoding always writes the four counts, as Anthropic does, and the
 * thinking count only when there is one.
 */
final class AnthropicUsage {

    static final Set<String> FIELDS = Set.of("input_tokens", "output_tokens", "cache_read_input_tokens",
            "cache_creation_input_tokens", "output_tokens_details");

    private AnthropicUsage() {
    }

    static Usage decode(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Usage.NONE;
        }
        long cacheRead = count(usage.get("cache_read_input_tokens"));
        long cacheWrite = count(usage.get("cache_creation_input_tokens"));
        long output = count(usage.get("output_tokens"));
        long thinking = Math.min(output, count(usage.path("output_tokens_details").get("thinking_tokens")));
        return new Usage(count(usage.get("input_tokens")) + cacheRead + cacheWrite, output, cacheRead, cacheWrite,
                thinking);
    }

    /**
     * The usage of a {@code message_delta}, which repeats only some counts (cumulatively): absent
     * ones keep their value from {@code before}.
     */
    static Usage merge(Usage before, JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return before;
        }
        long cacheRead = usage.has("cache_read_input_tokens") ? count(usage.get("cache_read_input_tokens"))
                : before.cacheRead();
        long cacheWrite = usage.has("cache_creation_input_tokens") ? count(usage.get("cache_creation_input_tokens"))
                : before.cacheWrite();
        long uncached = usage.has("input_tokens") ? count(usage.get("input_tokens"))
                : Math.max(0, before.input() - before.cacheRead() - before.cacheWrite());
        long output = usage.has("output_tokens") ? count(usage.get("output_tokens")) : before.output();
        long thinking = usage.path("output_tokens_details").has("thinking_tokens")
                ? count(usage.get("output_tokens_details").get("thinking_tokens")) : before.reasoning();
        return new Usage(uncached + cacheRead + cacheWrite, output, cacheRead, cacheWrite, Math.min(output, thinking));
    }

    static ObjectNode encode(Usage usage, Map<String, JsonNode> more) {
        ObjectNode node = NODES.objectNode()
                .put("input_tokens", Math.max(0, usage.input() - usage.cacheRead() - usage.cacheWrite()))
                .put("cache_creation_input_tokens", usage.cacheWrite())
                .put("cache_read_input_tokens", usage.cacheRead())
                .put("output_tokens", usage.output());
        if (usage.reasoning() > 0) {
            node.putObject("output_tokens_details").put("thinking_tokens", usage.reasoning());
        }
        more.forEach(node::putIfAbsent);
        return node;
    }
}
