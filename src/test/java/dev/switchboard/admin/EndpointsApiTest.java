package dev.switchboard.admin;

import static dev.switchboard.admin.AdminFixtures.assertError;
import static dev.switchboard.admin.AdminFixtures.definition;
import static dev.switchboard.admin.AdminFixtures.endpoint;
import static dev.switchboard.admin.AdminFixtures.json;
import static dev.switchboard.admin.AdminFixtures.ok;
import static dev.switchboard.admin.AdminFixtures.secret;
import static dev.switchboard.admin.AdminFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.TestGateway;
import dev.switchboard.TestGateway.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code endpoints/*} over HTTP: create, read, update, delete, names and tags. Model mappings,
 * traffic splits and fallbacks are in {@link EndpointMappingsApiTest}.
 */
class EndpointsApiTest {

    private static final String UNKNOWN_ENDPOINT = "e-00000000000000000000000000000000";

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

    @Test
    void creates_an_endpoint_with_one_primary_model_and_mlflow_defaults() {
        String definitionId = definition(gw);
        String name = unique("chat");

        JsonNode endpoint = ok(gw.api("POST", "endpoints/create", """
                {"name": "%s", "model_configs": [{"model_definition_id": "%s", "linkage_type": "PRIMARY"}],
                 "created_by": "alice"}
                """.formatted(name, definitionId))).json().get("endpoint");

        assertThat(endpoint.get("endpoint_id").asText()).matches("e-[0-9a-f]{32}");
        assertThat(endpoint.get("name").asText()).isEqualTo(name);
        assertThat(endpoint.get("routing_strategy").asText()).isEqualTo("REQUEST_BASED_TRAFFIC_SPLIT");
        assertThat(endpoint.get("usage_tracking").asBoolean()).isTrue();
        assertThat(endpoint.get("created_by").asText()).isEqualTo("alice");
        assertThat(endpoint.has("fallback_config")).isFalse();
        assertThat(endpoint.get("tags")).isEmpty();
        JsonNode mapping = endpoint.at("/model_mappings/0");
        assertThat(endpoint.get("model_mappings")).hasSize(1);
        assertThat(mapping.get("mapping_id").asText()).matches("m-[0-9a-f]{32}");
        assertThat(mapping.get("endpoint_id").asText()).isEqualTo(endpoint.get("endpoint_id").asText());
        assertThat(mapping.get("model_definition_id").asText()).isEqualTo(definitionId);
        assertThat(mapping.at("/model_definition/model_definition_id").asText()).isEqualTo(definitionId);
        assertThat(mapping.get("linkage_type").asText()).isEqualTo("PRIMARY");
        assertThat(mapping.get("weight").asDouble()).isEqualTo(1.0);
        assertThat(mapping.has("fallback_order")).isFalse();
    }

    @Test
    void gets_an_endpoint_by_id_and_by_name() {
        String name = unique("get");
        String id = endpoint(gw, name, definition(gw));

        JsonNode byId = ok(gw.api("GET", "endpoints/get?endpoint_id=" + id)).json();
        JsonNode byName = ok(gw.api("GET", "endpoints/get?name=" + name)).json();

        assertThat(byId.at("/endpoint/name").asText()).isEqualTo(name);
        assertThat(byName).isEqualTo(byId);
        assertError(gw.api("GET", "endpoints/get?endpoint_id=" + id + "&name=" + name), 400,
                "INVALID_PARAMETER_VALUE").isEqualTo("Exactly one of endpoint_id or name must be provided");
        assertError(gw.api("GET", "endpoints/get?endpoint_id=" + UNKNOWN_ENDPOINT), 404, "RESOURCE_DOES_NOT_EXIST")
                .contains(UNKNOWN_ENDPOINT);
        assertError(gw.api("GET", "endpoints/get?name=no-such-endpoint"), 404, "RESOURCE_DOES_NOT_EXIST")
                .contains("no-such-endpoint");
    }

