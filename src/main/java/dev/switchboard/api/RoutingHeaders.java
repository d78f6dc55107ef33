package dev.switchboard.api;

import dev.switchboard.routing.Invoker;
import java.util.LinkedHashMap;
import java.util.Map;

/** The response headers that say which target served a call and what the gateway itself cost. */
public final class RoutingHeaders {

    private RoutingHeaders() {
    }

    /** The headers for a served call; also records the routing outcome in the exchange's {@link CallInfo}. */
    public static Map<String, String> of(String endpoint, Invoker.Outcome<?> outcome, Exchange exchange) {
        exchange.info().served(endpoint, outcome);
        long totalNanos = System.nanoTime() - exchange.startNanos();
        long overheadMicros = Math.max(0, (totalNanos - outcome.upstreamNanos()) / 1_000);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-switchboard-endpoint", endpoint);
        headers.put("x-switchboard-target", outcome.target().label());
        headers.put("x-switchboard-attempts", Integer.toString(outcome.attempts()));
        headers.put("x-switchboard-overhead-ms", String.format(java.util.Locale.ROOT, "%.3f", overheadMicros / 1000.0));
        return headers;
    }
}
