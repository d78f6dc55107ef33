package dev.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rate limit routes: fields, validation with nothing stored, a limit per endpoint and caller, who
 * may change and read them; and, with authentication on, which limit a call counts against: its
 * key's own, else its user's own, else the endpoint's default shared by everyone else.
 */
class RateLimitsApiTest {

    private static final String CHAT = "{\"model\": \"gpt\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}";

    @TempDir
    Path dir;

    @Test
    void a_limit_is_created_read_changed_listed_and_deleted_and_bad_input_stores_nothing() {
        try (TestGateway gw = TestGateway.start(dir); FakeUpstream provider = FakeUpstream.start()) {
            String endpoint = gw.endpoint("gpt", gw.openAiDefinition("gpt", provider.baseUrl(), "gpt-4o-mini"));
            JsonNode created = gw.api("POST", "rate-limits/create", """
                    {"endpoint_id": "%s", "queries_per_minute": 60, "created_by": "alice"}""".formatted(endpoint))
                    .json().get("rate_limit");
            String id = created.get("rate_limit_id").asText();
            assertThat(id).startsWith("rl-");
            assertThat(created.get("endpoint_id").asText()).isEqualTo(endpoint);
            assertThat(created.get("queries_per_minute").asLong()).isEqualTo(60);
            assertThat(created.has("tokens_per_minute")).isFalse();
            assertThat(created.has("username")).isFalse();
            assertThat(created.get("created_by").asText()).isEqualTo("alice");
            assertThat(created.at("/current_minute/requests/remaining").asLong()).isEqualTo(60);

            Map<String, String> refusals = new LinkedHashMap<>();
            refusals.put("{\"queries_per_minute\": 5}", "endpoint_id");
            refusals.put("{\"endpoint_id\": \"nope\", \"queries_per_minute\": 5}", "no endpoint");
            refusals.put("{\"endpoint_id\": \"%s\"}", "needs queries_per_minute or tokens_per_minute");
            refusals.put("{\"endpoint_id\": \"%s\", \"queries_per_minute\": -1}", "whole number");
            refusals.put("{\"endpoint_id\": \"%s\", \"queries_per_minute\": 2.5}", "an integer");
            refusals.put("{\"endpoint_id\": \"%s\", \"queries_per_minute\": 5}", "already exists");
            refusals.put("{\"endpoint_id\": \"%s\", \"username\": \"ghost\", \"queries_per_minute\": 5}", "no user");
            refusals.put("{\"endpoint_id\": \"%s\", \"key_id\": \"k-none\", \"queries_per_minute\": 5}", "no gateway key");
            refusals.put("{\"endpoint_id\": \"%s\", \"username\": \"a\", \"key_id\": \"b\", \"queries_per_minute\": 5}",
                    "not both");
            refusals.forEach((body, says) -> {
                TestGateway.Response answer = gw.api("POST", "rate-limits/create", body.formatted(endpoint));
                assertThat(answer.status()).as(body).isEqualTo(400);
                assertThat(answer.body()).as(body).contains(says);
            });
            assertThat(gw.api("GET", "rate-limits/list").json().get("rate_limits")).hasSize(1);
            TestGateway.Response moved = gw.api("POST", "rate-limits/update",
                    "{\"rate_limit_id\": \"" + id + "\", \"endpoint_id\": \"e-other\"}");
            assertThat(moved.status()).isEqualTo(400);
            assertThat(moved.body()).contains("do not change");
            TestGateway.Response emptied = gw.api("POST", "rate-limits/update",
                    "{\"rate_limit_id\": \"" + id + "\", \"queries_per_minute\": 0}");
            assertThat(emptied.status()).as("a limit of nothing").isEqualTo(400);

            TestGateway.Response updated = gw.api("POST", "rate-limits/update",
                    "{\"rate_limit_id\": \"" + id + "\", \"tokens_per_minute\": 100000, \"updated_by\": \"bob\"}");
            assertThat(updated.status()).as(updated.body()).isEqualTo(200);
            JsonNode limit = gw.api("GET", "rate-limits/get?rate_limit_id=" + id).json().get("rate_limit");
            assertThat(limit.get("queries_per_minute").asLong()).as("kept").isEqualTo(60);
            assertThat(limit.get("tokens_per_minute").asLong()).isEqualTo(100000);
            assertThat(limit.get("last_updated_by").asText()).isEqualTo("bob");
            assertThat(gw.api("GET", "rate-limits/list?endpoint_id=" + endpoint).json().get("rate_limits")).hasSize(1);
            assertThat(gw.api("GET", "rate-limits/list?endpoint_id=e-other").json().get("rate_limits")).isEmpty();

            assertThat(gw.api("DELETE", "rate-limits/delete", "{\"rate_limit_id\": \"" + id + "\"}").status())
                    .isEqualTo(200);
            assertThat(gw.api("GET", "rate-limits/get?rate_limit_id=" + id).status()).isEqualTo(404);
            assertThat(gw.api("DELETE", "rate-limits/delete", "{\"rate_limit_id\": \"" + id + "\"}").status())
                    .isEqualTo(404);
        }
    }

