package dev.switchboard.telemetry;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the standard {@code OTEL_*} variables from the environment the gateway was given (a test's,
 * or the process's), so tracing is decided by the same map as every other setting.
 */
final class OtelSettings {

    static final String SERVICE_NAME = "switchboard";

    private OtelSettings() {
    }

    /**
     * Whether {@code env} asks for traces: an {@code OTEL_TRACES_EXPORTER} other than {@code none},
     * or an OTLP endpoint, unless {@code OTEL_SDK_DISABLED=true}. An explicit {@code none} wins over
     * an endpoint: the endpoint may be there for another program's sake.
     */
    static boolean enabled(Map<String, String> env) {
        if ("true".equalsIgnoreCase(value(env, "OTEL_SDK_DISABLED"))) {
            return false;
        }
        String exporter = value(env, "OTEL_TRACES_EXPORTER");
        if (!exporter.isEmpty()) {
            return !exporter.equalsIgnoreCase("none");
        }
        return !value(env, "OTEL_EXPORTER_OTLP_ENDPOINT").isEmpty()
                || !value(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT").isEmpty();
    }

    /**
     * The SDK's properties from {@code env}: {@code OTEL_EXPORTER_OTLP_ENDPOINT} becomes
     * {@code otel.exporter.otlp.endpoint}, as the SDK itself maps them. The gateway makes traces
     * only, so the metrics and logs exporters are always off (Prometheus has the metrics).
     */
    static Map<String, String> properties(Map<String, String> env) {
        Map<String, String> properties = new HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("OTEL_")) {
                properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        properties.put("otel.metrics.exporter", "none");
        properties.put("otel.logs.exporter", "none");
        return properties;
    }

    /**
     * What the SDK falls back on: OTLP over HTTP with protobuf (the OpenTelemetry specification's
     * default, port 4318; the Java SDK's own is gRPC, for which the gateway ships no sender), and a
     * service called switchboard unless the variables name it.
     */
    static Map<String, String> defaults(Map<String, String> env) {
        Map<String, String> defaults = new HashMap<>();
        defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
        boolean named = !value(env, "OTEL_SERVICE_NAME").isEmpty()
                || value(env, "OTEL_RESOURCE_ATTRIBUTES").contains("service.name=");
        if (!named) {
            defaults.put("otel.service.name", SERVICE_NAME);
        }
        return defaults;
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null ? "" : value.strip();
    }
}
