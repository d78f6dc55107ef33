package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Streams are relayed as they arrive, and failures after the start become one error event. */
class StreamingTest {

    private static final String STREAM = """
            {"model": "%s", "stream": true, "messages": [{"role": "user", "content": "Hi"}]}""";

    @TempDir
    static Path dir;
    static GatewayFixture fixture;
    static FakeUpstream upstream;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(dir);
        upstream = fixture.upstream();
        String definition = fixture.definition(upstream.baseUrl(), "m");
        fixture.endpoint("chat", definition);
        fixture.endpoint("impatient", "[{\"model_definition_id\": \"" + definition + "\"}]",
                "\"timeouts\": {\"idle_ms\": 300}");
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    /** Reads the remaining data lines: "second" among them, and [DONE] last. */
    private static void assertTheRestEndsWithSecondAndDone(BufferedReader reader) throws Exception {
        List<String> rest = new ArrayList<>();
        String line;
        while ((line = nextData(reader)) != null) {
            rest.add(line);
        }
        assertThat(String.join("\n", rest)).contains("second");
        assertThat(rest.getLast()).isEqualTo("data: [DONE]");
    }

    private HttpResponse<java.io.InputStream> open(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(fixture.gateway().uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Reads lines until one starting with "data:" arrives. */
    private static String nextData(BufferedReader reader) throws Exception {
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("data:")) {
                return line;
            }
        }
        return null;
    }

    @Test
    void the_first_chunk_reaches_the_caller_while_the_provider_still_holds_the_rest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        upstream.enqueue(Reply.sse(OpenAiBodies.chunks("m", List.of("first", "second"), false)).withDone()
                .holdAfter(2, release));

        var response = open("/gateway/openai/v1/chat/completions", STREAM.formatted("chat"));
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("text/event-stream"));
            assertThat(nextData(reader)).contains("\"role\"");
            assertThat(nextData(reader)).contains("first");
            release.countDown();
            assertTheRestEndsWithSecondAndDone(reader);
        }
    }

    @Test
    @Timeout(20)
    void a_translated_stream_also_sends_what_arrived_while_the_provider_holds_the_rest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        upstream.enqueue(Reply.sse(OpenAiBodies.chunks("m", List.of("first", "second"), false)).withDone()
                .holdAfter(2, release));

        var response = open("/gateway/chat/mlflow/invocations",
                "{\"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String seen = "";
            while (!seen.contains("first")) {
                String line = nextData(reader);
                assertThat(line).as("an event before the provider is released").isNotNull();
                seen += line;
            }
            release.countDown();
            assertTheRestEndsWithSecondAndDone(reader);
        }
    }

    @Test
    void a_stream_cut_after_it_started_ends_with_one_error_event() throws Exception {
        upstream.enqueue(Reply.sse(OpenAiBodies.chunks("m", List.of("partial", "never"), false)).withDone()
                .cutAfter(2));

        var response = fixture.gateway().send("POST", "/gateway/openai/v1/chat/completions", STREAM.formatted("chat"));

        assertThat(response.status()).isEqualTo(200);
        List<String> events = response.body().lines().filter(l -> l.startsWith("data:")).toList();
        assertThat(events.get(1)).contains("partial");
        assertThat(events.getLast()).startsWith("data: {\"error\"");
        assertThat(events).doesNotContain("data: [DONE]");
    }

    /** OpenAI's SDKs raise an {@code error} object mid-stream; a second error after it would break the grammar. */
    @Test
    void a_providers_error_event_mid_stream_is_relayed_as_the_one_error_event() throws Exception {
        List<String> chunks = new ArrayList<>(OpenAiBodies.chunks("m", List.of("partial", "never"), false).subList(0, 2));
        chunks.add(OpenAiBodies.error("The server had an error while processing your request", "server_error", null));
        upstream.enqueue(Reply.sse(chunks));

        var response = fixture.gateway().send("POST", "/gateway/openai/v1/chat/completions", STREAM.formatted("chat"));

        assertThat(response.status()).isEqualTo(200);
        List<String> events = response.body().lines().filter(l -> l.startsWith("data:")).toList();
        assertThat(events.get(1)).contains("partial");
        assertThat(events.stream().filter(e -> e.startsWith("data: {\"error\"")).toList()).singleElement()
                .satisfies(error -> assertThat(error).contains("The server had an error while processing your request"));
        assertThat(events.getLast()).startsWith("data: {\"error\"");
    }

    @Test
    void a_translated_stream_cut_after_it_started_ends_with_one_error_event_too() throws Exception {
        upstream.enqueue(Reply.sse(OpenAiBodies.chunks("m", List.of("partial", "never"), false)).withDone()
                .cutAfter(2));

        var response = fixture.gateway().send("POST", "/gateway/chat/mlflow/invocations",
                "{\"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");

        assertThat(response.status()).isEqualTo(200);
        List<String> events = response.body().lines().filter(l -> l.startsWith("data:")).toList();
        assertThat(String.join("\n", events)).contains("partial");
        assertThat(events.getLast()).startsWith("data: {\"error\"");
    }

    @Test
    void a_caller_that_hangs_up_cancels_the_upstream_call() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            pieces.add("piece " + i + " ");
        }
        upstream.enqueue(Reply.sse(OpenAiBodies.chunks("m", pieces, false)).withDone().holdAfter(2, release));
        int before = upstream.requestCount();

        var response = open("/gateway/openai/v1/chat/completions", STREAM.formatted("chat"));
        var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertThat(nextData(reader)).isNotNull();
        reader.close();
        release.countDown();

        // The gateway notices at its next write, closes the upstream connection and serves the next call normally.
        upstream.enqueue(Reply.echoModel());
        var next = fixture.gateway().send("POST", "/gateway/openai/v1/chat/completions",
                STREAM.formatted("chat").replace("\"stream\": true, ", ""));
        assertThat(next.status()).isEqualTo(200);
        assertThat(upstream.requestCount()).isEqualTo(before + 2);
    }

    @Test
    void a_stream_idle_longer_than_the_endpoints_idle_timeout_ends_with_a_timeout_event() throws Exception {
        upstream.enqueue(Reply.sse(OpenAiBodies.chunks("m", List.of("early", "late"), false)).withDone()
                .eventDelay(java.time.Duration.ofSeconds(3)));

        var response = fixture.gateway().send("POST", "/gateway/openai/v1/chat/completions",
                STREAM.formatted("impatient"));

        List<String> events = response.body().lines().filter(l -> l.startsWith("data:")).toList();
        assertThat(response.status()).isEqualTo(200);
        assertThat(events.getLast()).startsWith("data: {\"error\"").contains("Timed out");
        assertThat(String.join("", events)).doesNotContain("late");
    }
}
