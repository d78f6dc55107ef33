package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.AnthropicFields.JSON;
import static dev.switchboard.wire.anthropic.AnthropicFields.NODES;
import static dev.switchboard.wire.anthropic.AnthropicFields.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Anthropic's error body, {@code {"type": "error", "error": {"type", "message"}}}: built from a
 * status and a message for callers (the official SDKs pick their exception by status, and show the
 * type and message), and read from what an Anthropic provider sent.
 */
public final class AnthropicErrors {

    /** What an upstream error body said. */
    public record Detail(String type, String message) {
        public Detail {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(message, "message");
        }
    }

    private AnthropicErrors() {
    }

    /**
     * Anthropic's error {@code type} for an HTTP status, as its API reference lists them; other 4xx
     * statuses are {@code invalid_request_error} and other 5xx {@code api_error}.
     */
    public static String type(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            case 504 -> "timeout_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    /** The error body for {@code status}. */
    public static ObjectNode body(int status, String message) {
        return body(type(status), message);
    }

    /** The error body with an explicit error {@code type}. */
    public static ObjectNode body(String type, String message) {
        ObjectNode root = NODES.objectNode().put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        return root;
    }

    /**
     * The error an Anthropic body describes: {@code {"type": "error", "error": {"type", "message"}}}
     * (also without the outer {@code type}, as some compatible servers send it).
     */
    public static Optional<Detail> read(JsonNode body) {
        if (body == null || !body.isObject()) {
            return Optional.empty();
        }
        JsonNode error = body.get("error");
        if (error == null || !error.isObject()) {
            return Optional.empty();
        }
        return textOf(error.get("message"))
                .map(message -> new Detail(textOf(error.get("type")).orElse("api_error"), message));
    }

    /** Like {@link #read(JsonNode)}, from raw bytes; empty when they are not JSON. */
    public static Optional<Detail> read(byte[] body) {
        try {
            return read(JSON.readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
