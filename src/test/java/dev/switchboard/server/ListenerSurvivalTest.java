package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.TestGateway;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway in its own process with few file descriptors ({@code ulimit -n}) or a small heap,
 * attacked with connections that send their requests slowly or never: it must keep its port open
 * and serve normal calls once the attack ends.
 */
class ListenerSurvivalTest {

    private static final Pattern LISTENING = Pattern.compile("Switchboard listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;
    private Process gateway;
    private final List<String> output = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        if (gateway != null) {
            gateway.destroy();
            if (!gateway.waitFor(10, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
    }

    /** Starts {@code switchboard serve} on a free port in a shell with {@code ulimit -n descriptors}. */
    private int start(int descriptors, String heap, Map<String, String> env) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "ulimit -n " + descriptors + " && exec \"$0\" \"$@\"",
                java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), "dev.switchboard.Main", "serve",
                "--host", "127.0.0.1", "--port", "0", "--db", dir.resolve("gateway.db").toString());
        builder.environment().put("SWITCHBOARD_KEK_PASSPHRASE", TestGateway.PASSPHRASE);
        builder.environment().put("SWITCHBOARD_AUTH", "off"); // on loopback; the listener is what is tested
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        gateway = builder.start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(gateway.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            port.completeExceptionally(new AssertionError("The gateway did not start: " + output));
        });
        return port.get(60, TimeUnit.SECONDS);
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
        assertThat(output).noneMatch(line -> line.contains("terminating now") || line.contains("stopped unexpectedly"));
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
            throw new AssertionError(e.getMessage() + "; the gateway wrote:\n" + String.join("\n", output), e);
        }
        assertThat(output).anyMatch(line -> line.contains("stopped unexpectedly"));
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
        assertThat(output).noneMatch(line -> line.contains("OutOfMemoryError"));
    }
}
