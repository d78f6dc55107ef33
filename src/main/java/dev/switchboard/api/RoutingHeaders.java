package dev.switchboard.api;

import dev.switchboard.routing.Invoker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The response headers that say which target served a call and what the gateway itself cost, or,
 * on a call that failed before any answer, which target failed it.
 */
public final class RoutingHeaders {

    private static final String ENDPOINT = "x-switchboard-endpoint";
    private static final String TARGET = "x-switchboard-target";
    private static final String ATTEMPTS = "x-switchboard-attempts";
    private static final String OVERHEAD = "x-switchboard-overhead-ms";
    private static final String TOKEN_COUNT = "x-switchboard-token-count";

    /** Every header this class sets, e.g. for CORS to let a browser page read them. */
    public static final List<String> NAMES = List.of(ENDPOINT, TARGET, ATTEMPTS, OVERHEAD, TOKEN_COUNT);

    private RoutingHeaders() {
    }

    /** The headers for a call {@code served} for {@code endpoint}, of a request that arrived at {@code startNanos}. */
    public static Map<String, String> of(String endpoint, Invoker.Served<?> served, long startNanos) {
        long totalNanos = System.nanoTime() - startNanos;
        long overheadMicros = Math.max(0, (totalNanos - served.upstreamNanos()) / 1_000);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ENDPOINT, headerSafe(endpoint));
        headers.put(TARGET, headerSafe(served.target().label()));
        headers.put(ATTEMPTS, Integer.toString(served.attempts()));
        headers.put(OVERHEAD, millis(overheadMicros));
        return headers;
    }

    /**
     * The headers of a call that failed before any answer, once its endpoint was found: the
     * endpoint, the last target tried (when one was) and the number of attempts, so that a caller
     * can tell which target failed. None when the call never found its endpoint.
     */
    public static Map<String, String> ofFailure(Outcome failed) {
        if (failed.resolved().isEmpty()) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ENDPOINT, headerSafe(failed.endpoint()));
        failed.target().ifPresent(target -> headers.put(TARGET, headerSafe(target.label())));
        headers.put(ATTEMPTS, Integer.toString(failed.attempts()));
        return headers;
    }

    /** The header of a token count: {@code exact} (the provider counted) or {@code estimated} (the gateway did). */
    static Map<String, String> tokenCount(boolean exact) {
        return Map.of(TOKEN_COUNT, exact ? "exact" : "estimated");
    }

    /** Microseconds as milliseconds with three decimals, e.g. 1234 -> "1.234". */
    static String millis(long micros) {
        long fraction = micros % 1000;
        return (micros / 1000) + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
    }

    /**
     * A configured name as a header value: characters a header cannot carry (controls, and anything
     * beyond ISO-8859-1) become '?', so a model name can never break the response's headers.
     */
    static String headerSafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f || c > 0xff) {
                StringBuilder safe = new StringBuilder(value.length());
                for (int j = 0; j < value.length(); j++) {
                    char d = value.charAt(j);
                    safe.append(d < 0x20 && d != '\t' || d == 0x7f || d > 0xff ? '?' : d);
                }
                return safe.toString();
            }
        }
        return value;
    }
}