    @Test
    void a_call_counts_against_its_keys_limit_else_its_users_else_the_endpoints_default() {
        try (TestGateway gw = TestGateway.withAuth(dir); FakeUpstream provider = FakeUpstream.start()) {
            provider.setDefault(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", "hi", 10, 5)));
            Map<String, String> admin = TestGateway.basic("admin", TestGateway.ADMIN_PASSWORD);
            String endpoint = gw.endpoint(admin, "gpt",
                    gw.openAiDefinition(admin, "gpt", provider.baseUrl(), "gpt-4o-mini"));
            Map<String, Map<String, String>> users = new LinkedHashMap<>();
            for (String name : new String[] {"erin", "finn"}) {
                gw.ok(admin, "POST", "/api/2.0/mlflow/users/create",
                        "{\"username\": \"" + name + "\", \"password\": \"" + name + "-password-0123\"}");
                gw.ok(admin, "POST", TestGateway.API + "endpoints/permissions/create", """
                        {"endpoint_id": "%s", "username": "%s", "permission": "USE"}""".formatted(endpoint, name));
                users.put(name, TestGateway.basic(name, name + "-password-0123"));
            }
            Map<String, String> erin = users.get("erin");
            JsonNode ci = gw.ok(erin, "POST", TestGateway.API + "gateway-keys/create", "{\"name\": \"ci\"}");
            Map<String, String> viaCi = Map.of("Authorization", "Bearer " + ci.get("key").asText());

            assertThat(gw.send("POST", TestGateway.API + "rate-limits/create", """
                    {"endpoint_id": "%s", "queries_per_minute": 5}""".formatted(endpoint), erin).status())
                    .as("only admins change rate limits").isEqualTo(403);
            gw.ok(admin, "POST", TestGateway.API + "rate-limits/create", """
                    {"endpoint_id": "%s", "queries_per_minute": 2}""".formatted(endpoint));
            gw.ok(admin, "POST", TestGateway.API + "rate-limits/create", """
                    {"endpoint_id": "%s", "username": "erin", "queries_per_minute": 3}""".formatted(endpoint));
            gw.ok(admin, "POST", TestGateway.API + "rate-limits/create", """
                    {"endpoint_id": "%s", "key_id": "%s", "queries_per_minute": 1}"""
                    .formatted(endpoint, ci.at("/gateway_key/key_id").asText()));

            assertThat(call(gw, viaCi)).as("the key's own: 1").isEqualTo(200);
            assertThat(call(gw, viaCi)).isEqualTo(429);
            for (int i = 0; i < 3; i++) {
                assertThat(call(gw, erin)).as("erin's own: 3, her key's call not among them").isEqualTo(200);
            }
            assertThat(call(gw, erin)).isEqualTo(429);
            assertThat(call(gw, users.get("finn"))).as("the default, shared: 2").isEqualTo(200);
            assertThat(call(gw, admin)).isEqualTo(200);
            assertThat(call(gw, users.get("finn"))).isEqualTo(429);

            assertThat(gw.send("GET", TestGateway.API + "rate-limits/list", null, erin).json().get("rate_limits"))
                    .as("erin may use the endpoint, so she reads its limits").hasSize(3);
            gw.ok(admin, "POST", "/api/2.0/mlflow/users/create",
                    "{\"username\": \"gus\", \"password\": \"gus-password-0123\"}");
            assertThat(gw.send("GET", TestGateway.API + "rate-limits/list", null,
                    TestGateway.basic("gus", "gus-password-0123")).json().get("rate_limits"))
                    .as("gus may not read the endpoint").isEmpty();
        }
    }

    private static int call(TestGateway gw, Map<String, String> headers) {
        return gw.send("POST", "/gateway/openai/v1/chat/completions", CHAT, headers).status();
    }
}
