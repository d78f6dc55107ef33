package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usage API over calls made with authentication on: who made each call (a user, a gateway key),
 * totals, series and breakdowns that add up to the calls, MLflow's usage metrics in its shape, the
 * newest calls page by page, the CSV export, what a user who may read one endpoint sees, and bad
 * parameters answered in MLflow's error shape.
 */
class UsageApiTest {

    private static final String ALICE_PASSWORD = "alice's password, long enough";
    private static final double IN = 1.5e-7;
    private static final double OUT = 6e-7;

    @TempDir
    static Path dir;
    static TestGateway gateway;
    static FakeUpstream openai;
    static String mainId;
    static String sideId;
    static String aliceKey;

    @BeforeAll
    static void start() {
        gateway = TestGateway.withAuth(dir);
        openai = FakeUpstream.start();
        mainId = endpoint("main");
        sideId = endpoint("side");
        admin("POST", "/api/2.0/mlflow/users/create", "{\"username\": \"alice\", \"password\": \"" + ALICE_PASSWORD + "\"}");
        for (String id : List.of(mainId, sideId)) {
            admin("POST", TestGateway.API + "endpoints/permissions/create",
                    "{\"endpoint_id\": \"" + id + "\", \"username\": \"alice\", \"permission\": \"USE\"}");
        }
        aliceKey = call(TestGateway.basic("alice", ALICE_PASSWORD), "POST", TestGateway.API + "gateway-keys/create",
                "{\"name\": \"ci\"}").path("key").asText();

        // main: 3 calls by the admin's password, 2 with alice's key (one failing); side: 1 by alice.
        for (int i = 0; i < 3; i++) {
            chat("main", TestGateway.basic("admin", TestGateway.ADMIN_PASSWORD), 200, 100, 10);
        }
        chat("main", Map.of("Authorization", "Bearer " + aliceKey), 200, 100, 10);
        chat("main", Map.of("Authorization", "Bearer " + aliceKey), 429, 0, 0);
        chat("side", TestGateway.basic("alice", ALICE_PASSWORD), 200, 1000, 100);
        awaitCalls(6);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        openai.close();
    }

    @Test
    void each_call_names_who_made_it() {
        JsonNode calls = admin("GET", TestGateway.API + "usage/calls?endpoint_id=" + mainId, null).path("calls");
        assertThat(calls).hasSize(5);
        List<String> callers = new ArrayList<>();
        calls.forEach(c -> callers.add(c.path("caller_kind").asText() + ":" + c.path("caller_name").asText()));
        assertThat(callers).containsExactlyInAnyOrder("user:admin", "user:admin", "user:admin", "key:alice (key ci)",
                "key:alice (key ci)");
        JsonNode failed = calls.get(0);
        assertThat(failed.path("status").asInt()).isEqualTo(429);
        assertThat(failed.path("caller_id").asText()).isNotBlank().doesNotContain(aliceKey);
    }

