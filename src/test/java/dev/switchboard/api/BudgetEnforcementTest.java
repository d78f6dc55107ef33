package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A REJECT budget stops calls once its window's spend reaches the amount, on every surface, with
 * the 429 in the caller's own format; the call that crosses the limit completes; a budget on another
 * endpoint, or an ALERT budget, stops nothing.
 */
class BudgetEnforcementTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What one call costs: 1,000 prompt and 500 completion tokens of gpt-4o-mini at the catalog's prices. */
    private static final double CALL = 1000 * 1.5e-7 + 500 * 6e-7;

    @TempDir
    Path dir;
    private GatewayFixture fixture;
    private FakeUpstream openai;
    private String gptId;
    private String otherId;

    @BeforeEach
    void start() {
        fixture = GatewayFixture.start(dir);
        openai = fixture.upstream();
        openai.setDefault(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", "hi", 1000, 500)));
        String gpt = fixture.definition("openai", openai.baseUrl(), "gpt-4o-mini");
        gptId = fixture.endpoint("gpt", gpt);
        otherId = fixture.endpoint("other", gpt);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private String budget(String scope, String target, String action, double amount) {
        TestGatewayResponse created = create("""
                {"budget_amount": %s, "duration": {"unit": "DAYS", "value": 1}, "target_scope": "%s",%s
                 "budget_action": "%s"}""".formatted(amount, scope,
                target == null ? "" : " \"target_value\": \"" + target + "\",", action));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().at("/budget_policy/budget_policy_id").asText();
    }

    private TestGatewayResponse create(String body) {
        var answer = fixture.gateway().api("POST", "budgets/create", body);
        return new TestGatewayResponse(answer.status(), answer.body());
    }

    private record TestGatewayResponse(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError(body, e);
            }
        }
    }

    private HttpResponse<String> chat(String model) {
        return fixture.exchange("POST", "/gateway/openai/v1/chat/completions",
                "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
    }

    @Test
    void a_reject_budget_stops_calls_on_every_surface_once_spent_and_the_crossing_call_completes() throws Exception {
        String id = budget("ENDPOINT", gptId, "REJECT", CALL * 1.5);

        assertThat(chat("gpt").statusCode()).as("the first call is within the budget").isEqualTo(200);
        assertThat(chat("gpt").statusCode()).as("the call that crosses the limit completes").isEqualTo(200);

        HttpResponse<String> openaiAnswer = chat("gpt");
        assertThat(openaiAnswer.statusCode()).isEqualTo(429);
        assertThat(openaiAnswer.headers().firstValue("x-should-retry")).hasValue("false");
        long retryAfter = Long.parseLong(openaiAnswer.headers().firstValue("retry-after").orElseThrow());
        assertThat(retryAfter).isPositive().isLessThanOrEqualTo(86_400);
        JsonNode error = JSON.readTree(openaiAnswer.body()).get("error");
        assertThat(error.get("message").asText()).startsWith("Budget limit exceeded for policy '" + id + "'. Limit: $")
                .contains(" USD per 1 day. Budget resets at ").endsWith(". Request rejected.");
        assertThat(error.get("type").asText()).isNotEmpty();
        String resets = error.get("message").asText().replaceAll(".*Budget resets at (\\S+)\\. Request rejected\\.", "$1");
        assertThat(Instant.parse(resets)).isAfter(Instant.now());

        HttpResponse<String> anthropic = fixture.exchange("POST", "/gateway/anthropic/v1/messages", """
                {"model": "gpt", "max_tokens": 10, "messages": [{"role": "user", "content": "Hi"}]}""");
        assertThat(anthropic.statusCode()).isEqualTo(429);
        JsonNode anthropicError = JSON.readTree(anthropic.body());
        assertThat(anthropicError.get("type").asText()).isEqualTo("error");
        assertThat(anthropicError.at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(anthropicError.at("/error/message").asText()).contains("Budget limit exceeded");

        HttpResponse<String> gemini = fixture.exchange("POST", "/gateway/gemini/v1beta/models/gpt:generateContent",
                "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"Hi\"}]}]}");
        assertThat(gemini.statusCode()).isEqualTo(429);
        JsonNode geminiError = JSON.readTree(gemini.body()).get("error");
        assertThat(geminiError.get("code").asInt()).isEqualTo(429);
        assertThat(geminiError.get("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");

        HttpResponse<String> mlflow = fixture.exchange("POST", "/gateway/gpt/mlflow/invocations",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
        assertThat(mlflow.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(mlflow.body()).get("detail").asText()).contains("Budget limit exceeded");

        HttpResponse<String> proxied = fixture.exchange("POST", "/gateway/proxy/gpt/chat/completions",
                "{\"model\": \"gpt-4o-mini\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
        assertThat(proxied.statusCode()).isEqualTo(429);

        HttpResponse<String> stream = fixture.exchange("POST", "/gateway/openai/v1/chat/completions",
                "{\"model\": \"gpt\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
        assertThat(stream.statusCode()).as("a stream is refused before it starts").isEqualTo(429);

        assertThat(openai.requestCount()).as("the provider saw only the two calls within the budget").isEqualTo(2);
        assertThat(chat("other").statusCode()).as("another endpoint is not in this budget").isEqualTo(200);

        JsonNode window = fixture.gateway().api("GET", "budgets/windows?budget_policy_id=" + id).json()
                .get("windows").get(0);
        assertThat(window.get("current_spend").asDouble()).isCloseTo(2 * CALL, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(window.get("exceeded").asBoolean()).isTrue();
    }

    @Test
    void raising_the_amount_lets_calls_through_again_and_alert_budgets_reject_nothing() {
        String id = budget("GLOBAL", null, "REJECT", CALL / 2);
        budget("GLOBAL", null, "ALERT", CALL / 4);
        assertThat(chat("gpt").statusCode()).isEqualTo(200);
        assertThat(chat("other").statusCode()).isEqualTo(429);

        var updated = fixture.gateway().api("POST", "budgets/update",
                "{\"budget_policy_id\": \"" + id + "\", \"budget_amount\": " + CALL * 10 + "}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(chat("other").statusCode()).isEqualTo(200);

        fixture.gateway().api("DELETE", "budgets/delete", "{\"budget_policy_id\": \"" + id + "\"}");
        for (int i = 0; i < 3; i++) {
            assertThat(chat("gpt").statusCode()).as("only the ALERT budget is left").isEqualTo(200);
        }
    }

    @Test
    void with_authentication_off_calls_are_nobodys_so_a_user_budget_counts_none_of_them() {
        assertThat(fixture.gateway().send("POST", "/api/2.0/mlflow/users/create",
                "{\"username\": \"dana\", \"password\": \"dana-password-0123\"}").status()).isEqualTo(200);
        budget("USER", "dana", "REJECT", CALL / 2);
        for (int i = 0; i < 3; i++) {
            assertThat(chat("gpt").statusCode()).isEqualTo(200);
        }
        assertThat(openai.requestCount()).isEqualTo(3);
    }
}
