package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ErrorFormat;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Json;
import dev.switchboard.wire.WireFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAI's error shape, {@code {"error": {"message", "type", "param", "code"}}}, so OpenAI SDKs
 * raise their typed errors. An error that an OpenAI-format provider sent in that shape is relayed
 * as it was; errors from providers of other formats are rewritten in it.
 */
public final class OpenAiErrorFormat implements ErrorFormat {

    public static final OpenAiErrorFormat INSTANCE = new OpenAiErrorFormat();

    private OpenAiErrorFormat() {
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public byte[] body(GatewayException error) {
        if (error instanceof GatewayException.Upstream upstream) {
            Optional<byte[]> own = upstream.upstreamBodyFor(OpenAiChatFormat.INSTANCE)
                    .filter(OpenAiErrorFormat::isOpenAiError);
            if (own.isPresent()) {
                return own.get();
            }
        }
        return WireFields.write(error(error));
    }

    @Override
    public Map<String, String> headers(GatewayException error) {
        return error instanceof GatewayException.Upstream upstream ? upstream.headersFor(OpenAiChatFormat.INSTANCE) : Map.of();
    }

    @Override
    public byte[] streamEvent(GatewayException error) {
        return ("data: " + error(error) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    static ObjectNode error(GatewayException error) {
        String code = error instanceof GatewayException.NotFound ? "model_not_found"
                : error.errorCode().toLowerCase(Locale.ROOT);
        return OpenAiErrors.body(error.status(), error.getMessage(), Optional.empty(), Optional.of(code));
    }

    private static boolean isOpenAiError(byte[] body) {
        try {
            JsonNode json = Json.shared().readTree(body);
            // Google's errors also have error.message; OpenAI's have a type and no status.
            JsonNode error = json == null ? null : json.path("error");
            return error != null && error.isObject() && error.path("message").isTextual()
                    && error.path("type").isTextual() && !error.has("status");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
