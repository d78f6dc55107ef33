package dev.switchboard.admin;

import static dev.switchboard.admin.AdminFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.TestGateway;
import dev.switchboard.testing.property.JsonInputs;
import dev.switchboard.testing.property.Property;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management API over HTTP, fed hostile bodies (valid requests of each write route, mutated at
 * random) against a real gateway: never a 5xx, a refusal always in MLflow's error shape, and a
 * refused request changes nothing stored (the lists of keys, model definitions, endpoints and
 * bindings read the same before and after).
 */
class ManagementApiPropertyTest {

    private static final int TRIES = 150;

    @TempDir
    static Path dir;
    static TestGateway gw;
    static String secretId;
    static String definitionId;
    static String endpointId;

    /** One write route and a valid body for it. */
    record Call(String method, String path, ObjectNode body) {
        @Override
        public String toString() {
            return method + " " + path + " " + body;
        }
    }

    @BeforeAll
    static void start() {
        gw = TestGateway.start(dir);
        secretId = ok(gw.api("POST", "secrets/create", """
                {"secret_name": "seed-key", "secret_value": {"api_key": "sk-test-seed-abcdef"}, "provider": "openai",
                 "auth_config": {"api_base": "http://127.0.0.1:9/v1"}}""")).text("/secret/secret_id");
        definitionId = ok(gw.api("POST", "model-definitions/create", """
                {"name": "seed-def", "secret_id": "%s", "provider": "openai", "model_name": "gpt-4o-mini"}"""
                .formatted(secretId))).text("/model_definition/model_definition_id");
        endpointId = ok(gw.api("POST", "endpoints/create", """
                {"name": "seed-endpoint", "model_configs": [{"model_definition_id": "%s"}]}"""
                .formatted(definitionId))).text("/endpoint/endpoint_id");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    /** What is stored, as the list routes show it. */
    private static String stored() {
        return gw.api("GET", "secrets/list").body() + gw.api("GET", "model-definitions/list").body()
                + gw.api("GET", "endpoints/list").body() + gw.api("GET", "endpoints/bindings/list").body();
    }

    private static final String[][] ROUTES = {
        {"POST", "secrets/create", """
                {"secret_name": "k", "secret_value": {"api_key": "sk-test-abcdef123456"}, "provider": "anthropic",
                 "auth_config": {"api_base": "http://127.0.0.1:9"}, "description": "d"}"""},
        {"PATCH", "secrets/update", """
                {"secret_id": "{secret}", "secret_value": {"api_key": "sk-test-rotated-abcdef"},
                 "auth_config": {"api_base": "http://127.0.0.1:9/v1"}}"""},
        {"POST", "model-definitions/create", """
                {"name": "d", "secret_id": "{secret}", "provider": "openai", "model_name": "gpt-4o"}"""},
        {"PATCH", "model-definitions/update", """
                {"model_definition_id": "{definition}", "model_name": "gpt-4o", "secret_id": "{secret}"}"""},
        {"POST", "endpoints/create", """
                {"name": "e", "model_configs": [{"model_definition_id": "{definition}", "linkage_type": "PRIMARY",
                   "weight": 100}, {"model_definition_id": "{definition}", "linkage_type": "FALLBACK",
                   "fallback_order": 1}],
                 "routing_strategy": "REQUEST_BASED_TRAFFIC_SPLIT", "fallback_config": {"strategy": "SEQUENTIAL",
                   "max_attempts": 1}, "timeouts": {"connect_ms": 1000, "first_byte_ms": 2000, "idle_ms": 3000},
                 "retry_config": {"max_retries": 1, "initial_backoff_ms": 10, "max_backoff_ms": 20},
                 "usage_tracking": true}"""},
        {"PATCH", "endpoints/update", """
                {"endpoint_id": "{endpoint}", "name": "seed-endpoint",
                 "model_configs": [{"model_definition_id": "{definition}", "weight": 100}],
                 "fallback_config": {"strategy": "SEQUENTIAL", "max_attempts": 0}, "usage_tracking": false}"""},
        {"POST", "endpoints/models/attach", """
                {"endpoint_id": "{endpoint}", "model_config": {"model_definition_id": "{definition}",
                   "linkage_type": "FALLBACK", "fallback_order": 2}}"""},
        {"POST", "endpoints/models/detach", """
                {"endpoint_id": "{endpoint}", "model_definition_id": "{definition}"}"""},
        {"POST", "endpoints/set-tag", """
                {"endpoint_id": "{endpoint}", "key": "team", "value": "search"}"""},
        {"POST", "endpoints/bindings/create", """
                {"endpoint_id": "{endpoint}", "resource_type": "scorer", "resource_id": "s-1", "display_name": "S"}"""},
    };

    private static Property<Call> calls() {
        List<Call> seeds = Arrays.stream(ROUTES).map(r -> new Call(r[0], r[1], (ObjectNode) AdminFixtures.json(
                r[2].replace("{secret}", secretId).replace("{definition}", definitionId)
                        .replace("{endpoint}", endpointId)))).toList();
        JsonInputs inputs = JsonInputs.from(seeds.stream().map(c -> c.body().toString()).toArray(String[]::new));
        return Property.of("management writes are taken or refused cleanly", (Random random) -> {
            Call seed = seeds.get(random.nextInt(seeds.size()));
            ObjectNode body = inputs.mutated(seed.body(), random);
            // A new name each time, so a create is not refused only for a duplicate name.
            if (body.path("name").isTextual() && seed.path().endsWith("create")) {
                body.put("name", body.get("name").asText() + "-" + random.nextInt(1_000_000));
            }
            return new Call(seed.method(), seed.path(), body);
        }, call -> JsonInputs.shrinks(call.body()).stream().map(b -> new Call(call.method(), call.path(), b)).toList(),
                Call::toString);
    }

    @Test
    void hostile_writes_never_fail_the_gateway_and_a_refused_one_changes_nothing() {
        int[] taken = new int[2];
        calls().check(TRIES, call -> {
            String before = stored();
            TestGateway.Response response = gw.api(call.method(), call.path(), call.body().toString());
            assertThat(response.status()).as("status of %s: %s", call, response.body()).isLessThan(500);
            taken[response.status() < 400 ? 0 : 1]++;
            if (response.status() >= 400) {
                assertThat(response.text("/error_code")).as("error shape of %s", response.body()).isNotEmpty();
                assertThat(response.text("/message")).as("error shape of %s", response.body()).isNotEmpty();
                assertThat(stored()).as("what is stored after a refused %s", call).isEqualTo(before);
            }
        });
        // The bodies explore both sides: some are taken, more are refused.
        assertThat(taken[0]).as("writes taken").isPositive();
        assertThat(taken[1]).as("writes refused").isGreaterThan(taken[0]);
    }
}