    @Test
    void lists_endpoints_by_the_provider_or_secret_of_their_models() {
        String provider = "cerebras";
        String secretId = secret(gw);
        String viaProvider = endpoint(gw, unique("p"), definition(gw, unique("d"),
                secret(gw, unique("key"), "sk-test-0123456789abcdef", provider), provider, "m"));
        String viaSecret = endpoint(gw, unique("s"), definition(gw, unique("d"), secretId, "openai", "m"));
        String other = endpoint(gw, unique("o"), definition(gw));

        assertThat(ids(gw.api("GET", "endpoints/list"))).contains(viaProvider, viaSecret, other);
        assertThat(ids(gw.api("GET", "endpoints/list?provider=" + provider))).containsExactly(viaProvider);
        assertThat(ids(gw.api("GET", "endpoints/list?secret_id=" + secretId))).containsExactly(viaSecret);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST", "PATCH"})
    void replaces_every_model_mapping_when_an_update_has_model_configs(String method) {
        String id = endpoint(gw, unique("swap"), definition(gw));
        String oldMapping = ok(gw.api("GET", "endpoints/get?endpoint_id=" + id))
                .text("/endpoint/model_mappings/0/mapping_id");
        String primary = definition(gw);
        String fallback = definition(gw);

        JsonNode endpoint = ok(gw.api(method, "endpoints/update", """
                {"endpoint_id": "%s", "updated_by": "bob", "model_configs": [
                  {"model_definition_id": "%s", "linkage_type": "PRIMARY"},
                  {"model_definition_id": "%s", "linkage_type": "FALLBACK", "fallback_order": 0}]}
                """.formatted(id, primary, fallback))).json().get("endpoint");

        assertThat(definitionsOf(endpoint)).containsExactly(primary + "/PRIMARY", fallback + "/FALLBACK");
        assertThat(endpoint.findValuesAsText("mapping_id")).doesNotContain(oldMapping);
        assertThat(endpoint.get("last_updated_by").asText()).isEqualTo("bob");
        assertThat(ok(gw.api("GET", "endpoints/get?endpoint_id=" + id)).json().get("endpoint")).isEqualTo(endpoint);
    }

    @Test
    void keeps_the_mappings_when_an_update_does_not_mention_them() {
        String definitionId = definition(gw);
        String id = endpoint(gw, unique("keep"), definitionId);

        JsonNode endpoint = ok(gw.api("PATCH", "endpoints/update", """
                {"endpoint_id": "%s", "usage_tracking": false}
                """.formatted(id))).json().get("endpoint");

        assertThat(definitionsOf(endpoint)).containsExactly(definitionId + "/PRIMARY");
        assertThat(endpoint.get("usage_tracking").asBoolean()).isFalse();
    }

    @Test
    void renames_an_endpoint() {
        String oldName = unique("old");
        String id = endpoint(gw, oldName, definition(gw));
        String newName = unique("new");

        ok(gw.api("PATCH", "endpoints/update", "{\"endpoint_id\": \"" + id + "\", \"name\": \"" + newName + "\"}"));

        assertThat(ok(gw.api("GET", "endpoints/get?name=" + newName)).text("/endpoint/endpoint_id")).isEqualTo(id);
        assertError(gw.api("GET", "endpoints/get?name=" + oldName), 404, "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void refuses_to_rename_an_endpoint_to_a_name_in_use() {
        String taken = unique("taken");
        endpoint(gw, taken, definition(gw));
        String id = endpoint(gw, unique("mine"), definition(gw));

        assertError(gw.api("POST", "endpoints/update", """
                {"endpoint_id": "%s", "name": "%s"}""".formatted(id, taken)), 400, "RESOURCE_ALREADY_EXISTS")
                .contains(taken);
    }

    @Test
    void answers_404_when_updating_or_deleting_an_unknown_endpoint() {
        assertError(gw.api("POST", "endpoints/update", """
                {"endpoint_id": "%s", "name": "x"}""".formatted(UNKNOWN_ENDPOINT)), 404, "RESOURCE_DOES_NOT_EXIST");
        assertError(gw.api("DELETE", "endpoints/delete", "{\"endpoint_id\": \"" + UNKNOWN_ENDPOINT + "\"}"),
                404, "RESOURCE_DOES_NOT_EXIST");
    }

    static Stream<String> invalidNames() {
        return Stream.of("", "x".repeat(65), ".hidden", "a/b", "a b", " leading-space", "trailing-space ", "é");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("invalidNames")
    void refuses_names_that_cannot_appear_in_a_url(String name) {
        String definitionId = definition(gw);

        assertError(createWithName(name, definitionId), 400, "INVALID_PARAMETER_VALUE").contains("endpoint name");
        String id = endpoint(gw, unique("valid"), definitionId);
        assertError(gw.api("POST", "endpoints/update", """
                {"endpoint_id": "%s", "name": "%s"}
                """.formatted(id, name)), 400, "INVALID_PARAMETER_VALUE").contains("endpoint name");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"a.b_c-1", "_x", "-y", "A9"})
    void accepts_names_of_letters_digits_dots_underscores_and_dashes(String name) {
        assertThat(ok(createWithName(name, definition(gw))).text("/endpoint/name")).isEqualTo(name);
    }

    @Test
    void accepts_a_name_of_exactly_64_characters() {
        String name = unique("long");
        name = name + "x".repeat(64 - name.length());

        assertThat(ok(createWithName(name, definition(gw))).text("/endpoint/name")).hasSize(64);
    }

    @Test
    void refuses_a_second_endpoint_with_the_same_name() {
        String name = unique("dup");
        endpoint(gw, name, definition(gw));

        assertError(createWithName(name, definition(gw)), 400, "RESOURCE_ALREADY_EXISTS").contains(name);
    }

    @Test
    void sets_replaces_and_deletes_tags() {
        String id = endpoint(gw, unique("tags"), definition(gw));

        assertThat(ok(setTag(id, "team", "search")).json()).isEqualTo(json("{}"));
        ok(setTag(id, "env", "prod"));
        ok(setTag(id, "team", "ranking"));
        assertThat(tagsOf(id)).isEqualTo(json("[{\"key\": \"env\", \"value\": \"prod\"}, "
                + "{\"key\": \"team\", \"value\": \"ranking\"}]"));

        assertThat(ok(deleteTag(id, "env")).json()).isEqualTo(json("{}"));
        assertThat(tagsOf(id)).isEqualTo(json("[{\"key\": \"team\", \"value\": \"ranking\"}]"));
    }

    @Test
    void refuses_a_tag_key_over_250_characters_and_accepts_one_of_250() {
        String id = endpoint(gw, unique("tagkey"), definition(gw));

        assertError(setTag(id, "k".repeat(251), "v"), 400, "INVALID_PARAMETER_VALUE").contains("250");
        ok(setTag(id, "k".repeat(250), "v"));
        assertThat(tagsOf(id)).hasSize(1);
    }

    @Test
    void answers_404_when_deleting_a_tag_that_is_not_there() {
        String id = endpoint(gw, unique("notag"), definition(gw));

        assertError(deleteTag(id, "missing"), 404, "RESOURCE_DOES_NOT_EXIST").contains("missing");
        assertError(setTag(UNKNOWN_ENDPOINT, "k", "v"), 404, "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void deleting_an_endpoint_removes_it_with_its_bindings_but_keeps_its_model_definitions() {
        String definitionId = definition(gw);
        String id = endpoint(gw, unique("doomed"), definitionId);
        ok(gw.api("POST", "endpoints/bindings/create", """
                {"endpoint_id": "%s", "resource_type": "scorer", "resource_id": "%s"}
                """.formatted(id, unique("judge"))));

        assertThat(ok(gw.api("DELETE", "endpoints/delete", "{\"endpoint_id\": \"" + id + "\"}")).json())
                .isEqualTo(json("{}"));

        assertError(gw.api("GET", "endpoints/get?endpoint_id=" + id), 404, "RESOURCE_DOES_NOT_EXIST");
        assertThat(ok(gw.api("GET", "endpoints/bindings/list?endpoint_id=" + id)).json().get("bindings")).isEmpty();
        assertThat(ids(gw.api("GET", "endpoints/list"))).doesNotContain(id);
        ok(gw.api("GET", "model-definitions/get?model_definition_id=" + definitionId));
        ok(gw.api("DELETE", "model-definitions/delete", "{\"model_definition_id\": \"" + definitionId + "\"}"));
    }

    private static Response createWithName(String name, String definitionId) {
        return gw.api("POST", "endpoints/create", """
                {"name": "%s", "model_configs": [{"model_definition_id": "%s"}]}
                """.formatted(name, definitionId));
    }

    private static Response setTag(String endpointId, String key, String value) {
        return gw.api("POST", "endpoints/set-tag", """
                {"endpoint_id": "%s", "key": "%s", "value": "%s"}
                """.formatted(endpointId, key, value));
    }

    private static Response deleteTag(String endpointId, String key) {
        return gw.api("DELETE", "endpoints/delete-tag", """
                {"endpoint_id": "%s", "key": "%s"}
                """.formatted(endpointId, key));
    }

    private static JsonNode tagsOf(String endpointId) {
        return ok(gw.api("GET", "endpoints/get?endpoint_id=" + endpointId)).json().at("/endpoint/tags");
    }

    private static List<String> ids(Response list) {
        return StreamSupport.stream(ok(list).json().get("endpoints").spliterator(), false)
                .map(e -> e.get("endpoint_id").asText()).toList();
    }

    /** "definition-id/LINKAGE" for each mapping, in the order the API returns them. */
    static List<String> definitionsOf(JsonNode endpoint) {
        return StreamSupport.stream(endpoint.get("model_mappings").spliterator(), false)
                .map(m -> m.get("model_definition_id").asText() + "/" + m.get("linkage_type").asText()).toList();
    }
}
