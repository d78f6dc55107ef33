package dev.switchboard.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Json;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.function.Function;

/**
 * Posting JSON to a provider and reading JSON back, shared by every provider: an error status
 * becomes a {@link GatewayException.Upstream} carrying the provider's body (for relaying to a
 * caller of the same format) and the message the provider's format puts in it, both with the
 * call's keys masked ({@link UpstreamFailures#answered}).
 */
public final class UpstreamJson {

    public static final ObjectMapper JSON = Json.mapper();

    private final Transport transport;

    public UpstreamJson(Transport transport) {
        this.transport = transport;
    }

    /**
     * Posts {@code body}; returns the response if its status is 2xx, else closes it and throws.
     * {@code errorMessage} extracts a readable message from an error body, if it can.
     */
    public UpstreamResponse post(URI uri, Map<String, String> headers, ObjectNode body, Call call,
                                 Function<byte[], java.util.Optional<String>> errorMessage) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new GatewayException.Internal("Could not serialise the request", e);
        }
        UpstreamResponse response = transport.post(uri, headers, bytes, call.timeouts(), call.caller());
        if (!response.isSuccess()) {
            throw UpstreamFailures.answered(response, call.target(), errorMessage);
        }
        return response;
    }

    /** Parses a provider's body; a body that is not JSON is an upstream failure (retryable). */
    public static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null) {
                throw new GatewayException.UpstreamUnavailable("The provider sent an empty response", null);
            }
            return node;
        } catch (IOException e) {
            throw new GatewayException.UpstreamUnavailable("The provider sent a response that is not JSON", null);
        }
    }

    public static JsonNode parse(String body) {
        return parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
