package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.WireFormat;
import dev.switchboard.wire.WireErrorFormat;

/**
 * Anthropic's error shape, {@code {"type": "error", "error": {"type", "message"}}}; in a stream, an
 * {@code event: error}.
 */
public final class AnthropicErrorFormat extends WireErrorFormat {

    public static final AnthropicErrorFormat INSTANCE = new AnthropicErrorFormat();

    private AnthropicErrorFormat() {
    }

    @Override
    protected WireFormat format() {
        return AnthropicFormat.INSTANCE;
    }

    @Override
    protected JsonNode shape(GatewayException error) {
        return AnthropicErrors.body(error.status(), error.getMessage());
    }

    @Override
    protected boolean hasShape(JsonNode body) {
        return "error".equals(body.path("type").asText()) && body.path("error").isObject();
    }

    @Override
    public byte[] streamEvent(GatewayException error) {
        return AnthropicStreamEncoder.errorEvent(AnthropicErrors.type(error.status()), error.getMessage());
    }
}
