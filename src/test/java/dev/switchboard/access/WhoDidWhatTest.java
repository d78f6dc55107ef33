package dev.switchboard.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.TestGateway;
import dev.switchboard.TestGateway.Response;
import dev.switchboard.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every management write records who made it: the signed-in user, or the user and key, whatever
 * the body's {@code created_by} says; permissions and users record who gave or made them.
 */
class WhoDidWhatTest {

    private static final String PASSWORD = "alice's password, long enough";

    @TempDir
    Path dir;

    @Test
    void changes_record_the_caller_not_the_body() throws SQLException {
        try (TestGateway gw = TestGateway.withAuth(dir)) {
            Map<String, String> admin = TestGateway.basic("admin", TestGateway.ADMIN_PASSWORD);
            ok(gw.send("POST", "/api/2.0/mlflow/users/create", "{\"username\": \"alice\", \"password\": \"" + PASSWORD
                    + "\"}", admin));
            String secret = ok(gw.send("POST", TestGateway.API + "secrets/create", """
                    {"secret_name": "k", "secret_value": "sk-who-did-what-0123456789", "provider": "openai",
                     "created_by": "mallory"}""", admin)).text("/secret/secret_id");
            ok(gw.send("POST", TestGateway.API + "secrets/permissions/create",
                    "{\"secret_id\": \"" + secret + "\", \"username\": \"alice\", \"permission\": \"USE\"}", admin));
            Map<String, String> alice = TestGateway.basic("alice", PASSWORD);
            String key = ok(gw.send("POST", TestGateway.API + "gateway-keys/create", "{\"name\": \"ci\"}", alice))
                    .text("/key");

            Response definition = ok(gw.send("POST", TestGateway.API + "model-definitions/create",
                    "{\"name\": \"d\", \"secret_id\": \"" + secret + "\", \"provider\": \"openai\", "
                            + "\"model_name\": \"gpt-4o\", \"created_by\": \"mallory\"}", alice));
            Response endpoint = ok(gw.send("POST", TestGateway.API + "endpoints/create",
                    "{\"name\": \"e\", \"model_configs\": [{\"model_definition_id\": \""
                            + definition.text("/model_definition/model_definition_id") + "\"}], \"created_by\": \"mallory\"}",
                    Map.of("Authorization", "Bearer " + key)));

            assertThat(definition.text("/model_definition/created_by")).isEqualTo("alice");
            // The creator manages what they made, and the views say so to them.
            assertThat(ok(gw.send("GET", TestGateway.API + "endpoints/list", null, alice))
                    .text("/endpoints/0/caller_permission")).isEqualTo("MANAGE");
            assertThat(endpoint.text("/endpoint/created_by")).isEqualTo("alice (gateway key ci)");
            try (Connection db = TestDatabase.connect(dir, "switchboard.db")) {
                assertThat(one(db, "SELECT created_by FROM secrets")).isEqualTo("admin");
                assertThat(one(db, "SELECT created_by FROM users WHERE username = 'alice'")).isEqualTo("admin");
                assertThat(one(db, "SELECT granted_by FROM permissions WHERE resource_type = 'secret' AND user_id = "
                        + "(SELECT user_id FROM users WHERE username = 'alice')")).isEqualTo("admin");
                // The creator's MANAGE is recorded as given by the creator.
                assertThat(one(db, "SELECT granted_by FROM permissions WHERE resource_type = 'endpoint'"))
                        .isEqualTo("alice (gateway key ci)");
                assertThat(one(db, "SELECT created_by FROM gateway_keys")).isEqualTo("alice");
            }
        }
    }

    private static String one(Connection db, String sql) throws SQLException {
        try (var statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    private static Response ok(Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 299);
        return response;
    }
}
