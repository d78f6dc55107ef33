package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.ErrorFormat;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Json;
import dev.switchboard.wire.WireFields;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Anthropic's error shape, {@code {"type": "error", "error": {"type", "message"}}}, so the
 * Anthropic SDKs raise their typed errors; in a stream, an {@code event: error}. An error that
 * Anthropic itself sent is relayed as it was.
 */
public final class AnthropicErrorFormat implements ErrorFormat {

    public static final AnthropicErrorFormat INSTANCE = new AnthropicErrorFormat();

    private AnthropicErrorFormat() {
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public byte[] body(GatewayException error) {
        if (error instanceof GatewayException.Upstream upstream) {
            Optional<byte[]> own = upstream.upstreamBodyFor(AnthropicFormat.INSTANCE)
                    .filter(AnthropicErrorFormat::isAnthropicError);
            if (own.isPresent()) {
                return own.get();
            }
        }
        return WireFields.write(AnthropicErrors.body(error.status(), error.getMessage()));
    }

    @Override
    public Map<String, String> headers(GatewayException error) {
        return error instanceof GatewayException.Upstream upstream ? upstream.headersFor(AnthropicFormat.INSTANCE) : Map.of();
    }

    @Override
    public byte[] streamEvent(GatewayException error) {
        return AnthropicStreamEncoder.errorEvent(AnthropicErrors.type(error.status()), error.getMessage());
    }

    private static boolean isAnthropicError(byte[] body) {
        try {
            JsonNode json = Json.shared().readTree(body);
            return json != null && "error".equals(json.path("type").asText()) && json.path("error").isObject();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
