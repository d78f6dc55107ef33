package dev.switchboard.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces end to end: a real gateway exporting through the SDK's own autoconfiguration to a real
 * OTLP/HTTP receiver, in front of fake providers that record the {@code traceparent} they got.
 */
class TracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01";
    private static final String CHAT = """
            {"model": "support-bot", "messages": [{"role": "user", "content": "Hi"}]}""";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    OtlpReceiver receiver;
    FakeUpstream primary;
    FakeUpstream fallback;

    @BeforeEach
    void start() {
        receiver = OtlpReceiver.start();
        primary = FakeUpstream.start();
        fallback = FakeUpstream.start();
    }

    @AfterEach
    void stop() {
        primary.close();
        fallback.close();
        receiver.close();
    }

    /** Traces on, exported to the test's receiver within a tenth of a second of ending. */
    private Map<String, String> tracingOn() {
        return Map.of("SWITCHBOARD_KEK_PASSPHRASE", TestGateway.PASSPHRASE,
                "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
                "OTEL_BSP_SCHEDULE_DELAY", "100");
    }

    @Test
    void a_call_that_falls_back_makes_a_server_span_and_a_client_span_per_attempt_under_the_callers_trace() {
        primary.enqueue(Reply.json(500, OpenAiBodies.error("boom", "server_error", "server_error")));
        fallback.enqueue(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", "Hello", 12, 5)));
        try (TestGateway gw = TestGateway.start(dir, tracingOn())) {
            String endpointId = endpoint(gw, "support-bot", List.of(
                    definition(gw, "custom", primary.baseUrl(), "primary-model"),
                    definition(gw, "openai", fallback.baseUrl(), "gpt-4o-mini")));

            var response = gw.send("POST", "/gateway/openai/v1/chat/completions", CHAT,
                    Map.of("traceparent", TRACEPARENT));
            assertThat(response.status()).as(response.body()).isEqualTo(200);

            List<OtlpReceiver.Received> spans = receiver.awaitSpans(3, WAIT);
            assertThat(spans).hasSize(3).allSatisfy(span -> {
                assertThat(span.traceId()).isEqualTo(TRACE_ID);
                assertThat(span.service()).isEqualTo("switchboard");
            });
            OtlpReceiver.Received call = only(spans, Span.SpanKind.SPAN_KIND_SERVER);
            assertThat(call.name()).isEqualTo("chat support-bot");
            assertThat(call.parentSpanId()).isEqualTo(CALLER_SPAN);
            assertThat(call.attributes()).containsAllEntriesOf(Map.ofEntries(
                    Map.entry("gen_ai.operation.name", "chat"),
                    Map.entry("gen_ai.provider.name", "openai"),
                    Map.entry("gen_ai.request.model", "support-bot"),
                    Map.entry("gen_ai.response.model", "gpt-4o-mini"),
                    Map.entry("gen_ai.usage.input_tokens", "12"),
                    Map.entry("gen_ai.usage.output_tokens", "5"),
                    Map.entry("http.request.method", "POST"),
                    Map.entry("http.route", "/gateway/openai/v1/chat/completions"),
                    Map.entry("http.response.status_code", "200"),
                    Map.entry("switchboard.endpoint.id", endpointId),
                    Map.entry("switchboard.attempts", "2"),
                    Map.entry("switchboard.stream", "false")));
            // gpt-4o-mini is in the bundled catalog: 12 and 5 tokens at its prices.
            assertThat(Double.parseDouble(call.attribute("switchboard.cost_usd").orElseThrow()))
                    .isCloseTo(12 * 1.5e-7 + 5 * 6e-7, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(call.attributes()).doesNotContainKeys("error.type", "switchboard.caller");

            List<OtlpReceiver.Received> attempts = spans.stream()
                    .filter(s -> s.span().getKind() == Span.SpanKind.SPAN_KIND_CLIENT)
                    .sorted(Comparator.comparing(s -> s.attribute("switchboard.attempt").orElseThrow()))
                    .toList();
            assertThat(attempts).hasSize(2).allSatisfy(attempt -> {
                assertThat(attempt.parentSpanId()).isEqualTo(call.spanId());
                assertThat(attempt.attributes()).containsEntry("server.address", "127.0.0.1")
                        .containsEntry("gen_ai.operation.name", "chat");
            });
            OtlpReceiver.Received failed = attempts.get(0);
            assertThat(failed.name()).isEqualTo("chat primary-model");
            assertThat(failed.attributes()).containsEntry("switchboard.attempt", "1")
                    .containsEntry("gen_ai.provider.name", "custom")
                    .containsEntry("gen_ai.request.model", "primary-model")
                    .containsEntry("http.response.status_code", "500")
                    .containsEntry("server.port", Integer.toString(primary.port()))
                    .containsKey("error.type");
            assertThat(failed.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
            OtlpReceiver.Received served = attempts.get(1);
            assertThat(served.name()).isEqualTo("chat gpt-4o-mini");
            assertThat(served.attributes()).containsEntry("switchboard.attempt", "2")
                    .containsEntry("gen_ai.provider.name", "openai")
                    .containsEntry("http.response.status_code", "200")
                    .doesNotContainKey("error.type");

            // Each provider got the context of the attempt that called it, in the caller's trace.
            assertThat(primary.takeRequest().header("traceparent"))
                    .hasValue("00-" + TRACE_ID + "-" + failed.spanId() + "-01");
            assertThat(fallback.takeRequest().header("traceparent"))
                    .hasValue("00-" + TRACE_ID + "-" + served.spanId() + "-01");
        }
    }

    @Test
    void a_failed_call_ends_its_span_as_an_error() {
        primary.setDefault(Reply.json(400, OpenAiBodies.error("bad", "invalid_request_error", "bad")));
        try (TestGateway gw = TestGateway.start(dir, tracingOn())) {
            endpoint(gw, "support-bot", List.of(definition(gw, "custom", primary.baseUrl(), "primary-model")));

            var response = gw.send("POST", "/gateway/openai/v1/chat/completions", CHAT);
            assertThat(response.status()).isEqualTo(400);

            List<OtlpReceiver.Received> spans = receiver.awaitSpans(2, WAIT);
            OtlpReceiver.Received call = only(spans, Span.SpanKind.SPAN_KIND_SERVER);
            assertThat(call.parentSpanId()).isEmpty();
            assertThat(call.attributes()).containsEntry("http.response.status_code", "400")
                    .containsEntry("switchboard.attempts", "1")
                    .containsKey("error.type");
            assertThat(call.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        }
    }

    @Test
    void the_raw_proxy_sends_the_provider_the_gateways_traceparent_instead_of_the_callers() {
        primary.enqueue(Reply.json(OpenAiBodies.chatCompletion("model-x", "Hello", 1, 1)));
        try (TestGateway gw = TestGateway.start(dir, tracingOn())) {
            endpoint(gw, "raw", List.of(definition(gw, "custom", primary.baseUrl() + "/v1", "model-x")));

            var response = gw.send("POST", "/gateway/proxy/raw/chat/completions", CHAT,
                    Map.of("traceparent", TRACEPARENT, "tracestate", "vendor=caller"));
            assertThat(response.status()).as(response.body()).isEqualTo(200);

            List<OtlpReceiver.Received> spans = receiver.awaitSpans(2, WAIT);
            OtlpReceiver.Received call = only(spans, Span.SpanKind.SPAN_KIND_SERVER);
            OtlpReceiver.Received attempt = only(spans, Span.SpanKind.SPAN_KIND_CLIENT);
            assertThat(call.name()).isEqualTo("chat raw");
            assertThat(call.parentSpanId()).isEqualTo(CALLER_SPAN);
            assertThat(call.attributes()).containsEntry("http.route", "/gateway/proxy/{endpoint}/{+path}");
            Recorded got = primary.takeRequest();
            assertThat(got.headers().get("traceparent")).containsExactly("00-" + TRACE_ID + "-" + attempt.spanId()
                    + "-01");
            // The caller's trace state travels on in the gateway's context, once.
            assertThat(got.headers().get("tracestate")).containsExactly("vendor=caller");
        }
    }

    @Test
    void a_stream_and_an_embedding_are_named_for_their_operation() {
        primary.setDefault(Reply.echoModel());
        fallback.enqueue(Reply.json(OpenAiBodies.embeddings(1, 3)));
        try (TestGateway gw = TestGateway.start(dir, tracingOn())) {
            endpoint(gw, "support-bot", List.of(definition(gw, "custom", primary.baseUrl(), "primary-model")));
            endpoint(gw, "vectors", List.of(definition(gw, "custom", fallback.baseUrl(), "embed-model")));

            assertThat(gw.send("POST", "/gateway/openai/v1/chat/completions", """
                    {"model": "support-bot", "stream": true, "messages": [{"role": "user", "content": "Hi"}]}""")
                    .status()).isEqualTo(200);
            assertThat(gw.send("POST", "/gateway/openai/v1/embeddings", """
                    {"model": "vectors", "input": "Hi"}""").status()).isEqualTo(200);

            List<OtlpReceiver.Received> spans = receiver.awaitSpans(4, WAIT);
            assertThat(spans).extracting(OtlpReceiver.Received::name).containsExactlyInAnyOrder(
                    "chat support-bot", "chat primary-model", "embeddings vectors", "embeddings embed-model");
            OtlpReceiver.Received stream = spans.stream().filter(s -> s.name().equals("chat support-bot"))
                    .findFirst().orElseThrow();
            assertThat(stream.attributes()).containsEntry("switchboard.stream", "true")
                    .containsEntry("http.response.status_code", "200");
            OtlpReceiver.Received embedding = spans.stream().filter(s -> s.name().equals("embeddings vectors"))
                    .findFirst().orElseThrow();
            assertThat(embedding.attributes()).containsEntry("gen_ai.operation.name", "embeddings")
                    .containsEntry("http.route", "/gateway/openai/v1/embeddings");
        }
    }

    @Test
    void with_no_otel_settings_no_span_is_made_and_no_traceparent_is_sent() {
        primary.enqueue(Reply.json(OpenAiBodies.chatCompletion("primary-model", "Hello", 1, 1)));
        try (TestGateway gw = TestGateway.start(dir)) {
            endpoint(gw, "support-bot", List.of(definition(gw, "custom", primary.baseUrl(), "primary-model")));

            var response = gw.send("POST", "/gateway/openai/v1/chat/completions", CHAT,
                    Map.of("traceparent", TRACEPARENT));
            assertThat(response.status()).isEqualTo(200);
            assertThat(primary.takeRequest().header("traceparent")).isEmpty();
        }
    }

    @Test
    void the_sdk_disabled_sends_nothing_even_with_an_endpoint_set() {
        primary.enqueue(Reply.json(OpenAiBodies.chatCompletion("primary-model", "Hello", 1, 1)));
        try (TestGateway gw = TestGateway.start(dir, Map.of("SWITCHBOARD_KEK_PASSPHRASE", TestGateway.PASSPHRASE,
                "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(), "OTEL_SDK_DISABLED", "true"))) {
            endpoint(gw, "support-bot", List.of(definition(gw, "custom", primary.baseUrl(), "primary-model")));

            assertThat(gw.send("POST", "/gateway/openai/v1/chat/completions", CHAT).status()).isEqualTo(200);
            assertThat(primary.takeRequest().header("traceparent")).isEmpty();
        }
        // Closing the gateway would have sent every span left: none came.
        assertThat(receiver.exports()).isZero();
    }

    private static OtlpReceiver.Received only(List<OtlpReceiver.Received> spans, Span.SpanKind kind) {
        List<OtlpReceiver.Received> ofKind = spans.stream().filter(s -> s.span().getKind() == kind).toList();
        assertThat(ofKind).as("spans of kind %s", kind).hasSize(1);
        return ofKind.get(0);
    }

    /** A model definition for {@code model} on {@code provider} at {@code apiBase}; returns its id. */
    private static String definition(TestGateway gw, String provider, String apiBase, String model) {
        String secret = gw.api("POST", "secrets/create", """
                {"secret_name": "key-%s", "secret_value": {"api_key": "sk-test-%s-abcdef"},
                 "provider": "%s", "auth_config": {"api_base": "%s"}}""".formatted(model, model, provider, apiBase))
                .text("/secret/secret_id");
        return gw.api("POST", "model-definitions/create", """
                {"name": "def-%s", "secret_id": "%s", "provider": "%s", "model_name": "%s"}"""
                .formatted(model, secret, provider, model)).text("/model_definition/model_definition_id");
    }

    /** An endpoint whose first definition is its primary and the others its fallbacks, in order; returns its id. */
    private static String endpoint(TestGateway gw, String name, List<String> definitions) {
        StringBuilder configs = new StringBuilder("[");
        for (int i = 0; i < definitions.size(); i++) {
            configs.append(i == 0 ? "" : ", ").append(i == 0
                    ? "{\"model_definition_id\": \"%s\", \"linkage_type\": \"PRIMARY\"}".formatted(definitions.get(i))
                    : "{\"model_definition_id\": \"%s\", \"linkage_type\": \"FALLBACK\", \"fallback_order\": %d}"
                    .formatted(definitions.get(i), i - 1));
        }
        TestGateway.Response endpoint = gw.api("POST", "endpoints/create", """
                {"name": "%s", "model_configs": %s]}""".formatted(name, configs));
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(200);
        return endpoint.text("/endpoint/endpoint_id");
    }
}
