package dev.switchboard.usage;

import dev.switchboard.core.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts every invocation for {@code GET /metrics} (Prometheus text format): requests by endpoint,
 * target and status; tokens by kind; call duration and gateway overhead. Thread-safe.
 */
public final class GatewayMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Registering a meter builds and sorts its tags and looks it up in the registry; every call would
    // do that half a dozen times. The meters are kept by their tag values instead.
    private final Map<CallKey, CallMeters> callMeters = new ConcurrentHashMap<>();
    private final Map<TokenKey, Counter> tokenCounters = new ConcurrentHashMap<>();

    private record CallKey(String route, String endpoint, String target, int status, boolean stream) { }

    private record CallMeters(Counter requests, Timer duration, Timer overhead) { }

    private record TokenKey(String endpoint, String target, String kind) { }

    public void record(CallRecord call) {
        CallMeters meters = callMeters.computeIfAbsent(
                new CallKey(call.route(), call.endpoint(), call.target(), call.status(), call.stream()),
                this::register);
        meters.requests().increment();
        if (call.streamFailed()) {
            Counter.builder("switchboard.stream.failures")
                    .description("Streams that failed after they started (the caller got an error event)")
                    .tags("endpoint", call.endpoint(), "target", call.target())
                    .register(registry).increment();
        }
        if (call.attempts() > 1) {
            Counter.builder("switchboard.fallbacks")
                    .description("Attempts beyond the first, i.e. fallbacks taken")
                    .tags("endpoint", call.endpoint())
                    .register(registry).increment(call.attempts() - 1);
        }
        meters.duration().record(call.durationNanos(), TimeUnit.NANOSECONDS);
        meters.overhead().record(call.overheadNanos(), TimeUnit.NANOSECONDS);
        tokens(call, "input", call.usage().input());
        tokens(call, "output", call.usage().output());
        tokens(call, "cache_read", call.usage().cacheRead());
        tokens(call, "cache_write", call.usage().cacheWrite());
        tokens(call, "reasoning", call.usage().reasoning());
    }

    private CallMeters register(CallKey key) {
        String status = Integer.toString(key.status());
        return new CallMeters(
                Counter.builder("switchboard.requests")
                        .description("Invocations, by endpoint, serving target and final status")
                        .tags("route", key.route(), "endpoint", key.endpoint(), "target", key.target(),
                                "status", status, "stream", Boolean.toString(key.stream()))
                        .register(registry),
                Timer.builder("switchboard.request.duration").tags("endpoint", key.endpoint(), "status", status)
                        .register(registry),
                Timer.builder("switchboard.gateway.overhead")
                        .description("Time spent in the gateway, excluding providers")
                        .tags("endpoint", key.endpoint())
                        .register(registry));
    }

    /** The current values in Prometheus' text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    private void tokens(CallRecord call, String kind, long count) {
        if (count > 0 || kind.equals("input") && call.usage() != Usage.NONE) {
            tokenCounters.computeIfAbsent(new TokenKey(call.endpoint(), call.target(), kind), key ->
                    Counter.builder("switchboard.tokens").description("Tokens reported by providers, by kind")
                            .tags("endpoint", key.endpoint(), "target", key.target(), "kind", key.kind())
                            .register(registry)).increment(count);
        }
    }
}
