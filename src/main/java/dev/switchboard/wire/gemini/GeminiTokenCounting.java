package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.GeminiFields.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Operation;
import dev.switchboard.core.WireFormat;
import java.util.Optional;

/**
 * Gemini's {@code models/{model}:countTokens}: a body of {@code contents}, or a whole
 * {@code generateContentRequest} (system instruction, tools and all), which wins when both are given,
 * as Google documents; answered {@code {"totalTokens": N}}. A provider is always sent the
 * {@code generateContentRequest} form, which carries everything a translated request has; that form
 * names its model ({@code models/...}) inside, so pass-through sets the target's there.
 */
final class GeminiTokenCounting implements WireFormat.TokenCounting {

    static final GeminiTokenCounting INSTANCE = new GeminiTokenCounting();

    private static final String REQUEST = "generateContentRequest";

    private GeminiTokenCounting() {
    }

    @Override
    public Operation operation() {
        return Operation.COUNT_TOKENS;
    }

    @Override
    public void checkShape(ObjectNode body) {
        Optional<JsonNode> request = generateContentRequest(body);
        GeminiCodec.checkShape(request.orElse(body));
    }

    @Override
    public ChatRequest decodeRequest(ObjectNode body) {
        Optional<JsonNode> request = generateContentRequest(body);
        return GeminiCodec.decodeRequest(request.orElse(body), false);
    }

    @Override
    public ObjectNode encodeRequest(ChatRequest request, String model) {
        ObjectNode generate = NODES.objectNode().put("model", GeminiEmbeddings.resource(model));
        generate.setAll(GeminiCodec.encodeRequest(request));
        ObjectNode body = NODES.objectNode();
        body.set(REQUEST, generate);
        return body;
    }

    /** {@code totalTokens}; Google leaves a zero out, so an object without it counts 0. */
    @Override
    public long decodeCount(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GatewayException.UpstreamUnavailable("The provider's token count is not a JSON object", null);
        }
        JsonNode total = body.get("totalTokens");
        if (total != null && !total.isNumber()) {
            throw new GatewayException.UpstreamUnavailable("The provider's token count has no numeric 'totalTokens'",
                    null);
        }
        return GeminiFields.count(total);
    }

    @Override
    public JsonNode encodeCount(long tokens) {
        return NODES.objectNode().put("totalTokens", tokens);
    }

    /** A deep copy with only the signatures Gemini made, and the target's model in a {@code generateContentRequest}. */
    @Override
    public ObjectNode passThrough(ObjectNode body, String model) {
        ObjectNode sent = body.deepCopy();
        GeminiCodec.untagSignatures(sent);
        JsonNode request = GeminiFields.get(sent, REQUEST);
        if (request instanceof ObjectNode generate) {
            GeminiCodec.untagSignatures(generate);
            generate.put("model", GeminiEmbeddings.resource(model));
        }
        return sent;
    }

    private static Optional<JsonNode> generateContentRequest(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GatewayException.InvalidRequest("The request body must be a JSON object");
        }
        return GeminiFields.object(body, REQUEST, REQUEST);
    }
}
