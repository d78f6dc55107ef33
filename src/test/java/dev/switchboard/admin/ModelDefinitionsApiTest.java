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
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code model-definitions/*} over HTTP: reusable (provider, model, secret) triples. */
class ModelDefinitionsApiTest {

    private static final String UNKNOWN_SECRET = "s-00000000000000000000000000000000";
    private static final String UNKNOWN_DEFINITION = "d-00000000000000000000000000000000";

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
    void creates_a_definition_that_names_its_secret() {
        String secretName = unique("key");
        String secretId = secret(gw, secretName, "sk-test-0123456789", "openai");
        String name = unique("gpt");

        JsonNode created = ok(gw.api("POST", "model-definitions/create", """
                {"name": "%s", "secret_id": "%s", "provider": "openai", "model_name": "gpt-4o", "created_by": "alice"}
                """.formatted(name, secretId))).json().get("model_definition");

        assertThat(created.get("model_definition_id").asText()).matches("d-[0-9a-f]{32}");
        assertThat(created.get("name").asText()).isEqualTo(name);
        assertThat(created.get("secret_id").asText()).isEqualTo(secretId);
        assertThat(created.get("secret_name").asText()).isEqualTo(secretName);
        assertThat(created.get("provider").asText()).isEqualTo("openai");
        assertThat(created.get("model_name").asText()).isEqualTo("gpt-4o");
        assertThat(created.get("created_by").asText()).isEqualTo("alice");
        assertThat(created.get("created_at").asLong()).isPositive();
    }

    @Test
    void gets_a_definition_by_id_and_by_name() {
        String name = unique("by");
        String id = definition(gw, name, secret(gw), "openai", "gpt-4o");
        JsonNode byId = ok(gw.api("GET", "model-definitions/get?model_definition_id=" + id)).json();

        JsonNode byName = ok(gw.api("GET", "model-definitions/get?name=" + name)).json();

        assertThat(byId.at("/model_definition/name").asText()).isEqualTo(name);
        assertThat(byName).isEqualTo(byId);
    }

    @Test
    void requires_exactly_one_of_model_definition_id_or_name() {
        String name = unique("one-of");
        String id = definition(gw, name, secret(gw), "openai", "gpt-4o");

        assertError(gw.api("GET", "model-definitions/get?model_definition_id=" + id + "&name=" + name), 400,
                "INVALID_PARAMETER_VALUE").isEqualTo("Exactly one of model_definition_id or name must be provided");
        assertError(gw.api("GET", "model-definitions/get"), 400, "INVALID_PARAMETER_VALUE")
                .isEqualTo("Exactly one of model_definition_id or name must be provided");
    }

