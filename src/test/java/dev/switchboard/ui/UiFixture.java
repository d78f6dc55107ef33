package dev.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What each browser test class starts from: a real gateway over a temporary database, the system
 * Chromium and any fake upstreams, closed together; seeding over the management API (every call
 * must succeed, else the test fails with the server's answer); and calls through an endpoint.
 */
final class UiFixture implements AutoCloseable {

    /** A chat request body for the MLflow invocations route. */
    static final String HELLO = "{\"messages\": [{\"role\": \"user\", \"content\": \"Hello!\"}]}";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final TestGateway gateway;
    private final Browser browser;
    private final List<FakeUpstream> upstreams = new ArrayList<>();

    private UiFixture(TestGateway gateway, Browser browser) {
        this.gateway = gateway;
        this.browser = browser;
    }

    /** A gateway whose database lives in {@code dir}, and a browser. */
    static UiFixture start(Path dir) {
        Browser browser = Browser.launch();
        try {
            return new UiFixture(TestGateway.start(dir), browser);
        } catch (RuntimeException e) {
            browser.close();
            throw e;
        }
    }

    TestGateway gateway() {
        return gateway;
    }

    Browser browser() {
        return browser;
    }

    /** A fresh page at 1280×800 on this gateway. */
    Page open() {
        return browser.open(gateway);
    }

    /** A fake provider answering every request with {@code reply}; closed with the fixture. */
    FakeUpstream upstream(Reply reply) {
        FakeUpstream upstream = FakeUpstream.start();
        upstreams.add(upstream);
        upstream.setDefault(reply);
        return upstream;
    }

    // ---- Seeding over the management API ----

    /** A key of {@code provider} with the value {@code {"api_key": apiKey}} and this auth_config; its id. */
    String secret(String name, String provider, String apiKey, String authConfigJson) {
        return created("secrets/create", """
                {"secret_name": "%s", "secret_value": {"api_key": "%s"}, "provider": "%s", "auth_config": %s}"""
                .formatted(name, apiKey, provider, authConfigJson), "/secret/secret_id");
    }

    /** An OpenAI key whose calls go to {@code upstream}; its id. */
    String openAiKey(String name, String apiKey, FakeUpstream upstream) {
        return secret(name, "openai", apiKey, "{\"api_base\": \"" + upstream.baseUrl() + "/v1\"}");
    }

    /** A model definition; its id. */
    String definition(String name, String secretId, String provider, String model) {
        return created("model-definitions/create", """
                {"name": "%s", "secret_id": "%s", "provider": "%s", "model_name": "%s"}"""
                .formatted(name, secretId, provider, model), "/model_definition/model_definition_id");
    }

    /** An endpoint with these {@code model_configs} (a JSON array); its id. */
    String endpoint(String name, String modelConfigsJson) {
        return created("endpoints/create", "{\"name\": \"" + name + "\", \"model_configs\": " + modelConfigsJson + "}",
                "/endpoint/endpoint_id");
    }

    /** The {@code model_configs} of an endpoint with one PRIMARY model. */
    static String primary(String definitionId) {
        return "[{\"model_definition_id\": \"" + definitionId + "\", \"linkage_type\": \"PRIMARY\"}]";
    }

    /** The stored endpoint, as endpoints/get answers it. */
    JsonNode getEndpoint(String id) {
        TestGateway.Response response = gateway.api("GET", "endpoints/get?endpoint_id=" + id);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("endpoint");
    }

    private String created(String path, String json, String idPointer) {
        TestGateway.Response response = gateway.api("POST", path, json);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return response.text(idPointer);
    }

    // ---- Calls through the gateway ----

    /** {@link #HELLO} to the endpoint's MLflow invocations route, with the answer's headers. */
    HttpResponse<String> invoke(String endpoint) {
        return post(gateway.uri("/gateway/" + endpoint + "/mlflow/invocations").toString(), HELLO);
    }

    /** A JSON POST to any URL, e.g. one the UI shows. */
    static HttpResponse<String> post(String url, String json) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            gateway.close();
            upstreams.forEach(FakeUpstream::close);
        }
    }
}
