package dev.switchboard.usage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Counts every invocation for {@code GET /metrics} (Prometheus text format): requests by endpoint,
 * target and status; latency histograms (whole call, time to first byte, gateway overhead); tokens
 * by kind and their cost, by endpoint, provider and model; the providers' answers to every attempt;
 * fallbacks and broken streams; and the usage records written, dropped or lost. Thread-safe.
 */
public final class GatewayMetrics {

    /** Histogram buckets for durations: 5 ms to 2 minutes. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(60), Duration.ofSeconds(120)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Registering a meter builds and sorts its tags and looks it up in the registry; every call would
    // do that several times. The meters are kept by their tag values instead.
    private final Map<CallKey, CallMeters> callMeters = new ConcurrentHashMap<>();
    private final Map<String, EndpointMeters> endpointMeters = new ConcurrentHashMap<>();
    private final Map<TargetKey, TargetMeters> targetMeters = new ConcurrentHashMap<>();
    private final Map<UpstreamKey, Counter> upstream = new ConcurrentHashMap<>();
    private final Map<String, Counter> cooldowns = new ConcurrentHashMap<>();
    private final Counter recordsWritten;
    private final Counter recordsDropped;
    private final Counter recordsLost;

    private record CallKey(String route, String endpoint, String target, int status, boolean stream) { }

    private record CallMeters(Counter requests, Timer duration) {
        void count(UsageRecord call) {
            requests.increment();
            duration.record(call.durationNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private record EndpointMeters(Timer overhead, Timer firstByte, Counter fallbacks, Counter streamFailures) { }

    private record TargetKey(String endpoint, String provider, String model) { }

    private record TargetMeters(Counter input, Counter output, Counter cacheRead, Counter cacheWrite,
                                Counter reasoning, Counter cost) { }

    private record UpstreamKey(String provider, String status) { }

    public GatewayMetrics() {
        recordsWritten = Counter.builder("switchboard.usage.records.written")
                .description("Usage records stored").register(registry);
        recordsDropped = Counter.builder("switchboard.usage.records.dropped")
                .description("Usage records dropped because the writer's queue was full").register(registry);
        recordsLost = Counter.builder("switchboard.usage.records.failed")
                .description("Usage records lost because the database refused their batch").register(registry);
    }

    public void record(UsageRecord call) {
        callMeters.computeIfAbsent(new CallKey(call.route(), call.endpointName(), call.target(), call.status(),
                call.stream()), this::register).count(call);
        EndpointMeters endpoint = endpointMeters.computeIfAbsent(call.endpointName(), this::register);
        endpoint.overhead().record(call.overheadNanos(), TimeUnit.NANOSECONDS);
        if (call.firstByteNanos().isPresent()) {
            endpoint.firstByte().record(call.firstByteNanos().getAsLong(), TimeUnit.NANOSECONDS);
        }
        if (call.attempts() > 1) {
            endpoint.fallbacks().increment(call.attempts() - 1);
        }
        if (call.streamFailed()) {
            endpoint.streamFailures().increment();
        }
        if (!call.provider().isEmpty() && call.usage() != dev.switchboard.core.Usage.NONE) {
            TargetMeters target = targetMeters.computeIfAbsent(
                    new TargetKey(call.endpointName(), call.provider(), call.model()), this::register);
            target.input().increment(call.usage().input());
            target.output().increment(call.usage().output());
            target.cacheRead().increment(call.usage().cacheRead());
            target.cacheWrite().increment(call.usage().cacheWrite());
            target.reasoning().increment(call.usage().reasoning());
            call.cost().ifPresent(cost -> target.cost().increment(cost.doubleValue()));
        }
    }

    /** Counts one attempt's answer from {@code provider}: its status, or how it failed to give one. */
    public void upstreamAnswer(String provider, String status) {
        upstream.computeIfAbsent(new UpstreamKey(provider, status), key ->
                Counter.builder("switchboard.upstream.responses")
                        .description("Attempts by provider and what the provider answered: its status, timeout, "
                                + "or error (no answer)")
                        .tags("provider", key.provider(), "status", key.status())
                        .register(registry)).increment();
    }

    /** Shows {@code degraded} as a gauge: 1 while this replica cannot read its database, else 0. */
    public void databaseDegraded(BooleanSupplier degraded) {
        Gauge.builder("switchboard.database.degraded", degraded, d -> d.getAsBoolean() ? 1 : 0)
                .description("1 while this replica cannot read its database and serves the configuration it has")
                .strongReference(true)
                .register(registry);
    }

    /**
     * Target {@code definitionId} ({@code provider}, {@code model}) starts cooling down: counts it, and
     * shows its state from then on as a gauge, 1 while {@code cooling} (down or on probation), else 0.
     */
    public void targetCooling(String definitionId, String provider, String model, BooleanSupplier cooling) {
        cooldowns.computeIfAbsent(definitionId, id -> {
            Gauge.builder("switchboard.target.cooling", cooling, c -> c.getAsBoolean() ? 1 : 0)
                    .description("1 while a target is left out of plans after failing in a row (or is on probation)")
                    .tags("model_definition_id", id, "provider", provider, "model", model)
                    .strongReference(true)
                    .register(registry);
            return Counter.builder("switchboard.target.cooldowns")
                    .description("Times a target started cooling down after failing in a row")
                    .tags("model_definition_id", id, "provider", provider, "model", model)
                    .register(registry);
        }).increment();
    }

    public void recordsWritten(int count) {
        recordsWritten.increment(count);
    }

    public void recordDropped() {
        recordsDropped.increment();
    }

    public void recordsLost(int count) {
        recordsLost.increment(count);
    }

    /** The current values in Prometheus' text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    private CallMeters register(CallKey key) {
        String status = Integer.toString(key.status());
        return new CallMeters(
                Counter.builder("switchboard.requests")
                        .description("Invocations, by endpoint, serving target and final status")
                        .tags("route", key.route(), "endpoint", key.endpoint(), "target", key.target(),
                                "status", status, "stream", Boolean.toString(key.stream()))
                        .register(registry),
                histogram("switchboard.request.duration", "Whole calls", "endpoint", key.endpoint(), "status", status));
    }

    private EndpointMeters register(String endpoint) {
        return new EndpointMeters(
                histogram("switchboard.gateway.overhead", "Time spent in the gateway, excluding providers",
                        "endpoint", endpoint),
                histogram("switchboard.time.to.first.byte",
                        "Time to the answer's first byte: a stream's first event, a whole answer's start",
                        "endpoint", endpoint),
                Counter.builder("switchboard.fallbacks").description("Attempts beyond the first, i.e. fallbacks taken")
                        .tags("endpoint", endpoint).register(registry),
                Counter.builder("switchboard.stream.failures")
                        .description("Streams that failed after they started (the caller got an error event)")
                        .tags("endpoint", endpoint).register(registry));
    }

    private TargetMeters register(TargetKey key) {
        Function<String, Counter> tokens = kind -> Counter.builder("switchboard.tokens")
                .description("Tokens reported by providers, by kind")
                .tags("endpoint", key.endpoint(), "provider", key.provider(), "model", key.model(), "kind", kind)
                .register(registry);
        return new TargetMeters(tokens.apply("input"), tokens.apply("output"), tokens.apply("cache_read"),
                tokens.apply("cache_write"), tokens.apply("reasoning"),
                Counter.builder("switchboard.cost.usd")
                        .description("What the tokens cost at the catalog's prices, in US dollars")
                        .tags("endpoint", key.endpoint(), "provider", key.provider(), "model", key.model())
                        .register(registry));
    }

    private Timer histogram(String name, String description, String... tags) {
        return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
