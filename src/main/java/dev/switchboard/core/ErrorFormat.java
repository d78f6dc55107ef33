package dev.switchboard.core;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** How one surface shapes errors, so each SDK raises its own typed exception. */
public interface ErrorFormat {

    String contentType();

    /** The body of an error response with status {@code error.status()}. */
    byte[] body(GatewayException error);

    /** The single event that reports a failure after a stream has started, before it closes. */
    byte[] streamEvent(GatewayException error);

    /**
     * As {@link #streamEvent(GatewayException)}, after {@code eventsSent} events of the stream: a
     * format that numbers its events (OpenAI's Responses, from 0) numbers this one after them.
     */
    default byte[] streamEvent(GatewayException error, long eventsSent) {
        return streamEvent(error);
    }

    /**
     * The headers of an error response beside the content type: a provider's {@code retry-after},
     * and (in a format that relays them) the rest of the provider's headers its callers rely on.
     */
    default Map<String, String> headers(GatewayException error) {
        if (error instanceof GatewayException.RateLimited limited) {
            return rateLimitHeaders(limited);
        }
        return error instanceof GatewayException.Upstream upstream ? upstream.headersFor(null) : Map.of();
    }

    /**
     * The headers that tell a caller about the gateway's rate limit it met: by default OpenAI's
     * {@code x-ratelimit-{limit,remaining,reset}-{requests,tokens}}, the reset as a duration such as
     * {@code 12s} or {@code 1m3.5s}.
     */
    default Map<String, String> rateLimitHeaders(GatewayException.RateLimited limited) {
        Map<String, String> headers = new LinkedHashMap<>();
        limited.requests().ifPresent(q -> put(headers, "x-ratelimit-%s-requests", q));
        limited.tokens().ifPresent(q -> put(headers, "x-ratelimit-%s-tokens", q));
        return headers;
    }

    private static void put(Map<String, String> headers, String pattern, GatewayException.RateLimited.Quota quota) {
        headers.put(pattern.formatted("limit"), Long.toString(quota.limit()));
        headers.put(pattern.formatted("remaining"), Long.toString(quota.remaining()));
        headers.put(pattern.formatted("reset"), duration(quota.resetMillis()));
    }

    /** A duration as OpenAI writes one in its rate-limit headers: {@code 250ms}, {@code 12s}, {@code 1m3.5s}. */
    static String duration(long millis) {
        if (millis < 1000) {
            return Math.max(0, millis) + "ms";
        }
        long minutes = millis / 60_000;
        String seconds = BigDecimal.valueOf(millis % 60_000, 3).stripTrailingZeros().toPlainString();
        return minutes > 0 ? minutes + "m" + seconds + "s" : seconds + "s";
    }
}
