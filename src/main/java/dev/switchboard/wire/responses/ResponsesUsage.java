package dev.switchboard.wire.responses;

import static dev.switchboard.wire.responses.ResponsesFields.NODES;
import static dev.switchboard.wire.responses.ResponsesFields.count;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Usage;

/**
 * The Responses {@code usage} object and the canonical {@link Usage}, which share their definitions
 * ({@code input_tokens} includes {@code input_tokens_details.cached_tokens}, {@code output_tokens}
 * includes {@code output_tokens_details.reasoning_tokens}). Cache writes have no Responses field.
 */
final class ResponsesUsage {

    private ResponsesUsage() {
    }

    static Usage decode(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Usage.NONE;
        }
        return new Usage(count(usage.get("input_tokens")), count(usage.get("output_tokens")),
                count(usage.path("input_tokens_details").get("cached_tokens")), 0,
                count(usage.path("output_tokens_details").get("reasoning_tokens")));
    }

    static ObjectNode encode(Usage usage) {
        ObjectNode node = NODES.objectNode().put("input_tokens", usage.input());
        node.putObject("input_tokens_details").put("cached_tokens", usage.cacheRead());
        node.put("output_tokens", usage.output());
        node.putObject("output_tokens_details").put("reasoning_tokens", usage.reasoning());
        node.put("total_tokens", usage.total());
        return node;
    }
}
