package dev.switchboard.telemetry;

import dev.switchboard.provider.http.UpstreamTrace;
import dev.switchboard.routing.AttemptObserver;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The gateway's traces: a span per call (server kind), a span per attempt at a provider (client
 * kind) under it, and the attempt's context sent to the provider as {@code traceparent}. Built from
 * the {@code OTEL_*} variables (see docs/tracing.md); {@link #OFF}, the default, builds nothing of
 * OpenTelemetry and adds nothing to a call. Close it after the server stops: that sends what is left.
 */
public interface Tracing extends AutoCloseable {

    /** No traces: nothing of OpenTelemetry runs. */
    Tracing OFF = new NoTracing();

    /** Tracing as the {@code OTEL_*} entries of {@code env} ask for it, or {@link #OFF} if they do not. */
    static Tracing fromEnv(Map<String, String> env) {
        return OtelSettings.enabled(env) ? OtelTracing.start(env) : OFF;
    }

    /**
     * Starts the span of a call on {@code route} and makes it current on this thread until the
     * returned trace is closed, which must happen on this thread. {@code header} looks up a request
     * header by name: a caller's {@code traceparent} makes the span its child.
     */
    CallTrace call(String method, String route, Function<String, Optional<String>> header);

    /** {@code others}, plus a span per attempt when tracing is on. */
    AttemptObserver observe(AttemptObserver others);

    /** What joins provider requests to the attempt's span; {@link UpstreamTrace#NONE} when off. */
    UpstreamTrace upstream();

    /** Sends the spans not sent yet and stops the exporter. */
    @Override
    void close();
}
