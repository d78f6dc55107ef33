package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graceful stop: /health says DRAINING, new calls get 503 in their format, a call in flight
 * finishes, and a stream still running when the drain's time is up ends with an error event that
 * says why.
 */
class DrainTest {

    @TempDir
    Path dir;

    @Test
    void stopping_finishes_calls_in_flight_refuses_new_ones_and_ends_a_stream_that_outlasts_it() throws Exception {
        GatewayFixture fixture = GatewayFixture.start(dir, Map.of("SWITCHBOARD_DRAIN_TIMEOUT", "3s"));
        FakeUpstream streaming = fixture.upstream();
        FakeUpstream slow = fixture.upstream();
        CountDownLatch never = new CountDownLatch(1);
        streaming.setDefault(Reply.sse(OpenAiBodies.chunks("stream-model", List.of("one", "two", "three"), false))
                .withDone().holdAfter(2, never));
        slow.setDefault(Reply.delayHeaders(Duration.ofMillis(1500), Reply.echoModel()));
        fixture.endpoint("streamed", fixture.definition(streaming.baseUrl(), "stream-model"));
        fixture.endpoint("slow", fixture.definition(slow.baseUrl(), "slow-model"));
        HttpClient http = HttpClient.newHttpClient();

        CompletableFuture<HttpResponse<String>> stream = http.sendAsync(post(fixture, """
                {"model": "streamed", "stream": true, "messages": [{"role": "user", "content": "Hi"}]}"""),
                HttpResponse.BodyHandlers.ofString());
        streaming.awaitRequests(1, Duration.ofSeconds(30));
        CompletableFuture<HttpResponse<String>> unary = http.sendAsync(post(fixture, """
                {"model": "slow", "messages": [{"role": "user", "content": "Hi"}]}"""),
                HttpResponse.BodyHandlers.ofString());
        slow.awaitRequests(1, Duration.ofSeconds(30));

        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            try {
                fixture.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitHealth(fixture, 503);
        assertThat(fixture.gateway().send("GET", "/health", null).body()).isEqualTo("{\"status\":\"DRAINING\"}");

        HttpResponse<String> refused = fixture.exchange("POST", "/gateway/openai/v1/chat/completions", """
                {"model": "slow", "messages": [{"role": "user", "content": "Hi"}]}""");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("\"error\"").contains("The gateway is shutting down");
        assertThat(refused.headers().firstValue("connection")).hasValue("close");

        HttpResponse<String> finished = unary.get(30, TimeUnit.SECONDS);
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(finished.body()).contains("model=slow-model");

        HttpResponse<String> ended = stream.get(30, TimeUnit.SECONDS);
        assertThat(ended.statusCode()).isEqualTo(200);
        assertThat(ended.body()).contains("one").doesNotContain("two")
                .contains("The gateway is shutting down: the call was ended after 3 s of draining");
        closing.get(30, TimeUnit.SECONDS);
        never.countDown();
    }

    private static HttpRequest post(GatewayFixture fixture, String body) {
        return HttpRequest.newBuilder(fixture.gateway().uri("/gateway/openai/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Polls /health (up to half a minute) until it answers {@code status}. */
    private static void awaitHealth(GatewayFixture fixture, int status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (fixture.gateway().send("GET", "/health", null).status() != status) {
            assertThat(System.nanoTime()).as("/health never answered " + status).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
