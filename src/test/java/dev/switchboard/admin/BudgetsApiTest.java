package dev.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.TestGateway;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MLflow's budget policy routes: fields, validation, paging, windows, who may call them, and restarts. */
class BudgetsApiTest {

    @TempDir
    Path dir;

    private static final String MONTHLY = """
            {"budget_unit": "USD", "budget_amount": 500, "duration": {"unit": "MONTHS", "value": 1},
             "target_scope": "GLOBAL", "budget_action": "REJECT", "created_by": "alice"}""";

    @Test
    void a_budget_is_created_read_changed_listed_and_deleted_with_mlflows_fields() {
        try (TestGateway gw = TestGateway.start(dir)) {
            JsonNode created = gw.api("POST", "budgets/create", MONTHLY).json().get("budget_policy");
            String id = created.get("budget_policy_id").asText();
            assertThat(id).startsWith("bp-");
            assertThat(created.get("budget_unit").asText()).isEqualTo("USD");
            assertThat(created.get("budget_amount").asDouble()).isEqualTo(500.0);
            assertThat(created.get("duration").get("unit").asText()).isEqualTo("MONTHS");
            assertThat(created.get("duration").get("value").asInt()).isEqualTo(1);
            assertThat(created.get("target_scope").asText()).isEqualTo("GLOBAL");
            assertThat(created.get("budget_action").asText()).isEqualTo("REJECT");
            assertThat(created.get("time_zone").asText()).isEqualTo("UTC");
            assertThat(created.get("created_by").asText()).isEqualTo("alice");
            assertThat(created.get("current_window").get("current_spend").asDouble()).isZero();

            TestGateway.Response updated = gw.api("POST", "budgets/update", """
                    {"budget_policy_id": "%s", "budget_amount": 12.5, "duration": {"unit": "DAYS", "value": 1},
                     "time_zone": "Europe/Paris", "updated_by": "bob"}""".formatted(id));
            assertThat(updated.status()).as(updated.body()).isEqualTo(200);
            JsonNode policy = gw.api("GET", "budgets/get?budget_policy_id=" + id).json().get("budget_policy");
            assertThat(policy.get("budget_amount").asDouble()).isEqualTo(12.5);
            assertThat(policy.get("duration").get("unit").asText()).isEqualTo("DAYS");
            assertThat(policy.get("time_zone").asText()).isEqualTo("Europe/Paris");
            assertThat(policy.get("budget_action").asText()).as("kept").isEqualTo("REJECT");
            assertThat(policy.get("last_updated_by").asText()).isEqualTo("bob");

            assertThat(gw.api("GET", "budgets/list").json().get("budget_policies")).hasSize(1);
            assertThat(gw.api("DELETE", "budgets/delete", "{\"budget_policy_id\": \"" + id + "\"}").status())
                    .isEqualTo(200);
            assertThat(gw.api("GET", "budgets/get?budget_policy_id=" + id).status()).isEqualTo(404);
            assertThat(gw.api("GET", "budgets/list").json().get("budget_policies")).isEmpty();
        }
    }

    @Test
    void bad_input_is_refused_with_the_field_named_and_nothing_stored() {
        try (TestGateway gw = TestGateway.start(dir)) {
            Map<String, String> refusals = Map.of(
                    "{\"duration\": {\"unit\": \"DAYS\", \"value\": 1}, \"target_scope\": \"GLOBAL\", \"budget_action\": \"REJECT\"}",
                    "budget_amount",
                    MONTHLY.replace("\"budget_amount\": 500", "\"budget_amount\": -1"), "more than 0",
                    MONTHLY.replace("\"USD\"", "\"EUR\""), "only USD",
                    MONTHLY.replace("MONTHS", "FORTNIGHTS"), "duration.unit",
                    MONTHLY.replace("\"value\": 1", "\"value\": 0"), "duration.value",
                    MONTHLY.replace("\"GLOBAL\"", "\"WORKSPACE\""), "one workspace",
                    MONTHLY.replace("\"GLOBAL\"", "\"ENDPOINT\""), "target_value is required",
                    MONTHLY.replace("\"GLOBAL\"", "\"ENDPOINT\", \"target_value\": \"nope\""), "no endpoint",
                    MONTHLY.replace("\"REJECT\"", "\"REJECT\", \"time_zone\": \"Mars/Olympus\""), "time_zone",
                    MONTHLY.replace("\"REJECT\"", "\"ALERT\", \"webhook_url\": \"ftp://example.com/x\""), "scheme");
            refusals.forEach((body, says) -> {
                TestGateway.Response answer = gw.api("POST", "budgets/create", body);
                assertThat(answer.status()).as(body).isEqualTo(400);
                assertThat(answer.body()).as(body).contains(says);
            });
            assertThat(gw.api("GET", "budgets/list").json().get("budget_policies")).isEmpty();
            assertThat(gw.api("POST", "budgets/update", "{\"budget_policy_id\": \"bp-none\", \"budget_amount\": 1}")
                    .status()).isEqualTo(404);
        }
    }

