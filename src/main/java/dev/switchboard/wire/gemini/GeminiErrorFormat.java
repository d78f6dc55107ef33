package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
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
        return GeminiErrors.body(error.status(), error.getMessage());
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
