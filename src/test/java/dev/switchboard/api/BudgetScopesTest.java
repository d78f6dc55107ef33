package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With authentication on: a GATEWAY_KEY budget counts the calls made with that key alone, and a
 * USER budget counts the user's calls however made, with a password or through any of their keys.
 */
class BudgetScopesTest {

    private static final double CALL = 1000 * 1.5e-7 + 500 * 6e-7;
    private static final String CHAT = "{\"model\": \"gpt\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}";

    @TempDir
    Path dir;

    @Test
    void a_key_budget_counts_its_key_and_a_user_budget_counts_the_user_however_they_call() {
        try (TestGateway gw = TestGateway.withAuth(dir); FakeUpstream provider = FakeUpstream.start()) {
            provider.setDefault(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", "hi", 1000, 500)));
            Map<String, String> admin = TestGateway.basic("admin", TestGateway.ADMIN_PASSWORD);
            String endpoint = gw.endpoint(admin, "gpt",
                    gw.openAiDefinition(admin, "gpt", provider.baseUrl(), "gpt-4o-mini"));
            gw.ok(admin, "POST", "/api/2.0/mlflow/users/create",
                    "{\"username\": \"erin\", \"password\": \"erin-password-0123\"}");
            gw.ok(admin, "POST", TestGateway.API + "endpoints/permissions/create", """
                    {"endpoint_id": "%s", "username": "erin", "permission": "USE"}""".formatted(endpoint));
            Map<String, String> erin = TestGateway.basic("erin", "erin-password-0123");
            JsonNode ci = gw.ok(erin, "POST", TestGateway.API + "gateway-keys/create", "{\"name\": \"ci\"}");
            JsonNode laptop = gw.ok(erin, "POST", TestGateway.API + "gateway-keys/create", "{\"name\": \"laptop\"}");
            Map<String, String> viaCi = Map.of("Authorization", "Bearer " + ci.get("key").asText());
            Map<String, String> viaLaptop = Map.of("Authorization", "Bearer " + laptop.get("key").asText());

            gw.ok(admin, "POST", TestGateway.API + "budgets/create", """
                    {"budget_amount": %s, "duration": {"unit": "DAYS", "value": 1}, "target_scope": "GATEWAY_KEY",
                     "target_value": "%s", "budget_action": "REJECT"}"""
                    .formatted(CALL / 2, ci.at("/gateway_key/key_id").asText()));
            assertThat(call(gw, viaCi)).isEqualTo(200);
            assertThat(call(gw, viaCi)).as("the key's budget is spent").isEqualTo(429);
            assertThat(call(gw, viaLaptop)).as("another key of the same user").isEqualTo(200);
            assertThat(call(gw, erin)).as("the user with a password").isEqualTo(200);

            gw.ok(admin, "POST", TestGateway.API + "budgets/create", """
                    {"budget_amount": %s, "duration": {"unit": "DAYS", "value": 1}, "target_scope": "USER",
                     "target_value": "erin", "budget_action": "REJECT"}""".formatted(CALL * 2.5));
            assertThat(call(gw, erin)).as("the user's first call counted from now").isEqualTo(200);
            assertThat(call(gw, viaLaptop)).isEqualTo(200);
            assertThat(call(gw, viaLaptop)).isEqualTo(200);
            assertThat(call(gw, erin)).as("the user's calls by password and keys add up").isEqualTo(429);
            assertThat(call(gw, viaLaptop)).isEqualTo(429);
            assertThat(call(gw, admin)).as("another user").isEqualTo(200);
        }
    }

    private static int call(TestGateway gw, Map<String, String> headers) {
        return gw.send("POST", "/gateway/openai/v1/chat/completions", CHAT, headers).status();
    }
}
