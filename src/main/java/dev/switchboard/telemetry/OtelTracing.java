package dev.switchboard.telemetry;

import dev.switchboard.provider.http.UpstreamTrace;
import dev.switchboard.routing.AttemptObserver;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Tracing on: an OpenTelemetry SDK configured by its own autoconfiguration from the {@code OTEL_*}
 * variables (exporter, endpoint, headers, sampler, batch delays). The SDK is the gateway's alone,
 * not the global one, and is shut down with the gateway rather than by a JVM hook.
 */
final class OtelTracing implements Tracing {

    private static final String SCOPE = "dev.switchboard";

    private final OpenTelemetrySdk sdk;
    private final Tracer tracer;
    private final UpstreamTrace upstream = new TraceHeaders();

    private OtelTracing(OpenTelemetrySdk sdk) {
        this.sdk = sdk;
        this.tracer = sdk.getTracer(SCOPE);
    }

    static OtelTracing start(Map<String, String> env) {
        // The supplier's values are defaults; the customizer's override what the SDK read itself,
        // so the map the gateway was given decides, as it does every other setting.
        return new OtelTracing(AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> OtelSettings.defaults(env))
                .addPropertiesCustomizer(config -> OtelSettings.properties(env))
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk());
    }

    @Override
    public CallTrace call(String method, String route, Function<String, Optional<String>> header) {
        return CallSpan.start(tracer, method, route, header);
    }

    @Override
    public AttemptObserver observe(AttemptObserver others) {
        return AttemptObserver.both(new AttemptSpans(tracer), others);
    }

    @Override
    public UpstreamTrace upstream() {
        return upstream;
    }

    @Override
    public void close() {
        sdk.close();
    }
}
