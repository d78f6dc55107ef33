package dev.switchboard.usage;

import dev.switchboard.core.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;

/**
 * Counts every invocation for {@code GET /metrics} (Prometheus text format): requests by endpoint,
 * target and status; tokens by kind; call duration and gateway overhead. Thread-safe.
 */
public final class GatewayMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public void record(CallRecord call) {
        String status = Integer.toString(call.status());
        Counter.builder("switchboard.requests")
                .description("Invocations, by endpoint, serving target and final status")
                .tags("route", call.route(), "endpoint", call.endpoint(), "target", call.target(), "status", status,
                        "stream", Boolean.toString(call.stream()))
                .register(registry).increment();
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
        Timer.builder("switchboard.request.duration").tags("endpoint", call.endpoint(), "status", status)
                .register(registry).record(call.durationNanos(), TimeUnit.NANOSECONDS);
        Timer.builder("switchboard.gateway.overhead").description("Time spent in the gateway, excluding providers")
                .tags("endpoint", call.endpoint())
                .register(registry).record(call.overheadNanos(), TimeUnit.NANOSECONDS);
        tokens(call, "input", call.usage().input());
        tokens(call, "output", call.usage().output());
        tokens(call, "cache_read", call.usage().cacheRead());
        tokens(call, "cache_write", call.usage().cacheWrite());
        tokens(call, "reasoning", call.usage().reasoning());
    }

    /** The current values in Prometheus' text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    private void tokens(CallRecord call, String kind, long count) {
        if (count > 0 || kind.equals("input") && call.usage() != Usage.NONE) {
            Counter.builder("switchboard.tokens").description("Tokens reported by providers, by kind")
                    .tags("endpoint", call.endpoint(), "target", call.target(), "kind", kind)
                    .register(registry).increment(count);
        }
    }
}
