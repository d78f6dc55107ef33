package dev.switchboard.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the OTEL_* variables turn traces on, and what the SDK is given. */
class OtelSettingsTest {

    @Test
    void traces_are_off_without_otel_settings() {
        assertThat(OtelSettings.enabled(Map.of())).isFalse();
        assertThat(OtelSettings.enabled(Map.of("OTEL_SERVICE_NAME", "gw"))).isFalse();
        assertThat(Tracing.fromEnv(Map.of())).isSameAs(Tracing.OFF);
    }

    @Test
    void an_endpoint_or_an_exporter_turns_them_on() {
        assertThat(OtelSettings.enabled(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"))).isTrue();
        assertThat(OtelSettings.enabled(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://c:4318/v1/traces")))
                .isTrue();
        assertThat(OtelSettings.enabled(Map.of("OTEL_TRACES_EXPORTER", "otlp"))).isTrue();
    }

    @Test
    void none_or_a_disabled_sdk_keeps_them_off() {
        assertThat(OtelSettings.enabled(Map.of("OTEL_TRACES_EXPORTER", "none",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"))).isFalse();
        assertThat(OtelSettings.enabled(Map.of("OTEL_SDK_DISABLED", "true",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"))).isFalse();
    }

    @Test
    void variables_become_the_sdks_properties_with_traces_only() {
        assertThat(OtelSettings.properties(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318", "PATH", "/bin")))
                .containsEntry("otel.exporter.otlp.endpoint", "http://c:4318")
                .containsEntry("otel.metrics.exporter", "none")
                .containsEntry("otel.logs.exporter", "none")
                .doesNotContainKey("path");
        assertThat(OtelSettings.defaults(Map.of())).containsEntry("otel.service.name", "switchboard")
                .containsEntry("otel.exporter.otlp.protocol", "http/protobuf");
        assertThat(OtelSettings.defaults(Map.of("OTEL_SERVICE_NAME", "edge"))).doesNotContainKey("otel.service.name");
    }
}
