package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.WireFormat;
import dev.switchboard.wire.WireErrorFormat;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Anthropic's error shape, {@code {"type": "error", "error": {"type", "message"}}}; in a stream, an
 * {@code event: error}.
 */
public final class AnthropicErrorFormat extends WireErrorFormat {

    public static final AnthropicErrorFormat INSTANCE = new AnthropicErrorFormat();

    private AnthropicErrorFormat() {
    }

    @Override
    protected WireFormat format() {
        return AnthropicFormat.INSTANCE;
    }

    @Override
    protected JsonNode shape(GatewayException error) {
        return AnthropicErrors.body(error.status(), error.getMessage());
    }

    @Override
    protected boolean hasShape(JsonNode body) {
        return "error".equals(body.path("type").asText()) && body.path("error").isObject();
    }

    /**
     * Anthropic's {@code anthropic-ratelimit-{requests,tokens}-{limit,remaining,reset}}, the reset as
     * the RFC 3339 time the limit is whole again.
     */
    @Override
    public Map<String, String> rateLimitHeaders(GatewayException.RateLimited limited) {
        Map<String, String> headers = new LinkedHashMap<>();
        long now = System.currentTimeMillis();
        limited.requests().ifPresent(q -> put(headers, "requests", q, now));
        limited.tokens().ifPresent(q -> put(headers, "tokens", q, now));
        return headers;
    }

    private static void put(Map<String, String> headers, String kind, GatewayException.RateLimited.Quota quota,
                            long now) {
        headers.put("anthropic-ratelimit-" + kind + "-limit", Long.toString(quota.limit()));
        headers.put("anthropic-ratelimit-" + kind + "-remaining", Long.toString(quota.remaining()));
        headers.put("anthropic-ratelimit-" + kind + "-reset",
                Instant.ofEpochMilli(now + quota.resetMillis()).truncatedTo(ChronoUnit.SECONDS).toString());
    }

    @Override
    public byte[] streamEvent(GatewayException error) {
        return AnthropicStreamEncoder.errorEvent(AnthropicErrors.type(error.status()), error.getMessage());
    }
}
