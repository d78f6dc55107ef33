package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fault matrix: a provider that misbehaves in each way the network and servers do, behind the
 * HTTP client and the relays, on a route that passes the answer through and one that translates it.
 * A fault before the answer's first byte falls back to the next target, or, with none, is a clear
 * error in the route's format; a fault during a stream ends the caller's stream with an error event,
 * never silently. Every call is answered within half a minute: never a hang.
 */
class FaultMatrixTest {

    private static final Duration NO_HANG = Duration.ofSeconds(30);
    private static final String PASS_THROUGH = "/gateway/openai/v1/chat/completions";
    private static final String TRANSLATED = "/gateway/mlflow/v1/chat/completions";
    private static final String TIMEOUTS = "\"timeouts\": {\"connect_ms\": 1000, \"first_byte_ms\": 1000, \"idle_ms\": 1000, "
            + "\"total_ms\": 3000}";

    @TempDir
    static Path dir;
    static GatewayFixture fixture;
    static FakeUpstream fallback;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    /** Faults before the answer's first byte reaches the caller. */
    enum Early {
        RESET(() -> Reply.raw("").reset(), 502),
        CLOSED_WITHOUT_A_BYTE(Reply::closeConnection, 502),
        NOT_HTTP(() -> Reply.raw("SSH-2.0-OpenSSH_9.6\r\nProtocol mismatch.\r\n"), 502),
        HALF_OPEN(Reply::hang, 504),
        SLOW_FIRST_BYTE(() -> Reply.delayHeaders(Duration.ofSeconds(5), Reply.echoModel()), 504),
        HEADERS_THEN_RESET(() -> Reply.raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n").reset(), 502),
        BODY_SHORTER_THAN_ITS_LENGTH(() -> Reply.raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Content-Length: 500\r\n\r\n{\"id\": \"chatcmpl-1\", \"choices\": ["), 502),
        // The body's bytes come slower than the endpoint's idle time-out (1 s) allows between two reads.
        BODY_DRIPPING(() -> {
            String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n";
            return Reply.raw(head + "{\"id\": \"chatcmpl-1\"}").drip(head.length() + 2, Duration.ofMillis(1500));
        }, 504),
        // Each byte within the idle time-out, but the whole (about 6 s) past the total (3 s).
        BODY_DRIPPING_WITHIN_THE_IDLE_TIMEOUT(() -> {
            String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n";
            return Reply.raw(head + "{\"id\": \"chatcmpl-1\"}").drip(head.length(), Duration.ofMillis(300));
        }, 504),
        BROKEN_CHUNKS(() -> Reply.raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\nnot a chunk\r\n"), 502),
        STREAM_BROKEN_BEFORE_ITS_FIRST_EVENT(() -> Reply.sse(OpenAiBodies.chunks("m", List.of("x"), false))
                .cutAfter(0), 502),
        ERROR_STATUS(() -> Reply.json(503, OpenAiBodies.error("overloaded", "server_error", "overloaded")), 503);

        final Supplier<Reply> reply;
        /** The status a caller gets when no other target can serve. */
        final int alone;

        Early(Supplier<Reply> reply, int alone) {
            this.reply = reply;
            this.alone = alone;
        }
    }

    /** Faults after a stream has begun: the caller has part of the answer already. */
    enum MidStream {
        CUT(() -> stream().cutAfter(2)),
        STALLED(() -> stream().holdAfter(2, new CountDownLatch(1))),
        RESET(() -> Reply.raw("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: "
                + OpenAiBodies.chunks("m", List.of("Hel"), false).get(1) + "\n\n").reset()),
        // The connection ends in good order, but the answer had not: no finish_reason, no [DONE].
        ENDED_WITHOUT_ITS_END(() -> {
            List<String> chunks = OpenAiBodies.chunks("m", List.of("Hel", "lo"), false);
            return Reply.sse(chunks.subList(0, chunks.size() - 1));
        }),
        // Passed through, an event is relayed as the provider sent it; translated, it must be read.
        GARBAGE_EVENT(() -> Reply.sseFrames(List.of("data: " + OpenAiBodies.chunks("m", List.of("Hel"), false).get(1),
                "data: {\"choices\": [{\"delta\": {\"content\": 7}}", "data: [DONE]")), true),
        // Each event within the idle time-out, but the whole stream (about 6 s) past the endpoint's total (3 s).
        PAST_ITS_TOTAL(() -> Reply.sse(OpenAiBodies.chunks("m", java.util.stream.Stream.concat(
                java.util.stream.Stream.of("Hel"), java.util.Collections.nCopies(19, "lo").stream()).toList(), false))
                .withDone().eventDelay(Duration.ofMillis(300))),
        HUGE_EVENT(() -> Reply.sseFrames(List.of("data: " + OpenAiBodies.chunks("m", List.of("Hel"), false).get(1),
                "data: " + "x".repeat(17 * 1024 * 1024), "data: [DONE]")));

        final Supplier<Reply> reply;
        final boolean translatedOnly;

        MidStream(Supplier<Reply> reply) {
            this(reply, false);
        }

        MidStream(Supplier<Reply> reply, boolean translatedOnly) {
            this.reply = reply;
            this.translatedOnly = translatedOnly;
        }

        private static Reply.Sse stream() {
            return Reply.sse(OpenAiBodies.chunks("m", List.of("Hel", "lo", " there"), false)).withDone();
        }
    }

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(dir);
        fallback = fixture.upstream();
        fallback.setDefault(Reply.echoModel());
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    /** An endpoint named {@code name} whose only target (and, if asked, a fallback) sends {@code reply}. */
    private static void endpoint(String name, Reply reply, boolean withFallback) {
        FakeUpstream faulty = fixture.upstream();
        faulty.setDefault(reply);
        String primary = fixture.definition(faulty.baseUrl(), "faulty-model");
        String configs = withFallback ? """
                [{"model_definition_id": "%s"}, {"model_definition_id": "%s", "linkage_type": "FALLBACK"}]"""
                .formatted(primary, fixture.definition(fallback.baseUrl(), "fallback-model"))
                : "[{\"model_definition_id\": \"" + primary + "\"}]";
        fixture.endpoint(name, configs, TIMEOUTS);
    }

    private static String label(String route) {
        return route.equals(PASS_THROUGH) ? "passed" : "translated";
    }

    private static HttpResponse<String> call(String route, String endpoint, boolean stream) {
        String body = """
                {"model": "%s", "stream": %s, "messages": [{"role": "user", "content": "Hi"}]}"""
                .formatted(endpoint, stream);
        HttpRequest request = HttpRequest.newBuilder(fixture.gateway().uri(route)).timeout(NO_HANG)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new AssertionError("no answer within " + NO_HANG.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new AssertionError("the gateway's connection failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Early.class)
    void a_fault_before_the_first_byte_falls_back(Early fault) {
        for (String route : List.of(PASS_THROUGH, TRANSLATED)) {
            for (boolean stream : List.of(false, true)) {
                String name = ("fb-" + fault + "-" + label(route) + "-" + stream).toLowerCase().replace('_', '-');
                endpoint(name, fault.reply.get(), true);
                HttpResponse<String> response = call(route, name, stream);
                assertThat(response.statusCode()).as("%s on %s (stream %s): %s", fault, route, stream, response.body())
                        .isEqualTo(200);
                assertThat(response.body()).contains("model=fallback-model");
                assertThat(response.headers().firstValue("x-switchboard-attempts")).hasValue("2");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Early.class)
    void a_fault_before_the_first_byte_with_no_fallback_is_a_clear_error_in_the_routes_format(Early fault)
            throws IOException {
        for (String route : List.of(PASS_THROUGH, TRANSLATED)) {
            for (boolean stream : List.of(false, true)) {
                String name = ("alone-" + fault + "-" + label(route) + "-" + stream).toLowerCase().replace('_', '-');
                endpoint(name, fault.reply.get(), false);
                HttpResponse<String> response = call(route, name, stream);
                assertThat(response.statusCode()).as("%s on %s (stream %s): %s", fault, route, stream, response.body())
                        .isEqualTo(fault.alone);
                assertThat(JSON.readTree(response.body()).path("error").path("message").asText())
                        .as("the error in OpenAI's shape: %s", response.body()).isNotBlank();
                assertThat(response.headers().firstValue("x-switchboard-target")).hasValue("custom/faulty-model");
            }
        }
    }

    @Test
    void a_tls_handshake_that_fails_falls_back_or_is_a_clear_error() throws IOException {
        // An https api_base on a server that speaks plain HTTP: the handshake cannot complete.
        FakeUpstream plain = fixture.upstream();
        plain.setDefault(Reply.echoModel());
        String https = plain.baseUrl().replace("http://", "https://");
        fixture.endpoint("tls-fallback", """
                [{"model_definition_id": "%s"}, {"model_definition_id": "%s", "linkage_type": "FALLBACK"}]"""
                .formatted(fixture.definition(https, "tls-model"), fixture.definition(fallback.baseUrl(),
                        "fallback-model")), TIMEOUTS);
        fixture.endpoint("tls-alone", "[{\"model_definition_id\": \"" + fixture.definition(https, "tls-model")
                + "\"}]", TIMEOUTS);
        for (String route : List.of(PASS_THROUGH, TRANSLATED)) {
            assertThat(call(route, "tls-fallback", false).body()).contains("model=fallback-model");
            HttpResponse<String> alone = call(route, "tls-alone", false);
            assertThat(alone.statusCode()).isEqualTo(502);
            assertThat(JSON.readTree(alone.body()).path("error").path("message").asText()).isNotBlank();
        }
    }

    @ParameterizedTest
    @EnumSource(MidStream.class)
    void a_fault_during_a_stream_ends_it_with_an_error_event_never_silently(MidStream fault) {
        for (String route : fault.translatedOnly ? List.of(TRANSLATED) : List.of(PASS_THROUGH, TRANSLATED)) {
            String name = ("mid-" + fault + "-" + label(route)).toLowerCase().replace('_', '-');
            endpoint(name, fault.reply.get(), true);
            HttpResponse<String> response = call(route, name, true);
            assertThat(response.statusCode()).as("%s on %s", fault, route).isEqualTo(200);
            String body = response.body();
            assertThat(body).as("%s on %s: the part already sent", fault, route).contains("Hel");
            int error = body.lastIndexOf("data: {\"error\":");
            assertThat(error).as("%s on %s ends with an error event: %s", fault, route, body).isPositive();
            assertThat(body.substring(error)).as("%s on %s: nothing after the error event", fault, route)
                    .doesNotContain("[DONE]").endsWith("\n\n");
        }
    }
}
