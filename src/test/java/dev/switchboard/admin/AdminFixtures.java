package dev.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.TestGateway;
import dev.switchboard.TestGateway.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.assertj.core.api.AbstractStringAssert;

/**
 * What the management API tests share: unique names (so tests can share one server), one-line
 * creation of the resources a test needs, and the assertion for MLflow's error shape.
 */
final class AdminFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AdminFixtures() {
    }

    /** A name no other test uses, valid as an endpoint name and as a provider id. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts a 200 and returns the response, showing the body if it is not. */
    static Response ok(Response response) {
        assertThat(response.status()).as("status of a call answered with %s", response.body()).isEqualTo(200);
        return response;
    }

    /** Asserts MLflow's error shape, {@code {"error_code", "message"}}, and returns an assertion on the message. */
    static AbstractStringAssert<?> assertError(Response response, int status, String errorCode) {
        assertThat(response.status()).as("status of a call answered with %s", response.body()).isEqualTo(status);
        assertThat(response.text("/error_code")).as("error_code in %s", response.body()).isEqualTo(errorCode);
        return assertThat(response.text("/message"));
    }

    /** Creates a secret and returns its id. */
    static String secret(TestGateway gw, String name, String apiKey, String provider) {
        return ok(gw.api("POST", "secrets/create", """
                {"secret_name": "%s", "secret_value": {"api_key": "%s"}, "provider": "%s"}
                """.formatted(name, apiKey, provider))).text("/secret/secret_id");
    }

    static String secret(TestGateway gw) {
        return secret(gw, unique("key"), "sk-test-0123456789abcdef", "openai");
    }

    /** Creates a model definition and returns its id. */
    static String definition(TestGateway gw, String name, String secretId, String provider, String modelName) {
        return ok(gw.api("POST", "model-definitions/create", """
                {"name": "%s", "secret_id": "%s", "provider": "%s", "model_name": "%s"}
                """.formatted(name, secretId, provider, modelName))).text("/model_definition/model_definition_id");
    }

    /** A model definition on a fresh secret. */
    static String definition(TestGateway gw) {
        return definition(gw, unique("def"), secret(gw), "openai", "gpt-4o-mini");
    }

    /** Creates an endpoint with one PRIMARY model and returns its id. */
    static String endpoint(TestGateway gw, String name, String definitionId) {
        return ok(gw.api("POST", "endpoints/create", """
                {"name": "%s", "model_configs": [{"model_definition_id": "%s", "linkage_type": "PRIMARY"}]}
                """.formatted(name, definitionId))).text("/endpoint/endpoint_id");
    }
}
