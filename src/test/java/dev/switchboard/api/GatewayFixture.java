package dev.switchboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A running gateway with helpers to configure endpoints over the management API that route to
 * fake upstreams, and an official OpenAI SDK client pointed at the gateway.
 */
final class GatewayFixture implements AutoCloseable {

    private final TestGateway gateway;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private int counter;

    private GatewayFixture(TestGateway gateway) {
        this.gateway = gateway;
    }

    static GatewayFixture start(Path dir) {
        return new GatewayFixture(TestGateway.start(dir));
    }

    /** A gateway started with these environment variables. */
    static GatewayFixture start(Path dir, java.util.Map<String, String> env) {
        return new GatewayFixture(TestGateway.start(dir, env));
    }

    TestGateway gateway() {
        return gateway;
    }

    /** A fake upstream that is closed with this fixture. */
    FakeUpstream upstream() {
        FakeUpstream upstream = FakeUpstream.start();
        closeables.add(upstream);
        return upstream;
    }

    /** A model definition for {@code model} on an OpenAI-compatible provider at {@code baseUrl}. */
    String definition(String baseUrl, String model) {
        return definition("custom", baseUrl, model);
    }

    /** A model definition for {@code model} on {@code provider}, whose API is at {@code baseUrl}. */
    String definition(String provider, String baseUrl, String model) {
        int n = ++counter;
        String secret = gateway.api("POST", "secrets/create", """
                {"secret_name": "key-%d", "secret_value": {"api_key": "sk-test-secret-%d-abcdef"},
                 "provider": "%s", "auth_config": {"api_base": "%s"}}""".formatted(n, n, provider, baseUrl))
                .text("/secret/secret_id");
        return gateway.api("POST", "model-definitions/create", """
                {"name": "def-%d", "secret_id": "%s", "provider": "%s", "model_name": "%s"}"""
                .formatted(n, secret, provider, model)).text("/model_definition/model_definition_id");
    }

    /** Creates an endpoint from raw {@code model_configs} JSON and more fields; returns its id. */
    String endpoint(String name, String modelConfigsJson, String moreFields) {
        TestGateway.Response response = gateway.api("POST", "endpoints/create", """
                {"name": "%s", "model_configs": %s %s}""".formatted(name, modelConfigsJson,
                moreFields.isEmpty() ? "" : ", " + moreFields));
        if (response.status() != 200) {
            throw new AssertionError("endpoint create failed: " + response.body());
        }
        return response.text("/endpoint/endpoint_id");
    }

    /** An endpoint with one PRIMARY target. */
    String endpoint(String name, String definitionId) {
        return endpoint(name, "[{\"model_definition_id\": \"" + definitionId + "\"}]", "");
    }

    JsonNode update(String json) {
        TestGateway.Response response = gateway.api("POST", "endpoints/update", json);
        if (response.status() != 200) {
            throw new AssertionError("endpoint update failed: " + response.body());
        }
        return response.json();
    }

    /**
     * A raw HTTP call to the gateway with its response headers, JSON if {@code body} is given;
     * {@code headers} are name, value pairs.
     */
    HttpResponse<String> exchange(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The official OpenAI SDK, pointed at the gateway's OpenAI routes, without client-side retries. */
    OpenAIClient openai() {
        return OpenAIOkHttpClient.builder()
                .baseUrl(gateway.uri("/gateway/openai/v1").toString())
                .apiKey("not-needed")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    /** The SDK pointed at MLflow's unified OpenAI-shaped route. */
    OpenAIClient mlflowOpenai() {
        return OpenAIOkHttpClient.builder()
                .baseUrl(gateway.uri("/gateway/mlflow/v1").toString())
                .apiKey("not-needed")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    @Override
    public void close() throws Exception {
        gateway.close();
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }
}
