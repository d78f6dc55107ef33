package dev.switchboard.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Json;
import dev.switchboard.core.WireFormat;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Describing JSON requests to a provider, sending them and reading JSON back, shared by every
 * provider: an error status becomes a {@link GatewayException.Upstream} carrying the provider's
 * body (for relaying to a caller of the same format) and the message the provider's format puts in
 * it, both with the call's keys masked ({@link UpstreamFailures#answered}).
 */
public final class UpstreamJson {

    public static final ObjectMapper JSON = Json.mapper();

    private final Transport transport;

    public UpstreamJson(Transport transport) {
        this.transport = transport;
    }

    /**
     * Describes a POST of {@code body} with the provider's own {@code headers} (its authentication;
     * they win) and the caller's {@code forwarded} ones; the provider's errors are read as
     * {@code format} writes them.
     */
    public static UpstreamRequest request(URI uri, Map<String, String> headers, Map<String, String> forwarded,
                                          ObjectNode body, WireFormat format) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new GatewayException.Internal("Could not serialise the request", e);
        }
        Map<String, String> sent = headers;
        if (!forwarded.isEmpty()) {
            sent = new LinkedHashMap<>(forwarded);
            sent.putAll(headers);
        }
        return new UpstreamRequest(uri, sent, bytes, format);
    }

    /**
     * Sends {@code request}, blocking; returns the response if its status is 2xx, else closes it and
     * throws the error it stands for.
     */
    public UpstreamResponse send(UpstreamRequest request, Call call) {
        UpstreamResponse response = transport.post(request.uri(), request.headers(), request.body(), call.timeouts(),
                call.caller());
        if (!response.isSuccess()) {
            throw UpstreamFailures.answered(response, call.target(), request.errors());
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
