package dev.switchboard.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Bodies;
import dev.switchboard.api.ErrorFormat;
import dev.switchboard.core.GatewayException;
import dev.switchboard.wire.anthropic.AnthropicErrors;
import dev.switchboard.wire.anthropic.AnthropicStreamEncoder;
import java.io.IOException;

/**
 * Anthropic's error shape, {@code {"type": "error", "error": {"type", "message"}}}, so the
 * Anthropic SDKs raise their typed errors; in a stream, an {@code event: error}. An error that
 * Anthropic itself sent is relayed as it was.
 */
public final class AnthropicErrorFormat implements ErrorFormat {

    public static final AnthropicErrorFormat INSTANCE = new AnthropicErrorFormat();

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public byte[] body(GatewayException error) {
        if (error instanceof GatewayException.Upstream upstream && isAnthropicError(upstream.upstreamBody())) {
            return upstream.upstreamBody();
        }
        return Bodies.write(AnthropicErrors.body(error.status(), error.getMessage()));
    }

    @Override
    public byte[] streamEvent(GatewayException error) {
        return AnthropicStreamEncoder.errorEvent(AnthropicErrors.type(error.status()), error.getMessage());
    }

    private static boolean isAnthropicError(byte[] body) {
        try {
            JsonNode json = Bodies.JSON.readTree(body);
            return json != null && "error".equals(json.path("type").asText()) && json.path("error").isObject();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
