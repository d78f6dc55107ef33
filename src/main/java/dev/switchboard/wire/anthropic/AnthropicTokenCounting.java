package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.AnthropicFields.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Operation;
import dev.switchboard.core.WireFormat;
import java.util.Set;

/**
 * Anthropic's {@code POST /v1/messages/count_tokens}: a Messages request without
 * {@code max_tokens}, answered {@code {"input_tokens": N}}. A request translated from another
 * format is encoded as a Messages request and cut down to the fields the count endpoint takes
 * ({@link #FIELDS}: the model, the turns, the system prompt, tools, tool choice, thinking and
 * output config); sampling, streaming and the output limit do not change a count and it refuses them.
 */
final class AnthropicTokenCounting implements WireFormat.TokenCounting {

    static final AnthropicTokenCounting INSTANCE = new AnthropicTokenCounting();

    /** The body fields of a count request the gateway sends. */
    static final Set<String> FIELDS = Set.of("model", "messages", "system", "tools", "tool_choice", "thinking",
            "output_config");

    private AnthropicTokenCounting() {
    }

    @Override
    public Operation operation() {
        return Operation.COUNT_MESSAGE_TOKENS;
    }

    @Override
    public void checkShape(ObjectNode body) {
        AnthropicRequests.checkShape(body, true);
    }

    @Override
    public ChatRequest decodeRequest(ObjectNode body) {
        return AnthropicRequests.decode(body, true);
    }

    @Override
    public ObjectNode encodeRequest(ChatRequest request, String model) {
        ObjectNode body = AnthropicRequests.encode(request, model, AnthropicFormat.DEFAULT_MAX_TOKENS);
        body.retain(FIELDS);
        return body;
    }

    @Override
    public long decodeCount(JsonNode body) {
        JsonNode tokens = body == null ? null : body.get("input_tokens");
        if (tokens == null || !tokens.isIntegralNumber() || tokens.longValue() < 0) {
            throw new GatewayException.UpstreamUnavailable("The provider's token count has no 'input_tokens'", null);
        }
        return tokens.longValue();
    }

    @Override
    public JsonNode encodeCount(long tokens) {
        return NODES.objectNode().put("input_tokens", tokens);
    }

    @Override
    public ObjectNode passThrough(ObjectNode body, String model) {
        return AnthropicFormat.INSTANCE.passThrough(body, model);
    }
}
