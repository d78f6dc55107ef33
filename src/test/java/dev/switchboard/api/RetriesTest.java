package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retries on the same target ({@code retry_config}), against real fake upstreams: what is tried again
 * and what is not, the provider's {@code retry-after} waited for, a longer one not waited for, and
 * then the fallbacks.
 */
class RetriesTest {

    private static final String CHAT = """
            {"model": "%s", "messages": [{"role": "user", "content": "Hi"}]}""";

    @TempDir
    Path dir;
    GatewayFixture fixture;
    FakeUpstream primary;
    /** When each request reached the primary, in nanoseconds. */
    final List<Long> arrivals = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        fixture = GatewayFixture.start(dir);
        primary = fixture.upstream();
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    /** The primary answers its n-th request (from 1) with {@code reply.apply(n)}, noting when it came. */
    private void primaryAnswers(IntFunction<Reply> reply) {
        AtomicInteger count = new AtomicInteger();
        primary.setDefault(Reply.respond(request -> {
            arrivals.add(System.nanoTime());
            return reply.apply(count.incrementAndGet());
        }));
    }

    private static Reply tooMany(String retryAfter) {
        return Reply.json(429, OpenAiBodies.error("slow down", "rate_limit_error", "rate_limited"))
                .header("retry-after", retryAfter);
    }

    private static Reply status(int status) {
        return Reply.json(status, OpenAiBodies.error("failed " + status, "server_error", "server_error"));
    }

    private HttpResponse<String> chat(String endpoint) {
        return fixture.exchange("POST", "/gateway/openai/v1/chat/completions", CHAT.formatted(endpoint));
    }

    private long millisBetweenArrivals(int first, int second) {
        return (arrivals.get(second) - arrivals.get(first)) / 1_000_000;
    }

    @Test
    void waits_as_long_as_the_provider_asks_then_tries_the_same_target_again() {
        primaryAnswers(n -> n == 1 ? tooMany("1") : Reply.echoModel());
        String id = fixture.endpoint("chat", fixture.definition(primary.baseUrl(), "primary-model"));
        fixture.update("""
                {"endpoint_id": "%s", "retry_config": {"max_retries": 2, "initial_backoff_ms": 10}}""".formatted(id));

        HttpResponse<String> response = chat("chat");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("model=primary-model");
        assertThat(response.headers().firstValue("x-switchboard-attempts")).hasValue("2");
        assertThat(arrivals).hasSize(2);
        // retry-after: 1 was honoured, not the 10 ms backoff.
        assertThat(millisBetweenArrivals(0, 1)).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void backs_off_exponentially_on_failures_that_may_pass_and_counts_every_attempt() {
        primaryAnswers(n -> n <= 2 ? status(n == 1 ? 503 : 529) : Reply.echoModel());
        fixture.endpoint("chat", "[{\"model_definition_id\": \"%s\"}]"
                .formatted(fixture.definition(primary.baseUrl(), "primary-model")),
                "\"retry_config\": {\"max_retries\": 3, \"initial_backoff_ms\": 200, \"max_backoff_ms\": 1000}");

        HttpResponse<String> response = chat("chat");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-switchboard-attempts")).hasValue("3");
        assertThat(arrivals).hasSize(3);
        // Equal jitter: at least half of 200 ms, then at least half of 400 ms.
        assertThat(millisBetweenArrivals(0, 1)).isGreaterThanOrEqualTo(100);
        assertThat(millisBetweenArrivals(1, 2)).isGreaterThanOrEqualTo(200);
    }

    @Test
    void a_longer_retry_after_than_the_endpoint_allows_goes_to_the_fallback_at_once() {
        primaryAnswers(n -> tooMany("30"));
        FakeUpstream fallback = fixture.upstream();
        fallback.setDefault(Reply.echoModel());
        fixture.endpoint("chat", """
                [{"model_definition_id": "%s"},
                 {"model_definition_id": "%s", "linkage_type": "FALLBACK"}]"""
                .formatted(fixture.definition(primary.baseUrl(), "primary-model"),
                        fixture.definition(fallback.baseUrl(), "fallback-model")),
                "\"retry_config\": {\"max_retries\": 3, \"max_backoff_ms\": 2000}");

        HttpResponse<String> response = chat("chat");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("model=fallback-model");
        assertThat(primary.requestCount()).isEqualTo(1);
    }

    @Test
    void retries_used_up_move_on_to_the_fallback_and_the_error_names_every_attempt() {
        primaryAnswers(n -> status(500));
        fixture.endpoint("chat", "[{\"model_definition_id\": \"%s\"}]"
                .formatted(fixture.definition(primary.baseUrl(), "primary-model")),
                "\"retry_config\": {\"max_retries\": 2, \"initial_backoff_ms\": 1, \"max_backoff_ms\": 5}");

        HttpResponse<String> response = chat("chat");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(primary.requestCount()).isEqualTo(3);
        assertThat(response.body()).contains("All 3 attempts for endpoint 'chat' failed")
                .contains("1) custom/primary-model: HTTP 500").contains("3) custom/primary-model: HTTP 500");
    }

    @Test
    void a_client_error_is_never_tried_again() {
        primaryAnswers(n -> status(400));
        fixture.endpoint("chat", "[{\"model_definition_id\": \"%s\"}]"
                .formatted(fixture.definition(primary.baseUrl(), "primary-model")),
                "\"retry_config\": {\"max_retries\": 5, \"initial_backoff_ms\": 1}");

        assertThat(chat("chat").statusCode()).isEqualTo(400);
        assertThat(primary.requestCount()).isEqualTo(1);
    }

    @Test
    void a_stream_that_fails_before_its_first_event_is_tried_again() {
        primaryAnswers(n -> n == 1 ? status(503)
                : Reply.sse(OpenAiBodies.chunks("primary-model", List.of("again"), false)).withDone());
        fixture.endpoint("chat", "[{\"model_definition_id\": \"%s\"}]"
                .formatted(fixture.definition(primary.baseUrl(), "primary-model")),
                "\"retry_config\": {\"max_retries\": 1, \"initial_backoff_ms\": 1}");

        TestGateway.Response response = fixture.gateway().send("POST", "/gateway/openai/v1/chat/completions", """
                {"model": "chat", "stream": true, "messages": [{"role": "user", "content": "Hi"}]}""");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("again").endsWith("data: [DONE]\n\n");
        assertThat(primary.requestCount()).isEqualTo(2);
    }

    @Test
    void half_the_calls_refused_with_retry_after_and_a_fallback_means_no_caller_sees_an_error() {
        primaryAnswers(n -> n % 2 == 0 ? tooMany("1") : Reply.echoModel());
        FakeUpstream fallback = fixture.upstream();
        fallback.setDefault(Reply.echoModel());
        fixture.endpoint("chat", """
                [{"model_definition_id": "%s"},
                 {"model_definition_id": "%s", "linkage_type": "FALLBACK"}]"""
                .formatted(fixture.definition(primary.baseUrl(), "primary-model"),
                        fixture.definition(fallback.baseUrl(), "fallback-model")), "");

        int errors = 0;
        for (int i = 0; i < 40; i++) {
            if (chat("chat").statusCode() != 200) {
                errors++;
            }
        }

        assertThat(errors).isZero();
        assertThat(primary.requestCount()).isEqualTo(40);
        assertThat(fallback.requestCount()).isEqualTo(20);
    }
}
