package dev.switchboard.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Bodies;
import dev.switchboard.api.ErrorFormat;
import dev.switchboard.core.GatewayException;
import java.io.IOException;

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
        ObjectNode root = Bodies.JSON.createObjectNode();
        ObjectNode body = root.putObject("error");
        body.put("message", error.getMessage());
        body.put("type", type(error.status()));
        body.putNull("param");
        body.put("code", error instanceof GatewayException.NotFound ? "model_not_found"
                : error.errorCode().toLowerCase(java.util.Locale.ROOT));
        return root;
    }

    private static String type(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    private static boolean isOpenAiError(byte[] body) {
        try {
            JsonNode json = Bodies.JSON.readTree(body);
            return json != null && json.path("error").isObject() && json.path("error").path("message").isTextual();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
