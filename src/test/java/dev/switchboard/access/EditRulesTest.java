package dev.switchboard.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.TestGateway;
import dev.switchboard.TestGateway.Response;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EDIT on an endpoint lets a user change its split among the models it routes to already; routing
 * it to another model definition needs USE on that one too (MLflow's rule for what an endpoint uses).
 */
class EditRulesTest {

    private static final String PASSWORD = "oscar's password, long enough";

    @TempDir
    Path dir;

    @Test
    void an_editor_reweights_the_endpoints_models_but_needs_use_to_add_one() {
        try (TestGateway gw = TestGateway.withAuth(dir)) {
            Map<String, String> admin = TestGateway.basic("admin", TestGateway.ADMIN_PASSWORD);
            ok(gw.send("POST", "/api/2.0/mlflow/users/create",
                    "{\"username\": \"oscar\", \"password\": \"" + PASSWORD + "\"}", admin));
            String secret = ok(gw.send("POST", TestGateway.API + "secrets/create",
                    "{\"secret_name\": \"k\", \"secret_value\": \"sk-edit-rules-0123456789\", \"provider\": \"openai\"}",
                    admin)).text("/secret/secret_id");
            String a = definition(gw, admin, "a", secret);
            String b = definition(gw, admin, "b", secret);
            String c = definition(gw, admin, "c", secret);
            String endpoint = ok(gw.send("POST", TestGateway.API + "endpoints/create", "{\"name\": \"e\", \"model_configs\": ["
                    + config(a, 50) + ", " + config(b, 50) + "]}", admin)).text("/endpoint/endpoint_id");
            ok(gw.send("POST", TestGateway.API + "endpoints/permissions/create",
                    "{\"endpoint_id\": \"" + endpoint + "\", \"username\": \"oscar\", \"permission\": \"EDIT\"}", admin));
            Map<String, String> oscar = TestGateway.basic("oscar", PASSWORD);

            Response reweighted = gw.send("POST", TestGateway.API + "endpoints/update", "{\"endpoint_id\": \"" + endpoint
                    + "\", \"model_configs\": [" + config(a, 30) + ", " + config(b, 70) + "]}", oscar);
            Response widened = gw.send("POST", TestGateway.API + "endpoints/update", "{\"endpoint_id\": \"" + endpoint
                    + "\", \"model_configs\": [" + config(a, 30) + ", " + config(c, 70) + "]}", oscar);

            assertThat(reweighted.status()).as(reweighted.body()).isEqualTo(200);
            assertThat(reweighted.text("/endpoint/caller_permission")).isEqualTo("EDIT");
            assertThat(widened.status()).as(widened.body()).isEqualTo(403);
            assertThat(widened.text("/message")).contains("USE").contains(c);
        }
    }

    private static String definition(TestGateway gw, Map<String, String> admin, String name, String secret) {
        return ok(gw.send("POST", TestGateway.API + "model-definitions/create", "{\"name\": \"" + name
                + "\", \"secret_id\": \"" + secret + "\", \"provider\": \"openai\", \"model_name\": \"gpt-4o\"}", admin))
                .text("/model_definition/model_definition_id");
    }

    private static String config(String definition, int weight) {
        return "{\"model_definition_id\": \"" + definition + "\", \"linkage_type\": \"PRIMARY\", \"weight\": " + weight + "}";
    }

    private static Response ok(Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 299);
        return response;
    }
}
