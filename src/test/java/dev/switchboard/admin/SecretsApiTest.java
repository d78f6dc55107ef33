package dev.switchboard.admin;

import static dev.switchboard.admin.AdminFixtures.assertError;
import static dev.switchboard.admin.AdminFixtures.definition;
import static dev.switchboard.admin.AdminFixtures.json;
import static dev.switchboard.admin.AdminFixtures.ok;
import static dev.switchboard.admin.AdminFixtures.secret;
import static dev.switchboard.admin.AdminFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
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

/** {@code secrets/*} over HTTP: values go in, only masks come out. */
class SecretsApiTest {

    private static final String KEY = "sk-test-abcdefgh1234";

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
    void creates_a_secret_with_an_id_and_a_masked_value_but_never_the_value() {
        String name = unique("openai-key");

        Response created = gw.api("POST", "secrets/create", """
                {"secret_name": "%s", "secret_value": {"api_key": "%s"}, "provider": "openai",
                 "auth_config": {"api_base": "https://api.example.com/v1", "max_retries": 3, "beta": true},
                 "created_by": "alice"}
                """.formatted(name, KEY));

        JsonNode secret = ok(created).json().get("secret");
        assertThat(secret.get("secret_id").asText()).matches("s-[0-9a-f]{32}");
        assertThat(secret.get("secret_name").asText()).isEqualTo(name);
        assertThat(secret.get("masked_values")).isEqualTo(json("{\"api_key\": \"sk-...1234\"}"));
        assertThat(secret.get("provider").asText()).isEqualTo("openai");
        assertThat(secret.get("auth_config")).isEqualTo(
                json("{\"api_base\": \"https://api.example.com/v1\", \"max_retries\": 3, \"beta\": true}"));
        assertThat(secret.get("created_by").asText()).isEqualTo("alice");
        assertThat(secret.get("created_at").asLong()).isPositive();
        assertThat(created.body()).doesNotContain(KEY);
    }

    @Test
    void accepts_a_plain_string_secret_value_as_an_api_key() {
        JsonNode secret = ok(gw.api("POST", "secrets/create", """
                {"secret_name": "%s", "secret_value": "sk-plain-string-9876"}
                """.formatted(unique("plain")))).json().get("secret");

        assertThat(secret.get("masked_values")).isEqualTo(json("{\"api_key\": \"sk-...9876\"}"));
    }

    @Test
    void masks_every_field_of_a_compound_secret() {
        JsonNode secret = ok(gw.api("POST", "secrets/create", """
                {"secret_name": "%s", "provider": "bedrock",
                 "auth_config": {"auth_mode": "access_keys", "aws_region_name": "us-east-1"},
                 "secret_value": {"aws_access_key_id": "AKIAEXAMPLE0001", "aws_secret_access_key": "short"}}
                """.formatted(unique("aws")))).json().get("secret");

        assertThat(secret.get("masked_values")).isEqualTo(
                json("{\"aws_access_key_id\": \"AKI...0001\", \"aws_secret_access_key\": \"***\"}"));
    }

    @Test
    void gets_a_secret_by_id_and_by_name_without_its_value() {
        String name = unique("get-me");
        JsonNode created = ok(gw.api("POST", "secrets/create", """
                {"secret_name": "%s", "secret_value": {"api_key": "%s"}, "auth_config": {"region": "eu"}}
                """.formatted(name, KEY))).json().get("secret");
        String id = created.get("secret_id").asText();

        Response byId = ok(gw.api("GET", "secrets/get?secret_id=" + id));
        Response byName = ok(gw.api("GET", "secrets/get?secret_name=" + name));

        assertThat(byId.json().get("secret")).isEqualTo(created);
        assertThat(byName.json().get("secret")).isEqualTo(created);
        assertThat(byId.body() + byName.body()).doesNotContain(KEY);
    }

    @Test
    void requires_exactly_one_of_secret_id_or_secret_name() {
        String name = unique("one-of");
        String id = secret(gw, name, KEY, "openai");

        assertError(gw.api("GET", "secrets/get?secret_id=" + id + "&secret_name=" + name), 400,
                "INVALID_PARAMETER_VALUE").isEqualTo("Exactly one of secret_id or secret_name must be provided");
        assertError(gw.api("GET", "secrets/get"), 400, "INVALID_PARAMETER_VALUE")
                .isEqualTo("Exactly one of secret_id or secret_name must be provided");
    }