    @Test
    void answers_404_for_an_unknown_definition() {
        assertError(gw.api("GET", "model-definitions/get?model_definition_id=" + UNKNOWN_DEFINITION), 404,
                "RESOURCE_DOES_NOT_EXIST").contains(UNKNOWN_DEFINITION);
        assertError(gw.api("POST", "model-definitions/update",
                "{\"model_definition_id\": \"" + UNKNOWN_DEFINITION + "\", \"model_name\": \"x\"}"),
                404, "RESOURCE_DOES_NOT_EXIST");
        assertError(gw.api("DELETE", "model-definitions/delete",
                "{\"model_definition_id\": \"" + UNKNOWN_DEFINITION + "\"}"), 404, "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void refuses_a_second_definition_with_the_same_name() {
        String name = unique("dup");
        definition(gw, name, secret(gw), "openai", "gpt-4o");

        assertError(gw.api("POST", "model-definitions/create", """
                {"name": "%s", "secret_id": "%s", "provider": "openai", "model_name": "gpt-4o-mini"}
                """.formatted(name, secret(gw))), 400, "RESOURCE_ALREADY_EXISTS")
                .isEqualTo("Model definition with name '" + name + "' already exists");
    }

    @Test
    void refuses_an_unknown_secret_id_with_404() {
        assertError(gw.api("POST", "model-definitions/create", """
                {"name": "%s", "secret_id": "%s", "provider": "openai", "model_name": "gpt-4o"}
                """.formatted(unique("nosecret"), UNKNOWN_SECRET)), 404, "RESOURCE_DOES_NOT_EXIST")
                .contains(UNKNOWN_SECRET);

        String id = definition(gw);
        assertError(gw.api("POST", "model-definitions/update", """
                {"model_definition_id": "%s", "secret_id": "%s"}
                """.formatted(id, UNKNOWN_SECRET)), 404, "RESOURCE_DOES_NOT_EXIST").contains(UNKNOWN_SECRET);
    }

    @Test
    void refuses_a_provider_the_gateway_cannot_call_with_the_tables_reason_and_takes_one_it_now_calls() {
        String bedrockKey = secret(gw, unique("aws"), "bedrock-key-0123456789", "bedrock");
        assertError(gw.api("POST", "model-definitions/create", """
                {"name": "%s", "secret_id": "%s", "provider": "bedrock", "model_name": "anthropic.claude-sonnet-4"}
                """.formatted(unique("claude"), bedrockKey)), 400, "INVALID_PARAMETER_VALUE")
                .contains("Provider 'bedrock' (Amazon Bedrock) is in the provider catalog but this gateway cannot call"
                        + " it: needs the Bedrock Converse API and AWS SigV4 signing: not built yet");

        String cohereKey = secret(gw, unique("cohere"), "cohere-key-0123456789", "cohere");
        assertThat(definition(gw, unique("command"), cohereKey, "cohere", "command-a-03-2025")).startsWith("d-");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST", "PATCH"})
    void renames_repoints_the_secret_and_changes_the_model(String method) {
        String id = definition(gw, unique("before"), secret(gw), "openai", "gpt-4o");
        String newSecretName = unique("new-key");
        String newSecret = secret(gw, newSecretName, "sk-test-newnewnew99", "openai");
        String newName = unique("after");

        JsonNode updated = ok(gw.api(method, "model-definitions/update", """
                {"model_definition_id": "%s", "name": "%s", "secret_id": "%s", "model_name": "gpt-4.1",
                 "updated_by": "bob"}
                """.formatted(id, newName, newSecret))).json().get("model_definition");

        assertThat(updated.get("model_definition_id").asText()).isEqualTo(id);
        assertThat(updated.get("name").asText()).isEqualTo(newName);
        assertThat(updated.get("secret_id").asText()).isEqualTo(newSecret);
        assertThat(updated.get("secret_name").asText()).isEqualTo(newSecretName);
        assertThat(updated.get("model_name").asText()).isEqualTo("gpt-4.1");
        assertThat(updated.get("provider").asText()).isEqualTo("openai");
        assertThat(updated.get("last_updated_by").asText()).isEqualTo("bob");
        assertThat(ok(gw.api("GET", "model-definitions/get?name=" + newName)).json().get("model_definition"))
                .isEqualTo(updated);
        assertError(gw.api("GET", "model-definitions/get?name=" + newName.replace("after", "before")), 404,
                "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void leaves_fields_that_an_update_does_not_mention() {
        String name = unique("partial");
        String secretId = secret(gw, unique("key"), "sk-ant-test-0123456789", "anthropic");
        String id = definition(gw, name, secretId, "anthropic", "claude-sonnet-4");

        JsonNode updated = ok(gw.api("PATCH", "model-definitions/update", """
                {"model_definition_id": "%s", "model_name": "claude-opus-4"}
                """.formatted(id))).json().get("model_definition");

        assertThat(updated.get("name").asText()).isEqualTo(name);
        assertThat(updated.get("secret_id").asText()).isEqualTo(secretId);
        assertThat(updated.get("provider").asText()).isEqualTo("anthropic");
        assertThat(updated.get("model_name").asText()).isEqualTo("claude-opus-4");
    }

    @Test
    void refuses_to_rename_a_definition_to_a_name_in_use() {
        String taken = unique("taken");
        definition(gw, taken, secret(gw), "openai", "gpt-4o");
        String id = definition(gw);

        assertError(gw.api("POST", "model-definitions/update", """
                {"model_definition_id": "%s", "name": "%s"}
                """.formatted(id, taken)), 400, "RESOURCE_ALREADY_EXISTS")
                .isEqualTo("Model definition with name '" + taken + "' already exists");
    }

    @Test
    void lists_definitions_by_provider_and_by_secret() {
        String provider = "sambanova";
        String secretId = secret(gw, unique("any-provider"), "sk-test-0123456789", "");
        String a = definition(gw, unique("a"), secretId, provider, "m1");
        String b = definition(gw, unique("b"), secretId, "openai", "m2");
        String c = definition(gw, unique("c"), secret(gw, unique("key"), "sk-test-0123456789", provider), provider, "m3");

        assertThat(ids(gw.api("GET", "model-definitions/list"))).contains(a, b, c);
        assertThat(ids(gw.api("GET", "model-definitions/list?provider=" + provider))).containsExactly(a, c);
        assertThat(ids(gw.api("GET", "model-definitions/list?secret_id=" + secretId))).containsExactly(a, b);
        assertThat(ids(gw.api("GET", "model-definitions/list?provider=" + provider + "&secret_id=" + secretId)))
                .containsExactly(a);
    }

    @Test
    void refuses_a_secret_stored_for_another_provider_so_its_key_goes_to_no_other_host() {
        String openAiKey = secret(gw);
        String name = unique("elsewhere");

        assertError(gw.api("POST", "model-definitions/create", """
                {"name": "%s", "secret_id": "%s", "provider": "ollama", "model_name": "llama3"}
                """.formatted(name, openAiKey)), 400, "INVALID_PARAMETER_VALUE")
                .contains("'ollama'").contains("'openai'");
        assertError(gw.api("GET", "model-definitions/get?name=" + name), 404, "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void refuses_to_move_a_definition_to_another_provider_than_its_secrets() {
        String id = definition(gw);

        assertError(gw.api("PATCH", "model-definitions/update", """
                {"model_definition_id": "%s", "provider": "openrouter"}
                """.formatted(id)), 400, "INVALID_PARAMETER_VALUE").contains("'openrouter'").contains("'openai'");
        assertThat(ok(gw.api("GET", "model-definitions/get?model_definition_id=" + id)).text("/model_definition/provider"))
                .isEqualTo("openai");
    }

    @Test
    void refuses_to_repoint_a_definition_to_a_secret_of_another_provider() {
        String id = definition(gw);
        String groqKey = secret(gw, unique("groq"), "gsk-test-0123456789", "groq");

        assertError(gw.api("POST", "model-definitions/update", """
                {"model_definition_id": "%s", "secret_id": "%s"}
                """.formatted(id, groqKey)), 400, "INVALID_PARAMETER_VALUE").contains("'groq'");
    }

    @Test
    void moves_a_definition_and_its_secret_to_another_provider_together() {
        String id = definition(gw);
        String groqKey = secret(gw, unique("groq"), "gsk-test-0123456789", "groq");

        JsonNode updated = ok(gw.api("POST", "model-definitions/update", """
                {"model_definition_id": "%s", "secret_id": "%s", "provider": "groq"}
                """.formatted(id, groqKey))).json().get("model_definition");

        assertThat(updated.get("provider").asText()).isEqualTo("groq");
        assertThat(updated.get("secret_id").asText()).isEqualTo(groqKey);
    }

    @Test
    void deletes_an_unused_definition() {
        String id = definition(gw);

        assertThat(ok(gw.api("DELETE", "model-definitions/delete", "{\"model_definition_id\": \"" + id + "\"}")).json())
                .isEqualTo(json("{}"));

        assertError(gw.api("GET", "model-definitions/get?model_definition_id=" + id), 404, "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void refuses_to_delete_a_definition_an_endpoint_uses_until_it_is_detached() {
        String primary = definition(gw);
        String fallback = definition(gw);
        String endpointId = endpoint(gw, unique("uses"), primary);
        ok(gw.api("POST", "endpoints/models/attach", """
                {"endpoint_id": "%s", "model_config": {"model_definition_id": "%s", "linkage_type": "FALLBACK"}}
                """.formatted(endpointId, fallback)));

        assertError(gw.api("DELETE", "model-definitions/delete", "{\"model_definition_id\": \"" + fallback + "\"}"),
                400, "INVALID_STATE").contains("in use");
        assertError(gw.api("DELETE", "model-definitions/delete", "{\"model_definition_id\": \"" + primary + "\"}"),
                400, "INVALID_STATE").contains("in use");
        ok(gw.api("GET", "model-definitions/get?model_definition_id=" + fallback));

        ok(gw.api("POST", "endpoints/models/detach", """
                {"endpoint_id": "%s", "model_definition_id": "%s"}
                """.formatted(endpointId, fallback)));

        ok(gw.api("DELETE", "model-definitions/delete", "{\"model_definition_id\": \"" + fallback + "\"}"));
        assertError(gw.api("GET", "model-definitions/get?model_definition_id=" + fallback), 404,
                "RESOURCE_DOES_NOT_EXIST");
    }

    private static List<String> ids(Response list) {
        return StreamSupport.stream(ok(list).json().get("model_definitions").spliterator(), false)
                .map(d -> d.get("model_definition_id").asText()).toList();
    }
}
