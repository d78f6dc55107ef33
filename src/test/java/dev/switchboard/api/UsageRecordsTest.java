package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testing.AnthropicBodies;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.GeminiBodies;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every call leaves one usage record with the right surface, target, status, tokens and cost at the
 * catalog's prices: unary and streamed, passed through and translated, fallen back, failed and cut
 * off, on the OpenAI, Anthropic, Gemini and MLflow surfaces; an endpoint with usage tracking off
 * leaves none.
 */
class UsageRecordsTest {

    private static final double GPT_4O_MINI_IN = 1.5e-7;
    private static final double GPT_4O_MINI_OUT = 6e-7;
    private static final double HAIKU_IN = 8e-7;
    private static final double HAIKU_OUT = 4e-6;
    private static final double FLASH_IN = 1e-7;
    private static final double FLASH_OUT = 4e-7;

    @TempDir
    static Path dir;
    static GatewayFixture fixture;
    static FakeUpstream openai;
    static FakeUpstream anthropic;
    static FakeUpstream gemini;
    static FakeUpstream broken;
    static String gptId;
    static String haikuId;
    static String flashId;
    static String fallbackId;
    static String untrackedId;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(dir);
        openai = fixture.upstream();
        anthropic = fixture.upstream();
        gemini = fixture.upstream();
        broken = fixture.upstream();
        String gpt = fixture.definition("openai", openai.baseUrl(), "gpt-4o-mini");
        gptId = fixture.endpoint("gpt", gpt);
        haikuId = fixture.endpoint("haiku", fixture.definition("anthropic", anthropic.baseUrl(),
                "claude-3-5-haiku-20241022"));
        flashId = fixture.endpoint("flash", fixture.definition("gemini", gemini.baseUrl(), "gemini-2.0-flash"));
        String primary = fixture.definition(broken.baseUrl(), "flaky");
        fallbackId = fixture.endpoint("with-fallback", """
                [{"model_definition_id": "%s", "linkage_type": "PRIMARY", "weight": 1},
                 {"model_definition_id": "%s", "linkage_type": "FALLBACK", "fallback_order": 1}]"""
                .formatted(primary, gpt), "\"fallback_config\": {\"strategy\": \"SEQUENTIAL\", \"max_attempts\": 1}");
        untrackedId = fixture.endpoint("untracked", "[{\"model_definition_id\": \"" + gpt + "\"}]",
                "\"usage_tracking\": false");
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void an_openai_call_passed_through_is_recorded_with_its_tokens_and_cost() {
        openai.enqueue(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", "hi", 1000, 500)));
        HttpResponse<String> answer = post("/gateway/openai/v1/chat/completions", chat("gpt", false));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        JsonNode call = lastCall(gptId);
        assertThat(call.path("surface").asText()).isEqualTo("openai");
        assertThat(call.path("route").asText()).isEqualTo("/gateway/openai/v1/chat/completions");
        assertThat(call.path("endpoint_name").asText()).isEqualTo("gpt");
        assertThat(call.path("provider").asText()).isEqualTo("openai");
        assertThat(call.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(call.path("caller_kind").asText()).isEqualTo("none");
        assertThat(call.path("status").asInt()).isEqualTo(200);
        assertThat(call.path("error_class").isNull()).isTrue();
        assertThat(call.path("stream").asBoolean()).isFalse();
        assertThat(call.path("attempts").asInt()).isEqualTo(1);
        assertThat(call.path("fell_back").asBoolean()).isFalse();
        assertThat(call.path("input_tokens").asLong()).isEqualTo(1000);
        assertThat(call.path("output_tokens").asLong()).isEqualTo(500);
        assertThat(call.path("cost_usd").asDouble()).isCloseTo(1000 * GPT_4O_MINI_IN + 500 * GPT_4O_MINI_OUT,
                within(1e-12));
        assertThat(call.path("price").path("input").asDouble()).isEqualTo(GPT_4O_MINI_IN);
        assertThat(call.path("price").path("output").asDouble()).isEqualTo(GPT_4O_MINI_OUT);
        assertThat(call.path("price").path("reasoning").isNull()).isTrue();
        double duration = call.path("duration_ms").asDouble();
        assertThat(call.path("ttft_ms").asDouble()).isPositive().isLessThanOrEqualTo(duration);
        assertThat(call.path("overhead_ms").asDouble()).isLessThanOrEqualTo(duration);
        assertThat(fixture.gateway().send("GET", "/metrics", null).body())
                .containsPattern("switchboard_cost_usd_total\\{endpoint=\"gpt\",model=\"gpt-4o-mini\",provider=\"openai\"} [0-9.E-]+")
                .containsPattern("switchboard_time_to_first_byte_seconds_bucket\\{endpoint=\"gpt\",le=\"[0-9.]+\"}")
                .contains("switchboard_upstream_responses_total{provider=\"openai\",status=\"200\"}");
    }

    @Test
    void an_openai_stream_passed_through_counts_the_usage_the_gateway_asked_for() {
        openai.enqueue(Reply.sse(OpenAiBodies.chunks("gpt-4o-mini", List.of("a", "b", "c"), true)).withDone());
        String stream = post("/gateway/openai/v1/chat/completions", chat("gpt", true)).body();
        assertThat(stream).endsWith("data: [DONE]\n\n").doesNotContain("\"prompt_tokens\"");

        JsonNode call = lastCall(gptId);
        assertThat(call.path("stream").asBoolean()).isTrue();
        assertThat(call.path("stream_failed").asBoolean()).isFalse();
        assertThat(call.path("input_tokens").asLong()).isEqualTo(10);
        assertThat(call.path("output_tokens").asLong()).isEqualTo(3);
        assertThat(call.path("cost_usd").asDouble()).isCloseTo(10 * GPT_4O_MINI_IN + 3 * GPT_4O_MINI_OUT,
                within(1e-12));
        assertThat(call.path("ttft_ms").asDouble()).isLessThanOrEqualTo(call.path("duration_ms").asDouble());
    }

    @Test
    void an_openai_call_translated_for_anthropic_is_priced_at_anthropics_rates() {
        anthropic.enqueue(Reply.json(AnthropicBodies.message("claude-3-5-haiku-20241022", "hi", 100, 20)));
        assertThat(post("/gateway/openai/v1/chat/completions", chat("haiku", false)).statusCode()).isEqualTo(200);

        JsonNode call = lastCall(haikuId);
        assertThat(call.path("surface").asText()).isEqualTo("openai");
        assertThat(call.path("provider").asText()).isEqualTo("anthropic");
        assertThat(call.path("input_tokens").asLong()).isEqualTo(100);
        assertThat(call.path("output_tokens").asLong()).isEqualTo(20);
        assertThat(call.path("cost_usd").asDouble()).isCloseTo(100 * HAIKU_IN + 20 * HAIKU_OUT, within(1e-12));
    }

    @Test
    void an_anthropic_stream_passed_through_is_recorded_with_its_tokens() {
        anthropic.enqueue(Reply.sseFrames(AnthropicBodies.stream("claude-3-5-haiku-20241022", List.of("Hel", "lo"))));
        String stream = post("/gateway/anthropic/v1/messages", """
                {"model": "haiku", "max_tokens": 64, "stream": true,
                 "messages": [{"role": "user", "content": "Hi"}]}""").body();
        assertThat(stream).contains("message_stop");

        JsonNode call = lastCall(haikuId);
        assertThat(call.path("surface").asText()).isEqualTo("anthropic");
        assertThat(call.path("stream").asBoolean()).isTrue();
        assertThat(call.path("input_tokens").asLong()).isEqualTo(25);
        assertThat(call.path("output_tokens").asLong()).isEqualTo(15);
        assertThat(call.path("cost_usd").asDouble()).isCloseTo(25 * HAIKU_IN + 15 * HAIKU_OUT, within(1e-12));
    }

    @Test
    void gemini_calls_unary_and_streamed_are_recorded_on_the_gemini_surface() {
        gemini.enqueue(Reply.json(GeminiBodies.response("hi", 8, 4)));
        assertThat(post("/gateway/gemini/v1beta/models/flash:generateContent", gemini()).statusCode()).isEqualTo(200);
        JsonNode unary = lastCall(flashId);
        assertThat(unary.path("surface").asText()).isEqualTo("gemini");
        assertThat(unary.path("stream").asBoolean()).isFalse();
        assertThat(unary.path("cost_usd").asDouble()).isCloseTo(8 * FLASH_IN + 4 * FLASH_OUT, within(1e-12));

        gemini.enqueue(Reply.sse(GeminiBodies.stream(List.of("a", "b"))));
        post("/gateway/gemini/v1beta/models/flash:streamGenerateContent?alt=sse", gemini());
        JsonNode streamed = lastCall(flashId);
        assertThat(streamed.path("stream").asBoolean()).isTrue();
        assertThat(streamed.path("input_tokens").asLong()).isEqualTo(8);
        assertThat(streamed.path("output_tokens").asLong()).isEqualTo(2);
    }

    @Test
    void an_mlflow_invocation_is_recorded_on_the_mlflow_surface() {
        openai.enqueue(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", "hi", 7, 3)));
        assertThat(post("/gateway/gpt/mlflow/invocations", "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}")
                .statusCode()).isEqualTo(200);

        JsonNode call = lastCall(gptId);
        assertThat(call.path("surface").asText()).isEqualTo("mlflow");
        assertThat(call.path("input_tokens").asLong()).isEqualTo(7);
    }

    @Test
    void a_call_that_fell_back_is_recorded_against_the_target_that_served_it() {
        broken.enqueue(Reply.json(503, OpenAiBodies.error("overloaded", "server_error", "overloaded")));
        openai.enqueue(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", "hi", 5, 5)));
        assertThat(post("/gateway/openai/v1/chat/completions", chat("with-fallback", false)).statusCode())
                .isEqualTo(200);

        JsonNode call = lastCall(fallbackId);
        assertThat(fixture.gateway().send("GET", "/metrics", null).body())
                .contains("switchboard_upstream_responses_total{provider=\"custom\",status=\"503\"} 1.0")
                .containsPattern("switchboard_fallbacks_total\\{endpoint=\"with-fallback\"} 1.0");
        assertThat(call.path("attempts").asInt()).isEqualTo(2);
        assertThat(call.path("fell_back").asBoolean()).isTrue();
        assertThat(call.path("provider").asText()).isEqualTo("openai");
        assertThat(call.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(call.path("status").asInt()).isEqualTo(200);
    }

    @Test
    void a_failed_call_is_recorded_with_its_status_error_class_and_target_and_costs_nothing() {
        openai.enqueue(Reply.json(400, OpenAiBodies.error("bad messages", "invalid_request_error", "bad")));
        assertThat(post("/gateway/openai/v1/chat/completions", chat("gpt", false)).statusCode()).isEqualTo(400);

        JsonNode call = lastCall(gptId);
        assertThat(call.path("status").asInt()).isEqualTo(400);
        assertThat(call.path("error_class").asText()).isEqualTo("upstream");
        assertThat(call.path("error_message").asText()).contains("bad messages");
        assertThat(call.path("provider").asText()).isEqualTo("openai");
        assertThat(call.path("input_tokens").asLong()).isZero();
        assertThat(call.path("cost_usd").asDouble()).isZero();
    }

    @Test
    void a_stream_cut_off_after_it_started_is_recorded_as_failed() {
        openai.enqueue(Reply.sse(OpenAiBodies.chunks("gpt-4o-mini", List.of("a", "b", "c"), true)).cutAfter(2));
        String stream = post("/gateway/openai/v1/chat/completions", chat("gpt", true)).body();
        assertThat(stream).contains("\"error\"");

        JsonNode call = lastCall(gptId);
        assertThat(call.path("status").asInt()).isEqualTo(200);
        assertThat(call.path("stream_failed").asBoolean()).isTrue();
        assertThat(call.path("error_class").asText()).isEqualTo("stream_interrupted");
    }

    @Test
    void an_endpoint_with_usage_tracking_off_is_counted_in_the_metrics_but_not_recorded() {
        openai.enqueue(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", "hi", 3, 3)));
        assertThat(post("/gateway/openai/v1/chat/completions", chat("untracked", false)).statusCode()).isEqualTo(200);
        // The metrics count the call in the same step that would queue its record.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!fixture.gateway().send("GET", "/metrics", null).body().contains("endpoint=\"untracked\"")) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.onSpinWait();
        }
        flush();

        assertThat(fixture.gateway().api("GET", "usage/calls?endpoint_id=" + untrackedId).json().path("calls"))
                .isEmpty();
    }

    /**
     * The newest call of an endpoint, once one more than last time is recorded: a call's record is
     * made after its answer is out, so the caller may look a moment before it is queued.
     */
    private static JsonNode lastCall(String endpointId) {
        int expected = SEEN.merge(endpointId, 1, Integer::sum);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            flush();
            JsonNode calls = fixture.gateway().api("GET", "usage/calls?limit=500&endpoint_id=" + endpointId).json()
                    .path("calls");
            if (calls.size() >= expected || System.nanoTime() > deadline) {
                assertThat(calls).hasSize(expected);
                return calls.get(0);
            }
            Thread.onSpinWait();
        }
    }

    private static final java.util.Map<String, Integer> SEEN = new java.util.concurrent.ConcurrentHashMap<>();

    static void flush() {
        assertThat(fixture.gateway().gateway().usage().flush(Duration.ofSeconds(10))).isTrue();
    }

    private static HttpResponse<String> post(String path, String body) {
        return fixture.exchange("POST", path, body);
    }

    private static String chat(String model, boolean stream) {
        return "{\"model\": \"" + model + "\", \"stream\": " + stream
                + ", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}";
    }

    private static String gemini() {
        return "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"Hi\"}]}]}";
    }
}
