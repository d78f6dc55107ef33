package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import dev.switchboard.testing.OpenAiBodies;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What a hostile or unlucky client did to the gateway, each reproduced over a real socket. */
class HardeningTest {

    private static final String CHAT = "/gateway/openai/v1/chat/completions";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;
    private TestGateway gateway;
    private FakeUpstream upstream;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private TestGateway start(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("SWITCHBOARD_KEK_PASSPHRASE", TestGateway.PASSPHRASE);
        gateway = TestGateway.start(dir, all);
        return gateway;
    }

    /** An endpoint {@code name} whose one target is model {@code model} at {@code apiBase}. */
    private void endpoint(String name, String apiBase, String model) {
        String secret = gateway.api("POST", "secrets/create", """
                {"secret_name": "key-%s", "secret_value": {"api_key": "sk-test-%s-abcdef"},
                 "provider": "custom", "auth_config": {"api_base": "%s"}}""".formatted(name, name, apiBase))
                .text("/secret/secret_id");
        String definition = gateway.api("POST", "model-definitions/create", """
                {"name": "def-%s", "secret_id": "%s", "provider": "custom", "model_name": "%s"}"""
                .formatted(name, secret, model)).text("/model_definition/model_definition_id");
        assertThat(gateway.api("POST", "endpoints/create", """
                {"name": "%s", "model_configs": [{"model_definition_id": "%s"}]}""".formatted(name, definition))
                .status()).isEqualTo(200);
    }

    private static String chat(String model, boolean stream) {
        return "{\"model\": \"" + model + "\", \"stream\": " + stream
                + ", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int port() {
        return gateway.gateway().port();
    }

    @Test
    void an_endpoint_whose_key_points_back_at_the_gateway_is_refused_as_a_loop_at_the_first_hop() throws Exception {
        start(Map.of());
        endpoint("selfie", "http://127.0.0.1:" + port() + "/gateway/openai/v1", "selfie");

        HttpResponse<String> answer = post(CHAT, chat("selfie", false));

        assertThat(answer.statusCode()).isEqualTo(508);
        assertThat(answer.body()).contains("\"error\"").contains("already passed through this gateway");
    }

    @Test
    void upstream_requests_carry_the_callers_via_entries_and_this_gateways_own() throws Exception {
        start(Map.of());
        upstream = FakeUpstream.start();
        upstream.setDefault(Reply.echoModel());
        endpoint("chat", upstream.baseUrl(), "m");

        assertThat(post(CHAT, chat("chat", false), "Via", "1.1 edge-proxy").statusCode()).isEqualTo(200);

        Recorded sent = upstream.takeRequest();
        assertThat(sent.header("Via").orElseThrow()).matches("1\\.1 edge-proxy, 1\\.1 switchboard-[0-9a-f]{12}");
    }