    @Test
    void refuses_a_second_secret_with_the_same_name() {
        String name = unique("dup");
        secret(gw, name, KEY, "openai");

        assertError(gw.api("POST", "secrets/create", """
                {"secret_name": "%s", "secret_value": {"api_key": "sk-another-one-5678"}}
                """.formatted(name)), 400, "RESOURCE_ALREADY_EXISTS")
                .isEqualTo("Secret with name '" + name + "' already exists");
    }

    @Test
    void answers_404_for_an_unknown_secret_id() {
        String unknown = "s-00000000000000000000000000000000";

        assertError(gw.api("GET", "secrets/get?secret_id=" + unknown), 404, "RESOURCE_DOES_NOT_EXIST")
                .contains(unknown);
        assertError(gw.api("GET", "secrets/get?secret_name=no-such-secret"), 404, "RESOURCE_DOES_NOT_EXIST")
                .contains("no-such-secret");
        assertError(gw.api("POST", "secrets/update", """
                {"secret_id": "%s", "secret_value": "sk-x-12345678"}""".formatted(unknown)), 404,
                "RESOURCE_DOES_NOT_EXIST");
        assertError(gw.api("DELETE", "secrets/delete", "{\"secret_id\": \"" + unknown + "\"}"),
                404, "RESOURCE_DOES_NOT_EXIST");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST", "PATCH"})
    void updates_the_value_and_shows_the_new_mask(String method) {
        String id = secret(gw, unique("rotate"), KEY, "openai");

        Response updated = gw.api(method, "secrets/update", """
                {"secret_id": "%s", "secret_value": {"api_key": "sk-new-value-0000wxyz"}, "updated_by": "bob"}
                """.formatted(id));

        JsonNode secret = ok(updated).json().get("secret");
        assertThat(secret.get("masked_values")).isEqualTo(json("{\"api_key\": \"sk-...wxyz\"}"));
        assertThat(secret.get("last_updated_by").asText()).isEqualTo("bob");
        assertThat(secret.get("last_updated_at").asLong()).isGreaterThanOrEqualTo(secret.get("created_at").asLong());
        assertThat(updated.body()).doesNotContain("sk-new-value-0000wxyz");
        assertThat(ok(gw.api("GET", "secrets/get?secret_id=" + id)).json().get("secret").get("masked_values"))
                .isEqualTo(json("{\"api_key\": \"sk-...wxyz\"}"));
    }

    @ParameterizedTest(name = "secret_value {0}")
    @ValueSource(strings = {"absent", "{}", "null", "{\"api_key\": \"\"}"})
    void keeps_the_old_value_when_the_update_has_no_new_one(String value) {
        String id = secret(gw, unique("keep"), KEY, "openai");
        String field = value.equals("absent") ? "" : ", \"secret_value\": " + value;

        Response updated = gw.api("PATCH", "secrets/update", """
                {"secret_id": "%s"%s, "auth_config": {"region": "us"}}
                """.formatted(id, field));

        JsonNode secret = ok(updated).json().get("secret");
        assertThat(secret.get("masked_values")).isEqualTo(json("{\"api_key\": \"sk-...1234\"}"));
        assertThat(secret.get("auth_config")).isEqualTo(json("{\"region\": \"us\"}"));
    }

    @Test
    void keeps_the_old_value_when_the_update_sends_an_empty_string() {
        String id = secret(gw, unique("keep-empty"), KEY, "openai");

        Response updated = gw.api("POST", "secrets/update", """
                {"secret_id": "%s", "secret_value": ""}
                """.formatted(id));

        assertThat(ok(updated).json().get("secret").get("masked_values"))
                .isEqualTo(json("{\"api_key\": \"sk-...1234\"}"));
    }

    @Test
    void replaces_auth_config_on_update_and_clears_it_with_an_empty_object() {
        String id = ok(gw.api("POST", "secrets/create", """
                {"secret_name": "%s", "secret_value": {"api_key": "%s"},
                 "auth_config": {"organization": "org-a", "region": "eu"}}
                """.formatted(unique("auth"), KEY))).text("/secret/secret_id");

        JsonNode replaced = ok(gw.api("POST", "secrets/update", """
                {"secret_id": "%s", "auth_config": {"organization": "org-b"}}
                """.formatted(id))).json().get("secret");
        assertThat(replaced.get("auth_config")).isEqualTo(json("{\"organization\": \"org-b\"}"));

        JsonNode cleared = ok(gw.api("POST", "secrets/update", """
                {"secret_id": "%s", "auth_config": {}}
                """.formatted(id))).json().get("secret");
        assertThat(cleared.get("auth_config")).isEqualTo(json("{}"));
        assertThat(ok(gw.api("GET", "secrets/get?secret_id=" + id)).json().at("/secret/auth_config"))
                .isEqualTo(json("{}"));
    }

    @ParameterizedTest(name = "auth_config {0}")
    @ValueSource(strings = {"{\"api_base\": \"https://attacker.example/v1\"}", "{}", "{\"api_base\": \"\"}"})
    void refuses_to_change_where_the_key_goes_without_the_key_and_changes_nothing(String authConfig) {
        String id = ok(gw.api("POST", "secrets/create", """
                {"secret_name": "%s", "secret_value": {"api_key": "%s"}, "provider": "openai",
                 "auth_config": {"api_base": "https://proxy.example.com/v1"}}
                """.formatted(unique("aimed"), KEY))).text("/secret/secret_id");

        assertError(gw.api("POST", "secrets/update", """
                {"secret_id": "%s", "auth_config": %s}
                """.formatted(id, authConfig)), 400, "INVALID_PARAMETER_VALUE")
                .contains("auth_config.api_base").contains("secret_value");

        assertThat(ok(gw.api("GET", "secrets/get?secret_id=" + id)).json().at("/secret/auth_config"))
                .isEqualTo(json("{\"api_base\": \"https://proxy.example.com/v1\"}"));
    }

    @Test
    void refuses_to_give_a_key_an_api_base_it_did_not_have_without_the_key() {
        String id = secret(gw, unique("unaimed"), KEY, "openai");

        assertError(gw.api("PATCH", "secrets/update", """
                {"secret_id": "%s", "secret_value": {}, "auth_config": {"api_base": "https://attacker.example/v1"}}
                """.formatted(id)), 400, "INVALID_PARAMETER_VALUE").contains("auth_config.api_base");
    }

    @Test
    void changes_where_the_key_goes_when_the_update_carries_the_key() {
        String id = secret(gw, unique("reaimed"), KEY, "openai");

        JsonNode updated = ok(gw.api("POST", "secrets/update", """
                {"secret_id": "%s", "secret_value": {"api_key": "sk-new-value-0000wxyz"},
                 "auth_config": {"api_base": "https://proxy.example.com/v1"}}
                """.formatted(id))).json().get("secret");

        assertThat(updated.at("/auth_config/api_base").asText()).isEqualTo("https://proxy.example.com/v1");
        assertThat(updated.at("/masked_values/api_key").asText()).isEqualTo("sk-...wxyz");
    }

    @Test
    void other_settings_change_without_the_key_when_the_api_base_stays() {
        String id = ok(gw.api("POST", "secrets/create", """
                {"secret_name": "%s", "secret_value": {"api_key": "%s"}, "provider": "openai",
                 "auth_config": {"api_base": "https://proxy.example.com/v1"}}
                """.formatted(unique("same-base"), KEY))).text("/secret/secret_id");

        JsonNode updated = ok(gw.api("POST", "secrets/update", """
                {"secret_id": "%s", "auth_config": {"api_base": "https://proxy.example.com/v1", "organization": "o"}}
                """.formatted(id))).json().get("secret");

        assertThat(updated.at("/auth_config/organization").asText()).isEqualTo("o");
        assertThat(updated.at("/masked_values/api_key").asText()).isEqualTo("sk-...1234");
    }

    @Test
    void keeps_a_description_given_at_creation_and_returns_it_from_get_and_list() {
        String name = unique("described");

        JsonNode created = ok(gw.api("POST", "secrets/create", """
                {"secret_name": "%s", "secret_value": {"api_key": "%s"}, "provider": "openai",
                 "description": "Team Atlas, production"}
                """.formatted(name, KEY))).json().get("secret");
        String id = created.get("secret_id").asText();

        assertThat(created.get("description").asText()).isEqualTo("Team Atlas, production");
        assertThat(ok(gw.api("GET", "secrets/get?secret_id=" + id)).text("/secret/description"))
                .isEqualTo("Team Atlas, production");
        assertThat(ok(gw.api("GET", "secrets/get?secret_name=" + name)).text("/secret/description"))
                .isEqualTo("Team Atlas, production");
        JsonNode listed = StreamSupport.stream(ok(gw.api("GET", "secrets/list")).json().get("secrets").spliterator(), false)
                .filter(s -> s.get("secret_id").asText().equals(id)).findFirst().orElseThrow();
        assertThat(listed.get("description").asText()).isEqualTo("Team Atlas, production");
    }

    @Test
    void leaves_description_out_when_a_secret_has_none() {
        String id = secret(gw, unique("undescribed"), KEY, "openai");

        assertThat(ok(gw.api("GET", "secrets/get?secret_id=" + id)).json().get("secret").has("description")).isFalse();
    }

    @Test
    void update_replaces_the_description_keeps_it_when_absent_and_clears_it_when_empty() {
        String id = ok(gw.api("POST", "secrets/create", """
                {"secret_name": "%s", "secret_value": {"api_key": "%s"}, "description": "old"}
                """.formatted(unique("redescribed"), KEY))).text("/secret/secret_id");

        JsonNode replaced = ok(gw.api("PATCH", "secrets/update", """
                {"secret_id": "%s", "description": "new"}""".formatted(id))).json().get("secret");
        assertThat(replaced.get("description").asText()).isEqualTo("new");
        assertThat(replaced.get("masked_values")).isEqualTo(json("{\"api_key\": \"sk-...1234\"}"));

        JsonNode kept = ok(gw.api("POST", "secrets/update", """
                {"secret_id": "%s", "secret_value": "sk-rotated-value-5678"}""".formatted(id))).json().get("secret");
        assertThat(kept.get("description").asText()).isEqualTo("new");

        JsonNode cleared = ok(gw.api("POST", "secrets/update", """
                {"secret_id": "%s", "description": ""}""".formatted(id))).json().get("secret");
        assertThat(cleared.has("description")).isFalse();
        assertThat(ok(gw.api("GET", "secrets/get?secret_id=" + id)).json().get("secret").has("description")).isFalse();
    }

    @Test
    void refuses_a_description_that_is_not_a_string() {
        assertError(gw.api("POST", "secrets/create", """
                {"secret_name": "%s", "secret_value": {"api_key": "%s"}, "description": 42}
                """.formatted(unique("bad-description"), KEY)), 400, "INVALID_PARAMETER_VALUE");
    }

    @Test
    void lists_every_secret_or_only_those_of_one_provider() {
        String provider = "deepinfra";
        String mine = secret(gw, unique("listed"), KEY, provider);
        String other = secret(gw, unique("other"), KEY, "nvidia_nim");

        Response all = ok(gw.api("GET", "secrets/list"));
        Response filtered = ok(gw.api("GET", "secrets/list?provider=" + provider));

        assertThat(ids(all.json())).contains(mine, other);
        assertThat(ids(filtered.json())).containsExactly(mine);
        assertThat(all.body()).doesNotContain(KEY);
    }

    @Test
    void deleting_a_secret_orphans_the_model_definitions_that_used_it() {
        String secretId = secret(gw, unique("doomed"), KEY, "openai");
        String definitionId = definition(gw, unique("def"), secretId, "openai", "gpt-4o");

        assertThat(ok(gw.api("DELETE", "secrets/delete", "{\"secret_id\": \"" + secretId + "\"}")).json())
                .isEqualTo(json("{}"));

        assertError(gw.api("GET", "secrets/get?secret_id=" + secretId), 404, "RESOURCE_DOES_NOT_EXIST");
        JsonNode orphan = ok(gw.api("GET", "model-definitions/get?model_definition_id=" + definitionId))
                .json().get("model_definition");
        assertThat(orphan.get("model_definition_id").asText()).isEqualTo(definitionId);
        assertThat(orphan.has("secret_id")).as("secret_id of %s", orphan).isFalse();
        assertThat(orphan.has("secret_name")).as("secret_name of %s", orphan).isFalse();
    }

    @Test
    void reports_secrets_available_with_a_configured_passphrase() {
        JsonNode config = ok(gw.api("GET", "secrets/config")).json();

        assertThat(config.get("secrets_available")).isEqualTo(BooleanNode.TRUE);
        assertThat(config.get("using_default_passphrase")).isEqualTo(BooleanNode.FALSE);
    }

    private static List<String> ids(JsonNode list) {
        return StreamSupport.stream(list.get("secrets").spliterator(), false)
                .map(s -> s.get("secret_id").asText()).toList();
    }

    @Test
    void serves_the_secrets_config_check_at_mlflows_other_path_too() {
        for (String path : java.util.List.of("/api/3.0/mlflow/secrets/config", "/ajax-api/3.0/mlflow/secrets/config")) {
            var response = gw.send("GET", path, null);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.json().path("secrets_available").asBoolean()).isTrue();
        }
    }
}
