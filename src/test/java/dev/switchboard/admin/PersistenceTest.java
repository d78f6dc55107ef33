package dev.switchboard.admin;

import static dev.switchboard.admin.AdminFixtures.definition;
import static dev.switchboard.admin.AdminFixtures.ok;
import static dev.switchboard.admin.AdminFixtures.secret;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.TestGateway;
import dev.switchboard.TestGateway.Response;
import dev.switchboard.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What survives a restart on the same database directory, and what the passphrase decides. */
class PersistenceTest {

    private static final String API_KEY = "sk-proj-PLAINTEXT-abcdef0123456789";
    private static final Map<String, String> NO_PASSPHRASE = Map.of();

    @TempDir
    Path dir;

    @Test
    void keeps_everything_across_a_restart_with_the_same_passphrase() {
        JsonNode before;
        try (TestGateway gw = TestGateway.start(dir)) {
            populate(gw);
            before = storedState(gw);
        }

        try (TestGateway gw = TestGateway.start(dir)) {
            assertThat(storedState(gw)).isEqualTo(before);
            assertThat(ok(gw.api("GET", "secrets/config")).json().get("secrets_available")).isEqualTo(BooleanNode.TRUE);
            assertThat(ok(gw.api("GET", "endpoints/get?name=persisted")).json().at("/endpoint/tags"))
                    .hasSize(2);
        }
    }

    @Test
    void keeps_a_secrets_description_across_a_restart() {
        try (TestGateway gw = TestGateway.start(dir)) {
            ok(gw.api("POST", "secrets/create", """
                    {"secret_name": "described", "secret_value": {"api_key": "%s"}, "description": "billing account 7"}
                    """.formatted(API_KEY)));
        }

        try (TestGateway gw = TestGateway.start(dir)) {
            assertThat(ok(gw.api("GET", "secrets/get?secret_name=described")).text("/secret/description"))
                    .isEqualTo("billing account 7");
        }
    }

    @Test
    void starts_with_a_different_passphrase_but_refuses_to_store_secrets_with_it() {
        JsonNode before;
        try (TestGateway gw = TestGateway.start(dir)) {
            populate(gw);
            before = storedState(gw);
        }

        try (TestGateway gw = TestGateway.start(dir, Map.of("SWITCHBOARD_KEK_PASSPHRASE", "a different passphrase"))) {
            JsonNode config = ok(gw.api("GET", "secrets/config")).json();
            assertThat(config.get("secrets_available")).isEqualTo(BooleanNode.FALSE);
            assertThat(config.path("message").asText()).contains("passphrase");

            Response create = gw.api("POST", "secrets/create", """
                    {"secret_name": "new-key", "secret_value": {"api_key": "sk-test-0123456789"}}""");
            assertThat(create.status()).as(create.body()).isEqualTo(400);
            assertThat(create.text("/message")).contains("passphrase");
            Response update = gw.api("POST", "secrets/update", """
                    {"secret_id": "%s", "secret_value": "sk-test-replacement-99"}
                    """.formatted(before.at("/secrets~1list/secrets/0/secret_id").asText()));
            assertThat(update.status()).as(update.body()).isEqualTo(400);

            assertThat(storedState(gw)).isEqualTo(before);
        }
    }

