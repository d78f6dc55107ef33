package dev.switchboard.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.provider.Caller;
import dev.switchboard.provider.Timeouts;
import dev.switchboard.provider.UpstreamResponse;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against exact bytes on the wire: framing, keep-alive, retries, limits and timeouts. */
@Timeout(20)
class Http1ClientTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofSeconds(5));
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private final Http1Client client = client();
    private RawServer server;

    @AfterEach
    void close() throws IOException {
        client.close();
        if (server != null) {
            server.close();
        }
    }

    static Http1Client client() {
        try {
            return new Http1Client(Http1Client.SYSTEM_DNS, ProxySelector.of(null),
                    SSLContext.getDefault().getSocketFactory());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void writes_one_request_with_host_length_type_and_agent_and_reuses_the_connection() throws IOException {
        server = new RawServer(peer -> {
            while (peer.readRequest() != null) {
                peer.write(OK);
            }
        });
        assertThat(call("/v1/chat?x=1", Map.of("Authorization", "Bearer k"), "{\"a\":1}")).isEqualTo("200 ok");
        assertThat(call("/v1/chat", Map.of(), "{}")).isEqualTo("200 ok");

        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.requests.get(0)).startsWith("POST /v1/chat?x=1 HTTP/1.1\r\n")
                .contains("\r\nHost: 127.0.0.1:" + server.port() + "\r\n", "\r\nContent-Length: 7\r\n",
                        "\r\nContent-Type: application/json\r\n", "\r\nUser-Agent: Switchboard\r\n",
                        "\r\nAuthorization: Bearer k\r\n")
                .endsWith("\r\n\r\n{\"a\":1}");
    }

    @Test
    void a_content_type_or_user_agent_in_the_headers_replaces_the_default() throws IOException {
        server = new RawServer(peer -> {
            peer.readRequest();
            peer.write(OK);
        });
        call("/", Map.of("content-type", "text/plain", "User-Agent", "mine"), "x");
        assertThat(server.requests.get(0)).contains("\r\ncontent-type: text/plain\r\n", "\r\nUser-Agent: mine\r\n")
                .doesNotContain("application/json", "Switchboard");
    }

    @Test
    void reads_a_chunked_body_with_extensions_and_trailers_and_keeps_the_connection() throws IOException {
        server = new RawServer(peer -> {
            while (peer.readRequest() != null) {
                peer.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5;note=x\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");
            }
        });
        assertThat(call("/", Map.of(), "{}")).isEqualTo("200 hello world");
        assertThat(call("/", Map.of(), "{}")).isEqualTo("200 hello world");
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void a_connection_the_server_closes_is_not_reused() throws IOException {
        server = new RawServer(peer -> {
            peer.readRequest();
            peer.write("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
        });
        call("/", Map.of(), "{}");
        call("/", Map.of(), "{}");
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void reads_a_body_without_length_to_the_end_of_the_connection() throws IOException {
        server = new RawServer(peer -> {
            peer.readRequest();
            peer.write("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
        });
        assertThat(call("/", Map.of(), "{}")).isEqualTo("200 until the end");
        assertThat(call("/", Map.of(), "{}")).isEqualTo("200 until the end");
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void skips_interim_responses_and_reads_headers_without_regard_to_case() throws IOException {
        server = new RawServer(peer -> {
            peer.readRequest();
            peer.write("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 429 Too Many Requests\r\nretry-after: 3\r\n"
                    + "x-long: a\r\n  folded\r\ncontent-length: 2\r\n\r\nno");
        });
        try (UpstreamResponse response = post("/", Map.of(), "{}")) {
            assertThat(response.status()).isEqualTo(429);
            assertThat(response.header("Retry-After")).contains("3");
            assertThat(response.header("X-Long")).contains("a folded");
            assertThat(response.header("Missing")).isEmpty();
            assertThat(response.body().readAllBytes()).asString().isEqualTo("no");
        }
    }

    @Test
    void reports_what_can_be_read_without_waiting_so_a_relay_knows_when_to_flush() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        server = new RawServer(peer -> {
            peer.readRequest();
            peer.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n");
            await(done);
            peer.write("0\r\n\r\n");
        });
        try (UpstreamResponse response = post("/", Map.of(), "{}")) {
            InputStream body = response.body();
            assertThat(body.read()).isEqualTo('a');
            assertThat(body.available()).isEqualTo(2);
            assertThat(body.readNBytes(2)).asString().isEqualTo("bc");
            assertThat(body.available()).as("the next chunk is buffered").isEqualTo(1);
            assertThat(body.readNBytes(2)).asString().isEqualTo("de");
            assertThat(body.available()).as("nothing more has arrived").isZero();
            done.countDown();
            assertThat(body.read()).isEqualTo(-1);
            assertThat(body.available()).isZero();
        }
    }

    @Test
    void retries_on_a_new_connection_when_a_pooled_one_was_closed_by_the_server() throws IOException {
        server = new RawServer(peer -> {
            peer.readRequest();
            peer.write(OK); // keep-alive implied, then the server drops the connection anyway
        });
        assertThat(call("/", Map.of(), "{}")).isEqualTo("200 ok");
        assertThat(call("/", Map.of(), "{}")).isEqualTo("200 ok");
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void a_new_connection_closed_before_any_response_is_an_error_not_a_retry() throws IOException {
        server = new RawServer(peer -> peer.readRequest());
        assertThatThrownBy(() -> call("/", Map.of(), "{}")).isInstanceOf(EOFException.class)
                .hasMessage("The connection was closed before a response");
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void a_body_shorter_than_its_length_fails_and_the_connection_is_dropped() throws IOException {
        server = new RawServer(peer -> {
            peer.readRequest();
            peer.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        });
        try (UpstreamResponse response = post("/", Map.of(), "{}")) {
            assertThatThrownBy(() -> response.body().readAllBytes()).isInstanceOf(EOFException.class)
                    .hasMessage("The provider's response ended after 3 of its 10 bytes");
        }
    }

    @Test
    void refuses_a_header_value_with_a_line_break_without_repeating_it_and_before_connecting() throws IOException {
        server = new RawServer(peer -> peer.readRequest());
        assertThatThrownBy(() -> call("/", Map.of("Authorization", "Bearer sk-secret\r\nX-Evil: 1"), "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Authorization'")
                .hasMessageNotContaining("sk-secret");
        assertThatThrownBy(() -> call("/", Map.of("Bad Name", "v"), "{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Bad Name'");
        assertThat(server.connections()).isZero();
    }

    @Test
    void a_streamed_body_the_server_stops_taking_fails_after_the_idle_timeout() throws IOException {
        CountDownLatch done = new CountDownLatch(1);
        server = new RawServer(peer -> await(done)); // accepts, then reads nothing
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
        try {
            Timeouts quick = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(300));
            StreamedRequest upload = new StreamedRequest("PUT", java.util.List.of(), endless, -1);
            assertThatThrownBy(() -> client.send(server.origin(), "/upload", upload, quick, Caller.none()))
                    .isInstanceOf(SocketTimeoutException.class).hasMessageContaining("took none of the request body");
        } finally {
            done.countDown();
        }
    }

    @Test
    void waits_for_the_response_head_no_longer_than_the_first_byte_timeout() throws IOException {
        CountDownLatch done = new CountDownLatch(1);
        server = new RawServer(peer -> {
            peer.readRequest();
            await(done);
        });
        try {
            Timeouts quick = new Timeouts(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(5));
            assertThatThrownBy(() -> client.post(server.origin(), "/", "application/json", Map.of(), new byte[0], quick, Caller.none()))
                    .isInstanceOf(SocketTimeoutException.class);
        } finally {
            done.countDown();
        }
    }

    @Test
    void a_body_that_stalls_longer_than_the_idle_timeout_fails_as_a_timeout() throws IOException {
        CountDownLatch done = new CountDownLatch(1);
        server = new RawServer(peer -> {
            peer.readRequest();
            peer.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
            await(done);
        });
        try {
            Timeouts quick = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(200));
            try (UpstreamResponse response = client.post(server.origin(), "/", "application/json", Map.of(),
                    new byte[0], quick, Caller.none())) {
                InputStream body = response.body();
                assertThat(body.readNBytes(3)).asString().isEqualTo("abc");
                assertThatThrownBy(body::read).isInstanceOf(SocketTimeoutException.class)
                        .hasMessage("no data from the provider for 200 ms (timeouts.idle_ms)");
            }
        } finally {
            done.countDown();
        }
    }

    /** A server that answers with {@code head} and then one byte of {@code body} every 50 ms. */
    private void dripping(String head, String body, CountDownLatch done) throws IOException {
        server = new RawServer(peer -> {
            peer.readRequest();
            peer.write(head);
            for (char c : body.toCharArray()) {
                peer.write(String.valueOf(c));
                if (awaited(done, 50)) {
                    return;
                }
            }
            await(done);
        });
    }

    private static String readAll(UpstreamResponse response) throws IOException {
        return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void an_answer_dripped_within_the_idle_timeout_is_ended_at_its_total_deadline() throws IOException {
        CountDownLatch done = new CountDownLatch(1);
        dripping("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n", "x".repeat(200),
                done);
        try {
            // Each byte comes well within the idle time-out; the whole would take 10 s.
            Timeouts bounded = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2),
                    Duration.ofMillis(600), Duration.ZERO);
            try (UpstreamResponse response = client.post(server.origin(), "/", "application/json", Map.of(),
                    new byte[0], bounded, Caller.none())) {
                assertThatThrownBy(() -> readAll(response)).isInstanceOf(SocketTimeoutException.class)
                        .hasMessage("the provider's answer was not whole within 600 ms (timeouts.total_ms)");
            }
        } finally {
            done.countDown();
        }
    }

    @Test
    void a_stream_has_no_total_deadline_unless_one_is_set_for_streams() throws IOException {
        String sse = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nContent-Length: 11\r\n\r\n";
        CountDownLatch done = new CountDownLatch(1);
        dripping(sse, "data: 1\n\nxx", done);
        try {
            // The answer bound (200 ms) is for answers that are not streams: the 600 ms drip completes.
            Timeouts answersOnly = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2),
                    Duration.ofMillis(200), Duration.ZERO);
            try (UpstreamResponse response = client.post(server.origin(), "/", "application/json", Map.of(),
                    new byte[0], answersOnly, Caller.none())) {
                assertThat(readAll(response)).isEqualTo("data: 1\n\nxx");
            }
        } finally {
            done.countDown();
        }
        server.close();
        CountDownLatch again = new CountDownLatch(1);
        dripping(sse, "data: 1\n\nxx", again);
        try {
            Timeouts streamsToo = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2),
                    Duration.ofMillis(200), Duration.ofMillis(200));
            try (UpstreamResponse response = client.post(server.origin(), "/", "application/json", Map.of(),
                    new byte[0], streamsToo, Caller.none())) {
                assertThatThrownBy(() -> readAll(response)).isInstanceOf(SocketTimeoutException.class)
                        .hasMessageContaining("timeouts.total_ms");
            }
        } finally {
            again.countDown();
        }
    }

    @Test
    void the_wait_for_the_head_is_cut_to_a_total_deadline_shorter_than_the_first_byte_timeout() throws IOException {
        CountDownLatch done = new CountDownLatch(1);
        server = new RawServer(peer -> {
            peer.readRequest();
            await(done);
        });
        try {
            // With the first-byte time-out (30 s) the class's 20 s time-out would fail the test.
            Timeouts total = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30),
                    Duration.ofMillis(300), Duration.ofMillis(300));
            assertThatThrownBy(() -> client.post(server.origin(), "/", "application/json", Map.of(), new byte[0],
                    total, Caller.none())).isInstanceOf(SocketTimeoutException.class);
        } finally {
            done.countDown();
        }
    }

    @Test
    void closing_the_response_from_another_thread_ends_a_blocked_read_and_drops_the_connection() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        server = new RawServer(peer -> {
            while (peer.readRequest() != null) {
                peer.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
                await(done);
            }
        });
        try {
            UpstreamResponse response = post("/", Map.of(), "{}");
            InputStream body = response.body();
            assertThat(body.readNBytes(3)).asString().isEqualTo("abc");
            CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    body.read(new byte[16]);
                    return null;
                } catch (IOException e) {
                    return e;
                }
            });
            Thread.sleep(100); // let the read block; the assertion holds either way
            response.close();
            assertThat(blocked.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
        } finally {
            done.countDown();
        }
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void reads_a_long_response_head_but_refuses_one_over_the_limit() throws IOException {
        String longValue = "v".repeat(20_000);
        server = new RawServer(peer -> {
            peer.readRequest();
            peer.write("HTTP/1.1 200 OK\r\nX-Big: " + longValue + "\r\nContent-Length: 2\r\n\r\nok");
            peer.readRequest();
            peer.write("HTTP/1.1 200 OK\r\nX-Huge: " + longValue.repeat(4) + "\r\nContent-Length: 2\r\n\r\nok");
        });
        try (UpstreamResponse response = post("/", Map.of(), "{}")) {
            assertThat(response.header("x-big")).contains(longValue);
            assertThat(response.body().readAllBytes()).asString().isEqualTo("ok");
        }
        assertThatThrownBy(() -> call("/", Map.of(), "{}")).isInstanceOf(IOException.class)
                .hasMessage("The response headers are longer than 65536 bytes");
    }

    @Test
    void refuses_a_malformed_status_line_or_chunk_size() throws IOException {
        server = new RawServer(peer -> {
            peer.readRequest();
            peer.write("SMTP ready\r\n\r\n");
        });
        assertThatThrownBy(() -> call("/", Map.of(), "{}")).isInstanceOf(IOException.class)
                .hasMessage("The provider did not answer with HTTP/1.x");
        server.close();
        server = new RawServer(peer -> {
            peer.readRequest();
            peer.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n");
        });
        assertThatThrownBy(() -> call("/", Map.of(), "{}")).isInstanceOf(IOException.class)
                .hasMessage("The provider's chunked response has a malformed chunk size");
    }

    private String call(String target, Map<String, String> headers, String body) throws IOException {
        try (UpstreamResponse response = post(target, headers, body)) {
            return response.status() + " " + new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private UpstreamResponse post(String target, Map<String, String> headers, String body) throws IOException {
        return client.post(server.origin(), target, "application/json", headers,
                body.getBytes(StandardCharsets.UTF_8), TIMEOUTS, Caller.none());
    }

    /** Waits up to {@code millis} for {@code latch}; whether it opened. */
    static boolean awaited(CountDownLatch latch, long millis) {
        try {
            return latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