    @Test
    void the_summary_adds_up_the_calls_and_breaks_them_down() {
        JsonNode summary = admin("GET", TestGateway.API + "usage/summary?group_by=endpoint", null);
        JsonNode totals = summary.path("totals");
        assertThat(totals.path("requests").asLong()).isEqualTo(6);
        assertThat(totals.path("errors").asLong()).isEqualTo(1);
        assertThat(totals.path("input_tokens").asLong()).isEqualTo(4 * 100 + 1000);
        assertThat(totals.path("output_tokens").asLong()).isEqualTo(4 * 10 + 100);
        assertThat(totals.path("cost_usd").asDouble()).isCloseTo(1400 * IN + 140 * OUT, within(1e-12));
        assertThat(totals.path("latency_p50_ms").asDouble()).isPositive();
        assertThat(totals.path("ttft_p50_ms").asDouble()).isPositive();
        assertThat(summary.path("bucket_size").asLong()).isEqualTo(3600);
        long seriesRequests = 0;
        for (JsonNode point : summary.path("series")) {
            seriesRequests += point.path("requests").asLong();
        }
        assertThat(seriesRequests).isEqualTo(6);

        JsonNode groups = summary.path("groups");
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).path("label").asText()).isEqualTo("side");   // costliest first
        assertThat(groups.get(0).path("key").asText()).isEqualTo(sideId);
        assertThat(groups.get(1).path("requests").asLong()).isEqualTo(5);
        assertThat(groups.get(1).path("series")).isNotEmpty();

        JsonNode byCaller = admin("GET", TestGateway.API + "usage/summary?group_by=caller&status=success", null);
        List<String> callers = new ArrayList<>();
        byCaller.path("groups").forEach(g -> callers.add(g.path("label").asText() + "=" + g.path("requests").asLong()));
        assertThat(callers).containsExactlyInAnyOrder("admin=3", "alice (key ci)=1", "alice=1");
    }

    @Test
    void raw_calls_and_hourly_rollups_give_the_same_totals() {
        long now = System.currentTimeMillis();
        JsonNode minutes = admin("GET", TestGateway.API + "usage/summary?bucket_size=60&start_time=" + (now - 3_600_000)
                + "&end_time=" + (now + 60_000), null).path("totals");
        JsonNode hours = admin("GET", TestGateway.API + "usage/summary?bucket_size=3600&start_time=" + (now - 3_600_000)
                + "&end_time=" + (now + 60_000), null).path("totals");
        for (String figure : List.of("requests", "errors", "input_tokens", "output_tokens")) {
            assertThat(minutes.path(figure).asLong()).as(figure).isEqualTo(hours.path(figure).asLong());
        }
        assertThat(minutes.path("cost_usd").asDouble()).isCloseTo(hours.path("cost_usd").asDouble(), within(1e-12));
        assertThat(minutes.path("latency_p90_ms").asDouble()).isEqualTo(hours.path("latency_p90_ms").asDouble());
    }

    @Test
    void mlflows_usage_metrics_are_in_its_shape() {
        JsonNode metrics = admin("GET", TestGateway.API + "usage/metrics?endpoint_id=" + mainId + "&bucket_size=3600",
                null).path("metrics");
        assertThat(metrics).hasSize(1);
        JsonNode bucket = metrics.get(0);
        assertThat(bucket.path("time_bucket").asLong() % 3_600_000).isZero();
        assertThat(bucket.path("endpoint_id").asText()).isEqualTo(mainId);
        assertThat(bucket.path("total_invocations").asLong()).isEqualTo(5);
        assertThat(bucket.path("successful_invocations").asLong()).isEqualTo(4);
        assertThat(bucket.path("failed_invocations").asLong()).isEqualTo(1);
        assertThat(bucket.path("error_rate").asDouble()).isEqualTo(0.2);
        assertThat(bucket.path("total_prompt_tokens").asLong()).isEqualTo(400);
        assertThat(bucket.path("total_completion_tokens").asLong()).isEqualTo(40);
        assertThat(bucket.path("total_tokens").asLong()).isEqualTo(440);
        assertThat(bucket.path("total_cost").asDouble()).isCloseTo(400 * IN + 40 * OUT, within(1e-12));
        assertThat(bucket.has("p99_latency_ms")).isTrue();
    }

    @Test
    void calls_come_newest_first_page_by_page() {
        JsonNode first = admin("GET", TestGateway.API + "usage/calls?limit=4", null);
        assertThat(first.path("calls")).hasSizeLessThanOrEqualTo(4);
        long cursor = first.path("next_before").asLong();
        JsonNode second = admin("GET", TestGateway.API + "usage/calls?limit=4&before=" + cursor, null);
        List<String> ids = new ArrayList<>();
        first.path("calls").forEach(c -> ids.add(c.path("id").asText()));
        second.path("calls").forEach(c -> ids.add(c.path("id").asText()));
        assertThat(ids).hasSize(6).doesNotHaveDuplicates();
        assertThat(second.path("next_before").isNull()).isTrue();
    }

    @Test
    void the_export_is_csv_with_a_line_per_call() {
        HttpResponse<String> csv = gateway.sendRaw("GET", TestGateway.API + "usage/export?endpoint_id=" + sideId, null,
                TestGateway.basic("admin", TestGateway.ADMIN_PASSWORD));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
                .isEqualTo("attachment; filename=\"switchboard-usage.csv\"");
        String[] lines = csv.body().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("id,time,endpoint_id,endpoint_name,").contains(",cost_usd,price_input,");
        assertThat(lines[1]).contains(",side,openai,").contains(",alice,200,").contains(",1000,100,");
    }

    @Test
    void a_user_sees_only_the_usage_of_endpoints_they_may_read() {
        Map<String, String> alice = TestGateway.basic("alice", ALICE_PASSWORD);
        admin("DELETE", TestGateway.API + "endpoints/permissions/delete",
                "{\"endpoint_id\": \"" + mainId + "\", \"username\": \"alice\"}");
        try {
            JsonNode totals = call(alice, "GET", TestGateway.API + "usage/summary", null).path("totals");
            assertThat(totals.path("requests").asLong()).isEqualTo(1);
            assertThat(call(alice, "GET", TestGateway.API + "usage/calls?endpoint_id=" + mainId, null).path("calls"))
                    .isEmpty();
        } finally {
            admin("POST", TestGateway.API + "endpoints/permissions/create",
                    "{\"endpoint_id\": \"" + mainId + "\", \"username\": \"alice\", \"permission\": \"USE\"}");
        }
    }

    @Test
    void bad_parameters_are_refused_in_mlflows_error_shape() {
        Map<String, String> admin = TestGateway.basic("admin", TestGateway.ADMIN_PASSWORD);
        for (String query : List.of("usage/summary?group_by=colour", "usage/summary?status=maybe",
                "usage/summary?bucket_size=1", "usage/metrics?start_time=10&end_time=5", "usage/calls?limit=0",
                "usage/summary?start_time=0&end_time=1800000000000&bucket_size=60")) {
            TestGateway.Response answer = gateway.send("GET", TestGateway.API + query, null, admin);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.json().path("error_code").asText()).as(query).isEqualTo("INVALID_PARAMETER_VALUE");
        }
        assertThat(gateway.send("GET", TestGateway.API + "usage/summary", null).status()).isEqualTo(401);
    }

    // ---- set-up ----

    private static void chat(String endpoint, Map<String, String> credentials, int status, int in, int out) {
        openai.enqueue(status == 200 ? Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", "hi", in, out))
                : Reply.json(status, OpenAiBodies.error("slow down", "rate_limit_error", "rate_limited")));
        TestGateway.Response answer = gateway.send("POST", "/gateway/openai/v1/chat/completions",
                "{\"model\": \"" + endpoint + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}",
                credentials);
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    }

    /** Records are made after the answer is out: waits until the gateway holds {@code n}. */
    private static void awaitCalls(int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            gateway.gateway().usage().flush(Duration.ofSeconds(5));
            int held = admin("GET", TestGateway.API + "usage/calls?limit=500", null).path("calls").size();
            if (held >= n || System.nanoTime() > deadline) {
                assertThat(held).isEqualTo(n);
                return;
            }
            Thread.onSpinWait();
        }
    }

    private static String endpoint(String name) {
        String secret = admin("POST", TestGateway.API + "secrets/create", """
                {"secret_name": "key-%s", "secret_value": {"api_key": "sk-provider-%s"},
                 "provider": "openai", "auth_config": {"api_base": "%s"}}""".formatted(name, name, openai.baseUrl()))
                .at("/secret/secret_id").asText();
        String definition = admin("POST", TestGateway.API + "model-definitions/create", """
                {"name": "def-%s", "secret_id": "%s", "provider": "openai", "model_name": "gpt-4o-mini"}"""
                .formatted(name, secret)).at("/model_definition/model_definition_id").asText();
        return admin("POST", TestGateway.API + "endpoints/create", """
                {"name": "%s", "model_configs": [{"model_definition_id": "%s"}]}""".formatted(name, definition))
                .at("/endpoint/endpoint_id").asText();
    }

    private static JsonNode call(Map<String, String> credentials, String method, String path, String json) {
        return gateway.ok(credentials, method, path, json);
    }

    private static JsonNode admin(String method, String path, String json) {
        return call(TestGateway.basic("admin", TestGateway.ADMIN_PASSWORD), method, path, json);
    }
}