    @Test
    void a_request_that_passed_through_too_many_gateways_is_refused() throws Exception {
        start(Map.of("SWITCHBOARD_MAX_HOPS", "3"));
        upstream = FakeUpstream.start();
        upstream.setDefault(Reply.echoModel());
        endpoint("chat", upstream.baseUrl(), "m");

        HttpResponse<String> answer = post(CHAT, chat("chat", false), "Via", "1.1 a, 1.1 b", "Via", "1.1 c");

        assertThat(answer.statusCode()).isEqualTo(508);
        assertThat(answer.body()).contains("SWITCHBOARD_MAX_HOPS");
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void a_caller_that_hangs_up_during_a_unary_call_aborts_the_provider_call() throws Exception {
        assertProviderCallAborted(chatRequest(false));
    }

    @Test
    void a_caller_that_hangs_up_before_a_stream_starts_aborts_the_provider_call() throws Exception {
        assertProviderCallAborted(chatRequest(true));
    }

    @Test
    void a_caller_that_hangs_up_during_a_proxied_call_aborts_the_provider_call() throws Exception {
        assertProviderCallAborted("GET /gateway/proxy/slow/files?limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    }

    private static String chatRequest(boolean stream) {
        String body = chat("slow", stream);
        return "POST " + CHAT + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    /** Sends {@code request} (to endpoint {@code slow}), hangs up, and checks the provider call ends soon after. */
    private void assertProviderCallAborted(String request) throws Exception {
        start(Map.of());
        try (ServerSocket provider = new ServerSocket()) {
            provider.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            // A provider that reads the request and never answers, noting when the gateway hangs up on it.
            CompletableFuture<Long> abortedAt = CompletableFuture.supplyAsync(() -> {
                try (Socket call = provider.accept()) {
                    InputStream in = call.getInputStream();
                    byte[] buffer = new byte[8192];
                    while (in.read(buffer) >= 0) {
                        // the request, then nothing until the gateway closes the connection
                    }
                    return System.nanoTime();
                } catch (IOException e) {
                    return System.nanoTime();
                }
            });
            endpoint("slow", "http://127.0.0.1:" + provider.getLocalPort() + "/v1", "m");
            long hungUp;
            try (RawHttp caller = new RawHttp(port())) {
                caller.send(request);
                Thread.sleep(300);
                hungUp = System.nanoTime();
            }
            long aborted = abortedAt.get(10, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(aborted - hungUp)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void request_lines_too_long_to_serve_get_a_414_in_the_routes_format_whatever_their_length() throws Exception {
        start(Map.of());
        for (int length : new int[] {20 * 1024, 60 * 1024}) {
            try (RawHttp raw = new RawHttp(port())) {
                raw.send("POST " + CHAT + "?q=" + "a".repeat(length) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Length: 2\r\n\r\n{}");
                RawHttp.Response answer = raw.response();
                assertThat(answer.status()).as("a %d-byte request line", length).isEqualTo(414);
                assertThat(answer.body()).startsWith("{\"error\":{").contains("request line is longer");
            }
        }
        for (int length : new int[] {100 * 1024, 1024 * 1024}) {
            try (RawHttp raw = new RawHttp(port())) {
                raw.send("GET /api/3.0/mlflow/gateway/endpoints/list?q=" + "a".repeat(length) + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\n\r\n");
                RawHttp.Response answer = raw.response();
                assertThat(answer.status()).as("a %d-byte request line", length).isEqualTo(414);
                assertThat(answer.body()).contains("\"error_code\"").contains("request line is longer");
            }
        }
    }

    @Test
    void headers_over_the_limit_get_a_400_in_the_routes_format_and_no_warning() throws Exception {
        start(Map.of());
        ListAppender<ILoggingEvent> log = capture();
        try (RawHttp raw = new RawHttp(port())) {
            raw.send("POST " + CHAT + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "b".repeat(20 * 1024)
                    + "\r\nContent-Length: 2\r\n\r\n{}");
            RawHttp.Response answer = raw.response();
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).startsWith("{\"error\":{").contains("over 16 KiB");
        } finally {
            release(log);
        }
        assertThat(warnings(log)).isEmpty();
    }

    /** Captures log lines, Helidon's too: its java.util.logging records go through SLF4J, as {@code Main} sets up. */
    private static ListAppender<ILoggingEvent> capture() {
        if (!org.slf4j.bridge.SLF4JBridgeHandler.isInstalled()) {
            org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
            org.slf4j.bridge.SLF4JBridgeHandler.install();
        }
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
        return log;
    }

    private static void release(ListAppender<ILoggingEvent> log) {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    }

    private static java.util.List<String> warnings(ListAppender<ILoggingEvent> log) {
        return log.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void a_refused_malformed_url_closes_the_connection_when_the_caller_asked_for_it() throws Exception {
        start(Map.of());
        try (RawHttp raw = new RawHttp(port())) {
            raw.send("GET /gateway/openai/v1/models?%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertThat(raw.response().status()).isEqualTo(400);
            assertThat(raw.closedWithin(2000)).isTrue();
        }
    }

    @Test
    void a_body_that_stops_arriving_gets_a_408_in_the_routes_format() throws Exception {
        start(Map.of("SWITCHBOARD_BODY_TIMEOUT", "1s"));
        try (RawHttp raw = new RawHttp(port())) {
            raw.send("POST " + CHAT + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"model\":");
            RawHttp.Response answer = raw.response();
            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.body()).startsWith("{\"error\":{").contains("SWITCHBOARD_BODY_TIMEOUT");
            assertThat(raw.closedWithin(2000)).isTrue();
        }
    }

    @Test
    void a_proxied_upload_that_stops_arriving_gets_a_408_and_the_provider_call_ends() throws Exception {
        start(Map.of("SWITCHBOARD_BODY_TIMEOUT", "1s"));
        try (ServerSocket provider = new ServerSocket()) {
            provider.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            // A provider that takes what comes of the upload, noting when the gateway closes the call.
            CompletableFuture<Boolean> ended = CompletableFuture.supplyAsync(() -> {
                try (Socket call = provider.accept()) {
                    InputStream in = call.getInputStream();
                    byte[] buffer = new byte[8192];
                    while (in.read(buffer) >= 0) {
                        // the head and the first bytes of the body, then nothing until the gateway closes
                    }
                    return true;
                } catch (IOException e) {
                    return true;
                }
            });
            endpoint("slow", "http://127.0.0.1:" + provider.getLocalPort() + "/v1", "m");
            try (RawHttp raw = new RawHttp(port())) {
                raw.send("POST /gateway/proxy/slow/files HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/octet-stream\r\nContent-Length: 1000\r\n\r\nabc");
                RawHttp.Response answer = raw.response();
                assertThat(answer.status()).isEqualTo(408);
                assertThat(answer.body()).contains("\"error\"");
                assertThat(raw.closedWithin(2000)).isTrue();
            }
            assertThat(ended.get(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void a_connection_that_sends_no_complete_head_is_closed_after_the_header_timeout() throws Exception {
        start(Map.of("SWITCHBOARD_HEADER_TIMEOUT", "1s"));
        try (RawHttp raw = new RawHttp(port())) {
            raw.send("POST " + CHAT + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            assertThat(raw.closedWithin(4000)).isTrue();
        }
    }

    @Test
    void an_idle_kept_alive_connection_is_closed_after_the_idle_timeout() throws Exception {
        start(Map.of("SWITCHBOARD_IDLE_TIMEOUT", "1s"));
        try (RawHttp raw = new RawHttp(port())) {
            raw.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(raw.response().status()).isEqualTo(200);
            raw.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(raw.response().status()).as("kept alive between quick requests").isEqualTo(200);
            assertThat(raw.closedWithin(4000)).isTrue();
        }
    }

    @Test
    void bodies_beyond_the_shared_memory_budget_get_a_503_and_declared_lengths_reserve_nothing() throws Exception {
        start(Map.of("SWITCHBOARD_MAX_BODY_MEMORY", "512k"));
        upstream = FakeUpstream.start();
        upstream.setDefault(Reply.echoModel());
        endpoint("chat", upstream.baseUrl(), "m");
        // Fourteen connections that declare 32 MiB bodies and send none hold only what arrived.
        java.util.List<RawHttp> declared = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 14; i++) {
                declared.add(new RawHttp(port()).send("POST " + CHAT + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 33554432\r\n\r\n{"));
            }
            assertThat(post(CHAT, chat("chat", false)).statusCode()).isEqualTo(200);
            // A body larger than what is left of the budget is refused while the others wait.
            HttpResponse<String> big = post(CHAT, chat("chat", false).replace("hi", "x".repeat(600 * 1024)));
            assertThat(big.statusCode()).isEqualTo(503);
            assertThat(big.body()).startsWith("{\"error\":{").contains("SWITCHBOARD_MAX_BODY_MEMORY");
        } finally {
            for (RawHttp raw : declared) {
                raw.close();
            }
        }
        assertThat(post(CHAT, chat("chat", false)).statusCode()).isEqualTo(200);
    }

    @Test
    void a_caller_that_leaves_in_the_middle_of_its_headers_leaves_no_warning_in_the_log() throws Exception {
        start(Map.of());
        ListAppender<ILoggingEvent> log = capture();
        try {
            for (int i = 0; i < 20; i++) {
                try (RawHttp raw = new RawHttp(port())) {
                    raw.send("POST " + CHAT + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty");
                }
            }
            // A normal request after them shows the server has dealt with every one.
            assertThat(CLIENT.send(HttpRequest.newBuilder(gateway.uri("/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            Thread.sleep(200);
        } finally {
            release(log);
        }
        assertThat(warnings(log)).isEmpty();
    }
}
