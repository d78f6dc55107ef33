package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.WireFormat;
import dev.switchboard.wire.WireErrorFormat;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

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
        String code = error instanceof GatewayException.NotFound ? "model_not_found"
                : error.errorCode().toLowerCase(Locale.ROOT);
        return OpenAiErrors.body(error.status(), error.getMessage(), Optional.empty(), Optional.of(code));
    }

    /** Google's errors also have error.message; OpenAI's have a type and no status. */
    @Override
    protected boolean hasShape(JsonNode body) {
        JsonNode error = body.path("error");
        return error.isObject() && error.path("message").isTextual() && error.path("type").isTextual()
                && !error.has("status");
    }

    @Override
    public byte[] streamEvent(GatewayException error) {
        return ("data: " + shape(error) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
