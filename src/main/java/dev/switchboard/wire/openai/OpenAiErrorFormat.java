package dev.switchboard.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Bodies;
import dev.switchboard.api.ErrorFormat;
import dev.switchboard.core.GatewayException;
import dev.switchboard.wire.openai.OpenAiErrors;
import java.io.IOException;
import java.util.Optional;

/**
 * OpenAI's error shape, {@code {"error": {"message", "type", "param", "code"}}}, so OpenAI SDKs
 * raise their typed errors. An error that an OpenAI-format provider sent is relayed as it was.
 */
public final class OpenAiErrorFormat implements ErrorFormat {

    public static final OpenAiErrorFormat INSTANCE = new OpenAiErrorFormat();

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public byte[] body(GatewayException error) {
        if (error instanceof GatewayException.Upstream upstream && isOpenAiError(upstream.upstreamBody())) {
            return upstream.upstreamBody();
        }
        return Bodies.write(error(error));
    }

    @Override
    public byte[] streamEvent(GatewayException error) {
        return ("data: " + Bodies.JSON.valueToTree(error(error)).toString() + "\n\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static ObjectNode error(GatewayException error) {
        String code = error instanceof GatewayException.NotFound ? "model_not_found"
                : error.errorCode().toLowerCase(java.util.Locale.ROOT);
        return OpenAiErrors.body(error.status(), error.getMessage(), Optional.empty(), Optional.of(code));
    }

    private static boolean isOpenAiError(byte[] body) {
        try {
            JsonNode json = Bodies.JSON.readTree(body);
            // Google's errors also have error.message; OpenAI's have a type and no status.
            JsonNode error = json == null ? null : json.path("error");
            return error != null && error.isObject() && error.path("message").isTextual()
                    && error.path("type").isTextual() && !error.has("status");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