    @Test
    void the_webhook_secret_is_write_only_and_budgets_survive_a_restart() {
        String id;
        try (TestGateway gw = TestGateway.start(dir)) {
            TestGateway.Response created = gw.api("POST", "budgets/create", MONTHLY.replace("\"REJECT\"",
                    "\"ALERT\", \"webhook_url\": \"https://hooks.example.com/budget\", "
                            + "\"webhook_secret\": \"whsec-do-not-show-0123456789\""));
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            assertThat(created.body()).doesNotContain("whsec-do-not-show");
            id = created.text("/budget_policy/budget_policy_id");
            assertThat(created.json().at("/budget_policy/has_webhook_secret").asBoolean()).isTrue();
        }
        try (TestGateway gw = TestGateway.start(dir)) {
            JsonNode policy = gw.api("GET", "budgets/get?budget_policy_id=" + id).json().get("budget_policy");
            assertThat(policy.get("webhook_url").asText()).isEqualTo("https://hooks.example.com/budget");
            assertThat(policy.get("has_webhook_secret").asBoolean()).isTrue();
            assertThat(policy.toString()).doesNotContain("whsec-do-not-show");
            JsonNode windows = gw.api("GET", "budgets/windows").json().get("windows");
            assertThat(windows).hasSize(1);
            assertThat(windows.get(0).get("budget_policy_id").asText()).isEqualTo(id);
            assertThat(windows.get(0).get("window_end_ms").asLong())
                    .isGreaterThan(windows.get(0).get("window_start_ms").asLong());
        }
    }

    @Test
    void pages_of_the_list_follow_next_page_token() {
        try (TestGateway gw = TestGateway.start(dir)) {
            for (int i = 0; i < 5; i++) {
                assertThat(gw.api("POST", "budgets/create", MONTHLY).status()).isEqualTo(200);
            }
            JsonNode first = gw.api("GET", "budgets/list?max_results=2").json();
            assertThat(first.get("budget_policies")).hasSize(2);
            JsonNode second = gw.api("GET", "budgets/list?max_results=2&page_token="
                    + first.get("next_page_token").asText()).json();
            JsonNode third = gw.api("GET", "budgets/list?max_results=2&page_token="
                    + second.get("next_page_token").asText()).json();
            assertThat(third.get("budget_policies")).hasSize(1);
            assertThat(third.has("next_page_token")).isFalse();
            assertThat(gw.api("GET", "budgets/list?page_token=x").status()).isEqualTo(400);
        }
    }

    @Test
    void only_admins_change_budgets_and_signed_in_users_read_them() {
        try (TestGateway gw = TestGateway.withAuth(dir)) {
            Map<String, String> admin = TestGateway.basic("admin", TestGateway.ADMIN_PASSWORD);
            gw.ok(admin, "POST", "/api/2.0/mlflow/users/create",
                    "{\"username\": \"carol\", \"password\": \"carol-password-0123\"}");
            Map<String, String> carol = TestGateway.basic("carol", "carol-password-0123");
            assertThat(gw.send("POST", "/api/3.0/mlflow/gateway/budgets/create", MONTHLY, carol).status())
                    .isEqualTo(403);
            gw.ok(admin, "POST", "/api/3.0/mlflow/gateway/budgets/create", MONTHLY);
            assertThat(gw.send("GET", "/api/3.0/mlflow/gateway/budgets/list", null, carol).status()).isEqualTo(200);
            assertThat(gw.send("GET", "/api/3.0/mlflow/gateway/budgets/list", null, Map.of()).status())
                    .isEqualTo(401);
        }
    }
}
