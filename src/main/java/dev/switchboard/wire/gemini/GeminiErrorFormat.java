package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.ErrorFormat;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Json;
import dev.switchboard.wire.WireFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Google's error shape, {@code {"error": {"code", "message", "status"}}}, so the Gemini SDKs raise
 * their typed errors. An error that Gemini itself sent is relayed as it was.
 */
public final class GeminiErrorFormat implements ErrorFormat {

    public static final GeminiErrorFormat INSTANCE = new GeminiErrorFormat();

    private GeminiErrorFormat() {
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public byte[] body(GatewayException error) {
        if (error instanceof GatewayException.Upstream upstream) {
            Optional<byte[]> own = upstream.upstreamBodyFor(GeminiFormat.INSTANCE)
                    .filter(GeminiErrorFormat::isGoogleError);
            if (own.isPresent()) {
                return own.get();
            }
        }
        return WireFields.write(GeminiErrors.body(error.status(), error.getMessage()));
    }

    @Override
    public Map<String, String> headers(GatewayException error) {
        return error instanceof GatewayException.Upstream upstream ? upstream.headersFor(GeminiFormat.INSTANCE) : Map.of();
    }

    @Override
    public byte[] streamEvent(GatewayException error) {
        return ("data: " + GeminiErrors.body(error.status(), error.getMessage()) + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isGoogleError(byte[] body) {
        try {
            JsonNode json = Json.shared().readTree(body);
            return json != null && json.path("error").isObject() && json.path("error").has("status");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
