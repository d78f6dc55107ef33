package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.WireFormat;
import dev.switchboard.wire.WireErrorFormat;
import java.nio.charset.StandardCharsets;

/** Google's error shape, {@code {"error": {"code", "message", "status"}}}; in a stream, a {@code data:} event of it. */
public final class GeminiErrorFormat extends WireErrorFormat {

    public static final GeminiErrorFormat INSTANCE = new GeminiErrorFormat();

    private GeminiErrorFormat() {
    }

    @Override
    protected WireFormat format() {
        return GeminiFormat.INSTANCE;
    }

    @Override
    protected JsonNode shape(GatewayException error) {
        ObjectNode body = GeminiErrors.body(error.status(), error.getMessage());
        if (error instanceof GatewayException.TooManyRequests refused) {
            // As Google says when to try again: a google.rpc.RetryInfo among the details.
            ((ObjectNode) body.get("error")).putArray("details").addObject()
                    .put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                    .put("retryDelay", refused.retryAfterSeconds() + "s");
        }
        return body;
    }

    @Override
    protected boolean hasShape(JsonNode body) {
        return body.path("error").isObject() && body.path("error").has("status");
    }

    @Override
    public byte[] streamEvent(GatewayException error) {
        return ("data: " + shape(error) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