    @Test
    void generates_an_owner_only_passphrase_file_when_none_is_configured_and_reuses_it() throws IOException {
        assumeFalse(TestDatabase.postgresql(), "a generated passphrase file is SQLite's: on a shared database the passphrase must be in the environment");
        Path file = dir.resolve("switchboard.db.passphrase");
        try (TestGateway gw = TestGateway.start(dir, NO_PASSPHRASE)) {
            JsonNode config = ok(gw.api("GET", "secrets/config")).json();
            assertThat(config.get("using_default_passphrase")).isEqualTo(BooleanNode.TRUE);
            assertThat(config.get("secrets_available")).isEqualTo(BooleanNode.TRUE);
            secret(gw, "kept", API_KEY, "openai");
        }
        assertThat(file).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String passphrase = Files.readString(file, UTF_8);
        assertThat(passphrase.strip()).hasSizeGreaterThanOrEqualTo(32);

        try (TestGateway gw = TestGateway.start(dir, NO_PASSPHRASE)) {
            JsonNode config = ok(gw.api("GET", "secrets/config")).json();
            assertThat(config.get("using_default_passphrase")).isEqualTo(BooleanNode.TRUE);
            assertThat(config.get("secrets_available")).as("the stored secret opens with the reused passphrase")
                    .isEqualTo(BooleanNode.TRUE);
            ok(gw.api("GET", "secrets/get?secret_name=kept"));
        }
        assertThat(Files.readString(file, UTF_8)).isEqualTo(passphrase);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void never_writes_the_plaintext_api_key_to_disk() throws IOException, java.sql.SQLException {
        String rotated = "sk-proj-ROTATED-fedcba9876543210";
        try (TestGateway gw = TestGateway.start(dir)) {
            String id = secret(gw, "on-disk", API_KEY, "openai");
            ok(gw.api("POST", "secrets/create", """
                    {"secret_name": "compound", "secret_value": {"client_id": "visible-id", "client_secret": "%s"}}
                    """.formatted(API_KEY + "-2")));
            ok(gw.api("POST", "secrets/update", """
                    {"secret_id": "%s", "secret_value": "%s"}""".formatted(id, rotated)));
        }

        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            String bytes = new String(Files.readAllBytes(file), ISO_8859_1);
            assertThat(bytes).as(file.toString()).doesNotContain("PLAINTEXT").doesNotContain("ROTATED");
        }
        String database = TestDatabase.contents(dir, "switchboard.db");
        assertThat(database).as("the database").doesNotContain("PLAINTEXT").doesNotContain("ROTATED");
        assertThat(database).as("the scan reads the database").contains("on-disk").contains("compound");
    }

    /** A secret, two definitions, an endpoint with a fallback, tags and a binding. */
    private static void populate(TestGateway gw) {
        String secretId = ok(gw.api("POST", "secrets/create", """
                {"secret_name": "persisted-key", "secret_value": {"api_key": "%s"}, "provider": "openai",
                 "auth_config": {"api_base": "https://api.example.com/v1", "timeout": 30}, "created_by": "alice"}
                """.formatted(API_KEY))).text("/secret/secret_id");
        String primary = definition(gw, "primary", secretId, "openai", "gpt-4o");
        String fallback = definition(gw, "fallback", secretId, "openai", "gpt-4o-mini");
        String endpointId = ok(gw.api("POST", "endpoints/create", """
                {"name": "persisted", "usage_tracking": false, "fallback_config": {"max_attempts": 1},
                 "model_configs": [{"model_definition_id": "%s", "weight": 1.0},
                                   {"model_definition_id": "%s", "linkage_type": "FALLBACK", "fallback_order": 3}]}
                """.formatted(primary, fallback))).text("/endpoint/endpoint_id");
        for (String tag : List.of("team", "env")) {
            ok(gw.api("POST", "endpoints/set-tag", """
                    {"endpoint_id": "%s", "key": "%s", "value": "value of %s"}""".formatted(endpointId, tag, tag)));
        }
        ok(gw.api("POST", "endpoints/bindings/create", """
                {"endpoint_id": "%s", "resource_type": "scorer", "resource_id": "judge-1", "display_name": "Judge"}
                """.formatted(endpointId)));
    }

    /** Everything the management API can show about what is stored. */
    private static JsonNode storedState(TestGateway gw) {
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        for (String list : List.of("secrets/list", "model-definitions/list", "endpoints/list",
                "endpoints/bindings/list")) {
            state.set(list, ok(gw.api("GET", list)).json());
        }
        return state;
    }
}
