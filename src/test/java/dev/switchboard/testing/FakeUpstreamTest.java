package dev.switchboard.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each behaviour of the fake, proved with the JDK client; the timeout turns a broken hold into a failure, not a hang. */
@Timeout(30)
class FakeUpstreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeUpstream upstream = FakeUpstream.start();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void close() {
        upstream.close();
        client.close();
    }

    @Test
    void answers_with_the_scripted_json_and_records_the_request() throws Exception {
        upstream.enqueue(Reply.json(429, OpenAiBodies.error("slow down", "rate_limit_error", "rate_limited"))
                .header("Retry-After", "3"));

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/v1/chat/completions?trace=1"))
                .header("Authorization", "Bearer sk-test")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\"}")).build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).contains("3");
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("rate_limited");
        Recorded request = upstream.takeRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions?trace=1");
        assertThat(request.header("AUTHORIZATION")).contains("Bearer sk-test");
        assertThat(request.headers().get("content-type")).containsExactly("application/json");
        assertThat(request.bodyText()).isEqualTo("{\"model\":\"gpt-4o\"}");
        assertThat(request.bodyJson().path("model").asText()).isEqualTo("gpt-4o");
    }

    @Test
    void serves_queued_replies_in_order_then_the_default() throws Exception {
        upstream.enqueue(Reply.json("{\"n\":1}"));
        upstream.enqueue(Reply.json(503, "{\"n\":2}"));

        assertThat(get("/a")).extracting(HttpResponse::statusCode, HttpResponse::body).containsExactly(200, "{\"n\":1}");
        assertThat(get("/b")).extracting(HttpResponse::statusCode, HttpResponse::body).containsExactly(503, "{\"n\":2}");
        HttpResponse<String> unscripted = get("/c");
        assertThat(unscripted.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(unscripted.body()).path("error").path("message").asText()).isEqualTo("no reply scripted");
        upstream.setDefault(Reply.json("{\"n\":\"default\"}"));
        assertThat(get("/d").body()).isEqualTo("{\"n\":\"default\"}");
        assertThat(upstream.requestCount()).isEqualTo(4);
        assertThat(upstream.received()).extracting(Recorded::path).containsExactly("/a", "/b", "/c", "/d");
    }

    @Test
    void a_reply_queued_for_a_path_prefix_goes_to_that_path_first() throws Exception {
        upstream.enqueue(Reply.json("{\"general\":true}"));
        upstream.enqueue("/v1/embeddings", Reply.json(OpenAiBodies.embeddings(2, 3)));

        assertThat(JSON.readTree(get("/v1/embeddings").body()).path("data")).hasSize(2);
        assertThat(get("/v1/chat/completions").body()).isEqualTo("{\"general\":true}");
    }

    @Test
    void streams_each_event_as_written_while_holding_the_rest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> chunks = OpenAiBodies.chunks("gpt-4o", List.of("Hel", "lo"), true);
        upstream.enqueue(Reply.sse(chunks).withDone().holdAfter(1, release));

        HttpResponse<InputStream> response = client.send(post("/v1/chat/completions", "{}"), BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("content-type")).contains("text/event-stream");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("data: " + chunks.get(0));
            assertThat(lines.readLine()).isEmpty();
            assertThat(release.getCount()).as("the rest is still held upstream").isEqualTo(1);

            release.countDown();
            List<String> rest = lines.lines().filter(line -> !line.isEmpty()).toList();
            assertThat(rest).containsExactly("data: " + chunks.get(1), "data: " + chunks.get(2),
                    "data: " + chunks.get(3), "data: " + chunks.get(4), "data: [DONE]");
        }
    }

    @Test
    void a_stream_cut_after_n_events_ends_in_an_io_error_on_the_client() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> chunks = OpenAiBodies.chunks("gpt-4o", List.of("a", "b", "c"), false);
        upstream.enqueue(Reply.sse(chunks).withDone().holdAfter(2, release).cutAfter(2));

        HttpResponse<InputStream> response = client.send(post("/v1/chat/completions", "{}"), BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), UTF_8))) {
            assertThat(List.of(lines.readLine(), lines.readLine(), lines.readLine(), lines.readLine()))
                    .containsExactly("data: " + chunks.get(0), "", "data: " + chunks.get(1), "");
            release.countDown();
            assertThatThrownBy(() -> {
                while (lines.readLine() != null) {
                    // a clean end of stream would leave this loop and fail the assertion
                }
            }).isInstanceOf(IOException.class);
        }
    }

    @Test
    void delayed_headers_arrive_no_sooner_than_the_delay() throws Exception {
        upstream.enqueue(Reply.delayHeaders(Duration.ofMillis(400), Reply.json("{}")));

        long start = System.nanoTime();
        HttpResponse<String> response = get("/slow");
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(350);
    }

    @Test
    void closing_the_connection_without_answering_gives_an_io_error() {
        upstream.enqueue(Reply.closeConnection());

        assertThatThrownBy(() -> client.send(post("/v1/chat/completions", "{}"), BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        assertThat(upstream.takeRequest().path()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void a_hung_request_is_never_answered() {
        upstream.enqueue(Reply.hang());

        HttpRequest request = HttpRequest.newBuilder(uri("/hang")).timeout(Duration.ofMillis(300)).build();
        assertThatThrownBy(() -> client.send(request, BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
        assertThat(upstream.requestCount()).isEqualTo(1);
    }

    @Test
    void close_releases_hung_and_held_requests() {
        upstream.enqueue("/hang", Reply.hang());
        upstream.enqueue("/held", Reply.sse(List.of("one", "two")).holdAfter(1, new CountDownLatch(1)));
        CompletableFuture<HttpResponse<String>> hung = client.sendAsync(post("/hang", "{}"), BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> held = client.sendAsync(post("/held", "{}"), BodyHandlers.ofString());
        upstream.awaitRequests(2, Duration.ofSeconds(10));

        upstream.close();

        for (CompletableFuture<HttpResponse<String>> call : List.of(hung, held)) {
            assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
        }
    }

    @Test
    void the_refused_port_refuses_connections() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + FakeUpstream.refusedPort() + "/")).build();

        assertThatThrownBy(() -> client.send(request, BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
    }

    @Test
    void echo_model_answers_with_the_model_it_was_asked_for() throws Exception {
        upstream.setDefault(Reply.echoModel());

        JsonNode completion = JSON.readTree(client.send(post("/v1/chat/completions",
                "{\"model\":\"gpt-a\",\"messages\":[]}"), BodyHandlers.ofString()).body());
        String stream = client.send(post("/v1/chat/completions", "{\"model\":\"gpt-b\",\"stream\":true}"),
                BodyHandlers.ofString()).body();

        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.path("choices").path(0).path("message").path("content").asText()).isEqualTo("model=gpt-a");
        assertThat(stream).contains("\"content\":\"model=gpt-b\"").endsWith("data: [DONE]\n\n");
    }

    @Test
    void serves_many_requests_at_once_and_records_them_all() {
        upstream.enqueue("/hang", Reply.hang());
        upstream.setDefault(Reply.echoModel());
        client.sendAsync(post("/hang", "{}"), BodyHandlers.discarding());

        List<CompletableFuture<String>> calls = IntStream.range(0, 50)
                .mapToObj(i -> client.sendAsync(post("/v1/chat/completions", "{\"model\":\"m" + i + "\"}"),
                        BodyHandlers.ofString()).thenApply(HttpResponse::body))
                .toList();

        List<String> texts = calls.stream().map(CompletableFuture::join)
                .map(body -> readTree(body).path("choices").path(0).path("message").path("content").asText())
                .toList();
        assertThat(texts).containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> "model=m" + i).toList());
        assertThat(upstream.awaitRequests(51, Duration.ofSeconds(10)))
                .extracting(request -> request.bodyJson().path("model").asText())
                .hasSize(51).containsAll(IntStream.range(0, 50).mapToObj(i -> "m" + i).toList());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), BodyHandlers.ofString());
    }

    private HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private URI uri(String path) {
        return URI.create(upstream.baseUrl() + path);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(json, e);
        }
    }
}
