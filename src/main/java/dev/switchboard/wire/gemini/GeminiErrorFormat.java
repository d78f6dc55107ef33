package dev.switchboard.api.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Bodies;
import dev.switchboard.api.ErrorFormat;
import dev.switchboard.core.GatewayException;
import dev.switchboard.wire.gemini.GeminiErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Google's error shape, {@code {"error": {"code", "message", "status"}}}, so the Gemini SDKs raise
 * their typed errors. An error that Gemini itself sent is relayed as it was.
 */
public final class GeminiErrorFormat implements ErrorFormat {

    public static final GeminiErrorFormat INSTANCE = new GeminiErrorFormat();

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public byte[] body(GatewayException error) {
        if (error instanceof GatewayException.Upstream upstream && isGoogleError(upstream.upstreamBody())) {
            return upstream.upstreamBody();
        }
        return Bodies.write(GeminiErrors.body(error.status(), error.getMessage()));
    }

    @Override
    public byte[] streamEvent(GatewayException error) {
        return ("data: " + GeminiErrors.body(error.status(), error.getMessage()) + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isGoogleError(byte[] body) {
        try {
            JsonNode json = Bodies.JSON.readTree(body);
            return json != null && json.path("error").isObject() && json.path("error").has("status");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
