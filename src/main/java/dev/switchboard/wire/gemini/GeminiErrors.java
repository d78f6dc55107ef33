package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.GeminiFields.NODES;
import static dev.switchboard.wire.gemini.GeminiFields.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Json;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Google's error body, {@code {"error": {"code": 400, "message": "...", "status": "INVALID_ARGUMENT"}}}:
 * built from an HTTP status and a message for callers (the Gemini SDKs raise their typed exceptions
 * from it), and read from what a Gemini provider sent.
 */
public final class GeminiErrors {

    private static final ObjectMapper JSON = Json.mapper();

    /** What an upstream error body said. */
    public record Detail(String message, OptionalInt code, Optional<String> status) {
        public Detail {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(status, "status");
        }
    }

    private GeminiErrors() {
    }

    /**
     * The canonical {@code google.rpc.Code} name Google answers with for an HTTP status: 400
     * {@code INVALID_ARGUMENT}, 401 {@code UNAUTHENTICATED}, 403 {@code PERMISSION_DENIED}, 404
     * {@code NOT_FOUND}, 409 {@code ABORTED}, 429 {@code RESOURCE_EXHAUSTED}, 499 {@code CANCELLED},
     * 500 {@code INTERNAL}, 501 {@code UNIMPLEMENTED}, 502 and 503 {@code UNAVAILABLE}, 504
     * {@code DEADLINE_EXCEEDED}; any other 4xx is {@code FAILED_PRECONDITION} (408
     * {@code DEADLINE_EXCEEDED}), any other 5xx {@code INTERNAL}.
     */
    public static String status(int httpStatus) {
        return switch (httpStatus) {
            case 400, 413, 422 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 408, 504 -> "DEADLINE_EXCEEDED";
            case 409 -> "ABORTED";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 499 -> "CANCELLED";
            case 501 -> "UNIMPLEMENTED";
            case 502, 503 -> "UNAVAILABLE";
            default -> httpStatus >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        };
    }

    public static ObjectNode body(int httpStatus, String message) {
        ObjectNode root = NODES.objectNode();
        root.putObject("error").put("code", httpStatus).put("message", message).put("status", status(httpStatus));
        return root;
    }

    /**
     * The error a Gemini body describes: {@code {"error": {...}}}, also as the first element of a
     * JSON array (how {@code streamGenerateContent} without {@code alt=sse} reports it).
     */
    public static Optional<Detail> read(JsonNode body) {
        if (body != null && body.isArray() && !body.isEmpty()) {
            body = body.get(0);
        }
        if (body == null || !body.isObject()) {
            return Optional.empty();
        }
        JsonNode error = body.get("error");
        if (error == null || !error.isObject()) {
            return Optional.empty();
        }
        JsonNode code = error.get("code");
        return Optional.of(new Detail(textOf(error.get("message")).orElse(""),
                code != null && code.canConvertToInt() && code.isIntegralNumber() ? OptionalInt.of(code.intValue())
                        : OptionalInt.empty(),
                textOf(error.get("status"))));
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
