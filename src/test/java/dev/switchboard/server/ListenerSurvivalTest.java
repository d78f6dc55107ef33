package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.GatewayProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway in its own process with few file descriptors ({@code ulimit -n}) or a small heap,
 * attacked with connections that send their requests slowly or never: it must keep its port open
 * and serve normal calls once the attack ends.
 */
class ListenerSurvivalTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;
    private GatewayProcess gateway;

    @AfterEach
    void stop() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** Starts {@code switchboard serve} on a free port with {@code ulimit -n descriptors}. */
    private int start(int descriptors, String heap, Map<String, String> env) throws IOException {
        gateway = GatewayProcess.on(dir.resolve("gateway.db")).descriptors(descriptors).heap(heap).env(env).start();
        return gateway.port();
    }

    /** Opens connections that send half a request head and wait; as many as the process lets the test open. */
    private static List<RawHttp> slowRequests(int port, int count) {
        List<RawHttp> opened = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                opened.add(new RawHttp(port).send("POST /gateway/openai/v1/chat/completions HTTP/1.1\r\nHost: x\r\n"));
            } catch (IOException e) {
                break;
            }
        }
        return opened;
    }

    private static void closeAll(List<RawHttp> connections) {
        for (RawHttp raw : connections) {
            try {
                raw.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    private static int health(int port) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Polls /health until it answers 200, failing if {@code within} passes first. */
    private static void healthyWithin(int port, Duration within) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < within.toNanos()) {
            if (health(port) == 200) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("/health did not answer within " + within);
    }

    @Test
    void two_thousand_slow_requests_with_1024_descriptors_leave_the_listener_serving() throws Exception {
        int port = start(1024, "256m", Map.of());

        List<RawHttp> attack = slowRequests(port, 2000);
        closeAll(attack);

        // The listener never stopped (no restart was needed), so it serves as soon as the machine lets
        // it; how soon is a speed, measured outside the unit tests (about a second on an idle
        // 2-core machine), so only a generous bound is asserted here.
        healthyWithin(port, Duration.ofSeconds(10));
        assertThat(gateway.output()).noneMatch(line -> line.contains("terminating now") || line.contains("stopped unexpectedly"));
    }

    @Test
    void a_listener_that_dies_for_want_of_descriptors_is_started_again() throws Exception {
        // A connection cap above what the process may open lets accepting fail, which ends Helidon's listener.
        int port = start(256, "256m", Map.of("SWITCHBOARD_MAX_CONNECTIONS", "5000", "SWITCHBOARD_HEADER_TIMEOUT", "1s"));

        List<RawHttp> attack = slowRequests(port, 600);
        Thread.sleep(300);
        closeAll(attack);

        try {
            healthyWithin(port, Duration.ofSeconds(20));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the gateway wrote:\n" + String.join("\n", gateway.output()), e);
        }
        assertThat(gateway.output()).anyMatch(line -> line.contains("stopped unexpectedly"));
    }

    @Test
    void fourteen_declared_32_mib_bodies_that_never_arrive_take_no_memory_from_real_calls() throws Exception {
        int port = start(1024, "96m", Map.of());
        List<RawHttp> declared = new ArrayList<>();
        try {
            for (int i = 0; i < 14; i++) {
                declared.add(new RawHttp(port).send("POST /gateway/openai/v1/chat/completions HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 33554432\r\n\r\n{"));
            }
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/3.0/mlflow/gateway/endpoints/list"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            }
        } finally {
            closeAll(declared);
        }
        assertThat(gateway.output()).noneMatch(line -> line.contains("OutOfMemoryError"));
    }
}
