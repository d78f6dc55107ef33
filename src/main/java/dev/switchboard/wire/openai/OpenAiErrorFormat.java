package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.WireFormat;
import dev.switchboard.wire.WireErrorFormat;
import java.nio.charset.StandardCharsets;

/** OpenAI's error shape, {@code {"error": {"message", "type", "param", "code"}}}; in a stream, a {@code data:} event of it. */
public final class OpenAiErrorFormat extends WireErrorFormat {

    public static final OpenAiErrorFormat INSTANCE = new OpenAiErrorFormat();

    private OpenAiErrorFormat() {
    }

    @Override
    protected WireFormat format() {
        return OpenAiChatFormat.INSTANCE;
    }

    @Override
    protected JsonNode shape(GatewayException error) {
        return OpenAiErrors.body(error);
    }

    @Override
    protected boolean hasShape(JsonNode body) {
        return OpenAiErrors.hasShape(body);
    }

    @Override
    public byte[] streamEvent(GatewayException error) {
        return ("data: " + shape(error) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
