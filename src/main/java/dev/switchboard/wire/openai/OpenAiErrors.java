package dev.switchboard.wire.openai;

import static dev.switchboard.wire.openai.OpenAiFields.NODES;
import static dev.switchboard.wire.openai.OpenAiFields.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Json;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * OpenAI's error body, {@code {"error": {"message", "type", "param", "code"}}}: built from a status
 * and a message for callers, and read from what an OpenAI-format provider sent.
 */
public final class OpenAiErrors {

    private static final ObjectMapper JSON = Json.mapper();

    /** What an upstream error body said; {@code code} is text even when the provider sent a number. */
    public record Detail(String message, Optional<String> type, Optional<String> code, Optional<String> param) {
        public Detail {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(param, "param");
        }
    }

    private OpenAiErrors() {
    }

    /** OpenAI's error {@code type} for an HTTP status. */
    public static String type(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    /** An error body with {@code param} and {@code code} null. */
    public static ObjectNode body(int status, String message) {
        return body(status, message, Optional.empty(), Optional.empty());
    }

    public static ObjectNode body(int status, String message, Optional<String> param, Optional<String> code) {
        ObjectNode root = NODES.objectNode();
        ObjectNode error = root.putObject("error").put("message", message).put("type", type(status));
        param.ifPresentOrElse(p -> error.put("param", p), () -> error.putNull("param"));
        code.ifPresentOrElse(c -> error.put("code", c), () -> error.putNull("code"));
        return root;
    }

    /** A gateway error as OpenAI writes errors; an unknown endpoint has OpenAI's {@code model_not_found} code. */
    public static ObjectNode body(GatewayException error) {
        String code = error instanceof GatewayException.NotFound ? "model_not_found"
                : error.errorCode().toLowerCase(Locale.ROOT);
        return body(error.status(), error.getMessage(), Optional.empty(), Optional.of(code));
    }

    /** Whether a body has OpenAI's error shape: Google's errors also have error.message; OpenAI's have a type and no status. */
    public static boolean hasShape(JsonNode body) {
        JsonNode error = body.path("error");
        return error.isObject() && error.path("message").isTextual() && error.path("type").isTextual()
                && !error.has("status");
    }

    /**
     * The error an OpenAI-format body describes: {@code {"error": {"message": ...}}}, or the
     * {@code {"error": "..."}} and {@code {"message": ...}} shapes some compatible servers use.
     */
    public static Optional<Detail> read(JsonNode body) {
        if (body == null || !body.isObject()) {
            return Optional.empty();
        }
        JsonNode error = body.get("error");
        if (error != null && error.isObject() && error.path("message").isTextual()) {
            return Optional.of(new Detail(error.get("message").textValue(), textOf(error.get("type")),
                    scalar(error.get("code")), scalar(error.get("param"))));
        }
        if (error != null && error.isTextual()) {
            return Optional.of(new Detail(error.textValue(), Optional.empty(), Optional.empty(), Optional.empty()));
        }
        return textOf(body.get("message"))
                .map(m -> new Detail(m, textOf(body.get("type")), scalar(body.get("code")), Optional.empty()));
    }

    /** Like {@link #read(JsonNode)}, from raw bytes; empty when they are not JSON. */
    public static Optional<Detail> read(byte[] body) {
        try {
            return read(JSON.readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> scalar(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() ? Optional.of(node.asText()) : Optional.empty();
    }
}
