package dev.switchboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A real gateway for tests: {@link Switchboard} on a free port over a SQLite file in a temporary
 * directory (or a PostgreSQL database of its own, see {@link TestDatabase}), and a small JSON
 * client for it. Restarting on the same directory reuses the database.
 */
public final class TestGateway implements AutoCloseable {

    public static final String PASSPHRASE = "test passphrase, not a real one";
    public static final String API = "/api/3.0/mlflow/gateway/";
    /** The initial admin's password in a gateway started {@link #withAuth}. */
    public static final String ADMIN_PASSWORD = "test admin password, not a real one";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Switchboard gateway;
    private final HttpClient client = HttpClient.newHttpClient();

    private TestGateway(Switchboard gateway) {
        this.gateway = gateway;
    }

    /** A gateway whose passphrase comes from SWITCHBOARD_KEK_PASSPHRASE. */
    public static TestGateway start(Path dir) {
        return start(dir, Map.of("SWITCHBOARD_KEK_PASSPHRASE", PASSPHRASE));
    }

    /** A gateway with authentication on, whose user {@code admin} has {@link #ADMIN_PASSWORD}. */
    public static TestGateway withAuth(Path dir) {
        return start(dir, Map.of("SWITCHBOARD_KEK_PASSPHRASE", PASSPHRASE, "SWITCHBOARD_AUTH", "on",
                "SWITCHBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD));
    }

    /**
     * A gateway with {@code env}. Fake upstreams live on loopback over http, so the api_base guard
     * is lifted unless the test sets {@code SWITCHBOARD_ALLOW_PRIVATE_API_BASE} itself. Authentication
     * is off (the gateway listens on loopback) unless the test sets {@code SWITCHBOARD_AUTH} itself:
     * the tests of access control turn it on.
     */
    public static TestGateway start(Path dir, Map<String, String> env) {
        return onDatabase(TestDatabase.location(dir, "switchboard.db"), env);
    }

    /** A gateway with {@code env} on the database at {@code location} (a SQLite path or a JDBC URL). */
    public static TestGateway onDatabase(String location, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("SWITCHBOARD_AUTH", "off");
        // A test that closes its gateway with a call still hanging waits a second for it, not twenty.
        all.putIfAbsent("SWITCHBOARD_DRAIN_TIMEOUT", "1s");
        if (!all.containsKey("SWITCHBOARD_ALLOW_PRIVATE_API_BASE")) {
            all.put("SWITCHBOARD_ALLOW_PRIVATE_API_BASE", "true");
            all.putIfAbsent("SWITCHBOARD_API_BASE_ALLOWED_SCHEMES", "http,https");
        }
        return new TestGateway(Switchboard.start(new Switchboard.Options("127.0.0.1", 0, location, all)));
    }

    /** The {@code Authorization} header of HTTP Basic for a user name and password. */
    public static Map<String, String> basic(String username, String password) {
        return Map.of("Authorization", basicHeader(username, password));
    }

    /** The value of that header. */
    public static String basicHeader(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    public Switchboard gateway() {
        return gateway;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    /** A management call: {@code path} is relative to {@code /api/3.0/mlflow/gateway/}. */
    public Response api(String method, String path, String json) {
        return send(method, API + path, json);
    }

    public Response api(String method, String path) {
        return send(method, API + path, null);
    }

    public Response send(String method, String path, String body) {
        return send(method, path, body, Map.of());
    }

    /** A call whose whole answer (headers too) the test reads. */
    public HttpResponse<String> sendRaw(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> sendRaw(String method, String path, String body) {
        return sendRaw(method, path, body, Map.of());
    }

    /**
     * A model definition named {@code name} for OpenAI's {@code model} at {@code baseUrl} (a fake
     * upstream's), on a secret of its own; its id. Authentication off.
     */
    public String openAiDefinition(String name, String baseUrl, String model) {
        return openAiDefinition(Map.of(), name, baseUrl, model);
    }

    /** As {@link #openAiDefinition(String, String, String)}, made by the caller these headers name (with authentication on). */
    public String openAiDefinition(Map<String, String> headers, String name, String baseUrl, String model) {
        String secret = ok(headers, "POST", API + "secrets/create", """
                {"secret_name": "%s-key", "secret_value": "sk-%s-0123456789", "provider": "openai",
                 "auth_config": {"api_base": "%s/v1"}}""".formatted(name, name, baseUrl)).at("/secret/secret_id").asText();
        return ok(headers, "POST", API + "model-definitions/create", """
                {"name": "%s", "secret_id": "%s", "provider": "openai", "model_name": "%s"}"""
                .formatted(name, secret, model)).at("/model_definition/model_definition_id").asText();
    }

    /** An endpoint named {@code name} on the model definition {@code definitionId}; its id. Authentication off. */
    public String endpoint(String name, String definitionId) {
        return endpoint(Map.of(), name, definitionId);
    }

    /** As {@link #endpoint(String, String)}, made by the caller these headers name (with authentication on). */
    public String endpoint(Map<String, String> headers, String name, String definitionId) {
        return ok(headers, "POST", API + "endpoints/create", """
                {"name": "%s", "model_configs": [{"model_definition_id": "%s"}]}""".formatted(name, definitionId))
                .at("/endpoint/endpoint_id").asText();
    }

    /**
     * A call with these request headers that must answer 200 (else the test fails with the
     * answer); its JSON body.
     */
    public JsonNode ok(Map<String, String> headers, String method, String path, String json) {
        Response response = send(method, path, json, headers);
        if (response.status() != 200) {
            throw new AssertionError(method + " " + path + " answered " + response.status() + ": " + response.body());
        }
        return response.json();
    }

    /** A call with these request headers (credentials, say). */
    public Response send(String method, String path, String body, Map<String, String> headers) {
        HttpResponse<String> response = sendRaw(method, path, body, headers);
        return new Response(response.statusCode(), response.body());
    }

    @Override
    public void close() {
        gateway.close();
    }

    /** An HTTP response with its body parsed as JSON when it is JSON. */
    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Response is not JSON: " + body, e);
            }
        }

        public String text(String pointer) {
            return json().at(pointer).asText();
        }
    }
}
