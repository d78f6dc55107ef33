package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.OpenAiBodies;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Back-pressure: a caller that stops reading a stream holds the provider back, so the gateway never
 * buffers an unbounded stream for it; and once the caller leaves, the provider call ends.
 */
class SlowCallerTest {

    /** Far more than any buffer on the way may hold: a gateway that did not hold back would take it all. */
    private static final long PROVIDER_WOULD_SEND = 512L * 1024 * 1024;
    /** What the buffers on the way (sockets, the relay's, Netty's high-water mark) hold at most, generously. */
    private static final long HELD_AT_MOST = 48L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void a_caller_that_stops_reading_a_stream_holds_the_provider_back_and_its_leaving_ends_the_call() throws Exception {
        AtomicLong written = new AtomicLong();
        try (ServerSocket provider = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             GatewayFixture fixture = GatewayFixture.start(dir)) {
            Thread streaming = Thread.ofPlatform().daemon().start(() -> streamForever(provider, written));
            fixture.endpoint("chat", fixture.definition("http://127.0.0.1:" + provider.getLocalPort() + "/v1", "m"));
            URI uri = fixture.gateway().uri("/gateway/openai/v1/chat/completions");

            try (Socket caller = new Socket()) {
                caller.setReceiveBufferSize(64 * 1024);
                caller.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
                byte[] body = """
                        {"model": "chat", "stream": true, "messages": [{"role": "user", "content": "Hi"}]}"""
                        .getBytes(StandardCharsets.UTF_8);
                OutputStream out = caller.getOutputStream();
                out.write(("POST " + uri.getPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                readHead(caller.getInputStream());

                long settled = awaitNoProgress(written);
                assertThat(settled).isPositive().isLessThan(HELD_AT_MOST);
            }
            streaming.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(streaming.isAlive()).as("the provider call ends once the caller left").isFalse();
            assertThat(written.get()).isLessThan(PROVIDER_WOULD_SEND);
        }
    }

    /** A provider that answers with an endless stream of large chunks, counting what it could write. */
    private static void streamForever(ServerSocket provider, AtomicLong written) {
        try (Socket socket = provider.accept()) {
            readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String piece = "x".repeat(16 * 1024);
            byte[] event = ("data: " + OpenAiBodies.chunks("m", List.of(piece), false).getFirst() + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
            while (written.get() < PROVIDER_WOULD_SEND) {
                out.write(event);
                written.addAndGet(event.length);
            }
        } catch (IOException e) {
            // the gateway closed the provider's connection: the call ended
        }
    }

    /** Reads a request's or response's head and, for a request, the body its Content-Length declares. */
    private static void readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the end of the head");
            }
            head.append((char) b);
        }
        for (String line : head.toString().split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }
    }

    /** What the provider had written once it stopped making progress (it is held back). */
    private static long awaitNoProgress(AtomicLong written) throws InterruptedException {
        long last = -1;
        int still = 0;
        while (still < 10 && written.get() < PROVIDER_WOULD_SEND) {
            Thread.sleep(200);
            long now = written.get();
            still = now == last ? still + 1 : 0;
            last = now;
        }
        return written.get();
    }
}
