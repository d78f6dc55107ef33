package dev.switchboard.admin;

import static dev.switchboard.admin.AdminFixtures.assertError;
import static dev.switchboard.admin.AdminFixtures.definition;
import static dev.switchboard.admin.AdminFixtures.endpoint;
import static dev.switchboard.admin.AdminFixtures.ok;
import static dev.switchboard.admin.AdminFixtures.secret;
import static dev.switchboard.admin.AdminFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.TestGateway;
import dev.switchboard.TestGateway.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed, mistyped and incomplete management calls: always a 400 in MLflow's error shape that
 * names the field, never a 500, never an echo of a secret, and never a change to what is stored.
 * Routing-level failures (404, 405, 413, the second prefix) are in {@link ManagementRoutesTest}.
 */
class BadInputTest {

    private static final String LEAKED = "sk-live-LEAKED0123456789";
    private static final String SOME_ENDPOINT = "e-00000000000000000000000000000000";
    private static final String SOME_DEFINITION = "d-00000000000000000000000000000000";

    @TempDir
    static Path dir;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = TestGateway.start(dir);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"secrets/create", "model-definitions/create", "endpoints/create", "endpoints/update"})
    void answers_400_to_malformed_json(String route) {
        for (String body : List.of("{\"name\": \"x\",", "{name: 'x'}", "{\"name\": \"x\"} {}", "{\"a\": 1}}",
                "\u0000\u0001", "{\"name\": \"\\uZZZZ\"}", "[".repeat(5000))) {
            assertError(gw.api("POST", route, body), 400, "INVALID_PARAMETER_VALUE").as(body).contains("JSON");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"secrets/create", "model-definitions/create", "endpoints/create", "endpoints/update"})
    void answers_400_to_a_body_that_is_not_a_json_object(String route) {
        for (String body : List.of("[]", "[{'name': 'x'}]", "'text'", "42", "true", "null")) {
            assertError(gw.api("POST", route, json(body)), 400, "INVALID_PARAMETER_VALUE").as(body)
                    .isEqualTo("Request body must be a JSON object");
        }
    }

    static Stream<Arguments> wrongTypes() {
        String endpoint = "'endpoint_id': '" + SOME_ENDPOINT + "'";
        String model = "{'model_definition_id': '" + SOME_DEFINITION + "'";
        return Stream.of(
                arguments("secrets/create", "{'secret_name': 42, 'secret_value': 'sk-abc-12345678'}", "secret_name"),
                arguments("secrets/create", "{'secret_name': 'x', 'secret_value': ['sk-abc-12345678']}",
                        "secret_value"),
                arguments("secrets/create", "{'secret_name': 'x', 'secret_value': 12345678}", "secret_value"),
                arguments("secrets/create", "{'secret_name': 'x', 'secret_value': {'api_key': 12345678}}",
                        "secret_value"),
                arguments("secrets/create", "{'secret_name': 'x', 'secret_value': 'k', 'auth_config': 'a'}",
                        "auth_config"),
                arguments("secrets/create", "{'secret_name': 'x', 'secret_value': 'k', 'provider': 7}", "provider"),
                arguments("model-definitions/create",
                        "{'name': {}, 'secret_id': 's', 'provider': 'p', 'model_name': 'm'}", "name"),
                arguments("model-definitions/create",
                        "{'name': 'n', 'secret_id': 5, 'provider': 'p', 'model_name': 'm'}", "secret_id"),
                arguments("endpoints/create", "{'name': 'n', 'model_configs': {'model_definition_id': 'd'}}",
                        "model_configs"),
                arguments("endpoints/create", "{'name': 'n', 'model_configs': ['d-1']}", "model_configs[0]"),
                arguments("endpoints/create", "{'name': 'n', 'model_configs': [" + model + ", 'weight': '0.5'}]}",
                        "model_configs[0].weight"),
                arguments("endpoints/create", "{'name': 'n', 'model_configs': [" + model + ", 'fallback_order': 1.5}]}",
                        "model_configs[0].fallback_order"),
                arguments("endpoints/create",
                        "{'name': 'n', 'model_configs': [" + model + "}], 'usage_tracking': 'yes'}", "usage_tracking"),
                arguments("endpoints/create", "{'name': 'n', 'model_configs': [" + model + "}], "
                        + "'fallback_config': {'max_attempts': 'two'}}", "fallback_config.max_attempts"),
                arguments("endpoints/update", "{'endpoint_id': 12}", "endpoint_id"),
                arguments("endpoints/update", "{" + endpoint + ", 'name': 3}", "name"),
                arguments("endpoints/update", "{" + endpoint + ", 'model_configs': {}}", "model_configs"),
                arguments("endpoints/update", "{" + endpoint + ", 'usage_tracking': 'true'}", "usage_tracking"),
                arguments("endpoints/update", "{" + endpoint + ", 'model_configs': [" + model + ", 'weight': [70]}]}",
                        "model_configs[0].weight"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("wrongTypes")
    void answers_400_naming_a_field_of_the_wrong_type(String route, String body, String field) {
        assertError(gw.api("POST", route, json(body)), 400, "INVALID_PARAMETER_VALUE").contains("'" + field + "'");
    }

    static Stream<Arguments> missingFields() {
        return Stream.of(
                arguments("secrets/create", "{}", "secret_name"),
                arguments("secrets/create", "{'secret_name': 'x'}", "secret_value"),
                arguments("secrets/create", "{'secret_name': 'x', 'secret_value': null}", "secret_value"),
                arguments("model-definitions/create", "{'secret_id': 's', 'provider': 'p', 'model_name': 'm'}", "name"),
                arguments("model-definitions/create", "{'name': 'n', 'provider': 'p', 'model_name': 'm'}", "secret_id"),
                arguments("model-definitions/create", "{'name': 'n', 'secret_id': 's', 'model_name': 'm'}", "provider"),
                arguments("model-definitions/create", "{'name': 'n', 'secret_id': 's', 'provider': 'p'}", "model_name"),
                arguments("endpoints/create", "{'model_configs': [{'model_definition_id': 'd'}]}", "name"),
                arguments("endpoints/create", "{'name': 'n', 'model_configs': [{'weight': 1}]}",
                        "model_configs[0].model_definition_id"),
                arguments("endpoints/update", "{}", "endpoint_id"),
                arguments("endpoints/update", "{'name': 'n'}", "endpoint_id"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("missingFields")
    void answers_400_naming_a_missing_required_field(String route, String body, String field) {
        assertError(gw.api("POST", route, json(body)), 400, "INVALID_PARAMETER_VALUE").contains("'" + field + "'");
    }

    static Stream<String> bodiesWithAKey() {
        return Stream.of(
                "{'secret_name': 'leak', 'secret_value': {'api_key': '" + LEAKED + "'}",
                "{'secret_name': 'leak', 'secret_value': {'api_key': '" + LEAKED + "'}} trailing",
                "{'secret_name': 'leak', 'secret_value': {'api_key': " + LEAKED + "}}",
                "{'secret_name': 'leak', 'secret_value': '" + LEAKED + "\u0001'}",
                "{'secret_name': 'leak', 'secret_value': '" + LEAKED + "\\q'}",
                "{'secret_name': 'leak', 'secret_value': {'api_key': ['" + LEAKED + "']}}",
                "{'secret_name': 'leak', 'secret_value': {'api_key': '" + LEAKED + "', 'org': 42}}",
                "{'secret_name': 1, 'secret_value': '" + LEAKED + "'}",
                "{'secret_name': '\\u0007', 'secret_value': '" + LEAKED + "'}",
                "{'secret_name': 'leak', 'secret_value': '" + LEAKED + "', 'provider': 'no/slashes'}",
                "['" + LEAKED + "']",
                "'" + LEAKED + "'");
    }

    @ParameterizedTest
    @MethodSource("bodiesWithAKey")
    void never_echoes_the_secret_value_of_a_bad_request(String body) {
        for (String route : List.of("secrets/create", "secrets/update")) {
            Response response = gw.api("POST", route, json(body));

            assertThat(response.status()).as(route + " " + body).isEqualTo(400);
            assertThat(response.body()).as(route).doesNotContain("LEAKED");
        }
    }

    @Test
    void never_echoes_a_key_sent_in_the_place_of_a_secret_value_field_name() {
        for (String value : List.of("5", "\"\"", "null", "[]")) {
            Response response = gw.api("POST", "secrets/create", """
                    {"secret_name": "%s", "secret_value": {"%s": %s}}
                    """.formatted(unique("misplaced"), LEAKED, value));

            assertThat(response.status()).as(value).isEqualTo(400);
            assertThat(response.body()).as(value).doesNotContain("LEAKED");
        }
    }

    @Test
    void failed_calls_leave_everything_stored_unchanged() {
        String secretId = secret(gw, unique("kept-key"), "sk-test-keepme123456", "openai");
        String otherSecretName = unique("other-key");
        secret(gw, otherSecretName, "sk-test-other1234567", "openai");
        String primary = definition(gw, unique("primary"), secretId, "openai", "gpt-4o");
        String fallback = definition(gw, unique("fallback"), secretId, "openai", "gpt-4o-mini");
        String otherDefinitionName = unique("other-def");
        String spare = definition(gw, otherDefinitionName, secretId, "openai", "gpt-4.1");
        String name = unique("stable");
        String otherEndpointName = unique("other-ep");
        String endpointId = ok(gw.api("POST", "endpoints/create", """
                {"name": "%s", "model_configs": [{"model_definition_id": "%s"},
                  {"model_definition_id": "%s", "linkage_type": "FALLBACK", "fallback_order": 0}]}
                """.formatted(name, primary, fallback))).text("/endpoint/endpoint_id");
        endpoint(gw, otherEndpointName, spare);
        ok(gw.api("POST", "endpoints/set-tag", """
                {"endpoint_id": "%s", "key": "k", "value": "v"}""".formatted(endpointId)));
        ok(gw.api("POST", "endpoints/bindings/create", """
                {"endpoint_id": "%s", "resource_type": "scorer", "resource_id": "judge"}""".formatted(endpointId)));
        JsonNode before = storedState();

        List<Call> calls = List.of(
                call("POST", "secrets/create", "{'secret_name': '%s', 'secret_value': 'sk-x-99999999'}",
                        otherSecretName),
                call("POST", "secrets/update", "{'secret_id': '%s', 'secret_value': ['sk-new'], 'auth_config': {}}",
                        secretId),
                call("PATCH", "secrets/update", "{'secret_id': '%s', 'secret_value': {'api_key': '', 'org': 'o'}, "
                        + "'auth_config': {}}",
                        secretId),
                call("POST", "secrets/update", "{'secret_id': '%s', 'secret_value': 'sk-new-12345678', 'auth_config': "
                        + "{'x': [1]}}", secretId),
                call("POST", "model-definitions/update", "{'model_definition_id': '%s', 'name': '%s', "
                        + "'model_name': 'm'}",
                        primary, otherDefinitionName),
                call("POST", "model-definitions/update", "{'model_definition_id': '%s', 'name': 'renamed', "
                        + "'secret_id': 's-nope'}", primary),
                call("DELETE", "model-definitions/delete", "{'model_definition_id': '%s'}", fallback),
                call("POST", "endpoints/create", "{'name': '%s', 'model_configs': [{'model_definition_id': '%s'}]}",
                        otherEndpointName, primary),
                call("POST", "endpoints/update", "{'endpoint_id': '%s', 'name': '%s', 'usage_tracking': false}",
                        endpointId, otherEndpointName),
                call("POST", "endpoints/update", "{'endpoint_id': '%s', 'name': 'renamed', 'model_configs': ["
                        + "{'model_definition_id': '%s', 'weight': 60}, {'model_definition_id': '%s', 'weight': 50}]}",
                        endpointId, spare, primary),
                call("PATCH", "endpoints/update", "{'endpoint_id': '%s', 'usage_tracking': false, 'model_configs': ["
                        + "{'model_definition_id': 'd-nope'}]}", endpointId),
                call("POST", "endpoints/update", "{'endpoint_id': '%s', 'name': 'renamed', 'fallback_config': "
                        + "{'max_attempts': 5}}", endpointId),
                call("POST", "endpoints/update", "{'endpoint_id': '%s', 'name': 'renamed', 'model_configs': ["
                        + "{'model_definition_id': '%s', 'linkage_type': 'FALLBACK'}]}", endpointId, spare),
                call("POST", "endpoints/update", "{'endpoint_id': '%s', 'name': 'renamed'", endpointId),
                call("POST", "endpoints/models/attach", "{'endpoint_id': '%s', 'model_config': {'model_definition_id': "
                        + "'%s', 'linkage_type': 'FALLBACK'}}", endpointId, fallback),
                call("POST", "endpoints/models/attach", "{'endpoint_id': '%s', 'model_config': {'model_definition_id': "
                        + "'%s', 'linkage_type': 'FALLBACK', 'fallback_order': 0}}", endpointId, spare),
                call("POST", "endpoints/models/attach", "{'endpoint_id': '%s', 'model_config': {'model_definition_id': "
                        + "'%s', 'weight': 1}}", endpointId, spare),
                call("POST", "endpoints/models/detach", "{'endpoint_id': '%s', 'model_definition_id': '%s'}",
                        endpointId, primary),
                call("POST", "endpoints/set-tag", "{'endpoint_id': '%s', 'key': '%s', 'value': 'v'}",
                        endpointId, "k".repeat(251)),
                call("DELETE", "endpoints/delete-tag", "{'endpoint_id': '%s', 'key': 'missing'}", endpointId),
                call("POST", "endpoints/bindings/create", "{'endpoint_id': '%s', 'resource_type': 'scorer', "
                        + "'resource_id': 'judge'}", endpointId),
                call("DELETE", "endpoints/bindings/delete", "{'endpoint_id': '%s', 'resource_type': 'scorer', "
                        + "'resource_id': 'nobody'}", endpointId),
                call("DELETE", "endpoints/delete", "{'endpoint_id': '%s'}", SOME_ENDPOINT),
                call("DELETE", "secrets/delete", "{'secret_id': 's-nope'}"),
                call("POST", "secrets/create", "['%s']", LEAKED));

        for (Call c : calls) {
            Response response = gw.api(c.method(), c.path(), c.body());
            assertThat(response.status()).as("%s %s %s -> %s", c.method(), c.path(), c.body(), response.body())
                    .isBetween(400, 499);
        }
        assertThat(storedState()).isEqualTo(before);
    }

    /** A call whose JSON body is written with single quotes, for readability. */
    private static Call call(String method, String path, String singleQuotedJson, Object... args) {
        return new Call(method, path, json(singleQuotedJson.formatted(args)));
    }

    /** JSON written with single quotes, for readability in Java strings. */
    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private record Call(String method, String path, String body) { }

    /** Everything the management API can show about what is stored. */
    private static JsonNode storedState() {
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        for (String list : List.of("secrets/list", "model-definitions/list", "endpoints/list",
                "endpoints/bindings/list")) {
            state.set(list, ok(gw.api("GET", list)).json());
        }
        return state;
    }
}
