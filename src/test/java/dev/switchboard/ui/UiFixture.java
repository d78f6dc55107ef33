package dev.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.RequestOptions;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each browser test class starts from: a real gateway over a temporary database, the system
 * Chromium and any fake upstreams, closed together; seeding over the management API as the admin
 * (every call must succeed, else the test fails with the server's answer); pages signed in as the
 * admin, as another user or signed out; and calls through an endpoint.
 *
 * <p>The gateway checks credentials ({@link Auth#ON}) unless a test asks for {@link Auth#OFF}.
 */
final class UiFixture implements AutoCloseable {

    /** A chat request body for the MLflow invocations route. */
    static final String HELLO = "{\"messages\": [{\"role\": \"user\", \"content\": \"Hello!\"}]}";

    /** The admin the gateway creates at first start from SWITCHBOARD_ADMIN_PASSWORD. */
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = TestGateway.ADMIN_PASSWORD;

    private static final String MLFLOW_API = "/api/2.0/mlflow/";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    enum Auth { ON, OFF }

    private final TestGateway gateway;
    private final Auth auth;
    private final Browser browser;
    private final List<FakeUpstream> upstreams = new ArrayList<>();

    private UiFixture(TestGateway gateway, Auth auth, Browser browser) {
        this.gateway = gateway;
        this.auth = auth;
        this.browser = browser;
    }

    /** A gateway with authentication on whose database lives in {@code dir}, and a browser. */
    static UiFixture start(Path dir) {
        return start(dir, Auth.ON);
    }

    static UiFixture start(Path dir, Auth auth) {
        Browser browser = Browser.launch();
        try {
            return new UiFixture(startGateway(dir, auth), auth, browser);
        } catch (RuntimeException e) {
            browser.close();
            throw e;
        }
    }

    /** Another gateway (an empty one, say) like the fixture's: open pages on it with {@link #open(TestGateway)}. */
    static TestGateway startGateway(Path dir, Auth auth) {
        return auth == Auth.ON ? TestGateway.withAuth(dir) : TestGateway.start(dir);
    }

    /** {@code base} plus, with auth on, what turns it on with {@link #ADMIN_PASSWORD} (as {@link TestGateway#withAuth}). */
    static Map<String, String> env(Auth auth, Map<String, String> base) {
        if (auth == Auth.OFF) {
            return base;
        }
        Map<String, String> env = new HashMap<>(base);
        env.put("SWITCHBOARD_AUTH", "on");
        env.put("SWITCHBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return env;
    }

    TestGateway gateway() {
        return gateway;
    }

    Browser browser() {
        return browser;
    }

    /** A fresh page at 1280×800 on this gateway, signed in as the admin when auth is on. */
    Page open() {
        return open(gateway);
    }

    /** A fresh page of this size, signed in as the admin when auth is on. */
    Page open(int width, int height) {
        Page page = browser.open(gateway, width, height);
        if (auth == Auth.ON) {
            signIn(page, gateway, ADMIN, ADMIN_PASSWORD);
        }
        return page;
    }

    /** A fresh page on {@code other} (started with {@link #startGateway}), signed in like {@link #open()}. */
    Page open(TestGateway other) {
        Page page = browser.open(other);
        if (auth == Auth.ON) {
            signIn(page, other, ADMIN, ADMIN_PASSWORD);
        }
        return page;
    }

    /** A fresh page signed in as {@code username}. */
    Page openAs(String username, String password) {
        Page page = browser.open(gateway);
        signIn(page, gateway, username, password);
        return page;
    }

    /** A fresh page with no session. */
    Page openSignedOut() {
        return browser.open(gateway);
    }

    /** Signs the page's browser context in as {@code username}, as another tab of that browser would. */
    void signIn(Page page, String username, String password) {
        signIn(page, gateway, username, password);
    }

    /** Signs the page's browser context in over auth/sign-in (the cookie lands in the context). */
    private static void signIn(Page page, TestGateway on, String username, String password) {
        APIResponse response = page.context().request().post(on.uri(TestGateway.API + "auth/sign-in").toString(),
                RequestOptions.create().setHeader("Content-Type", "application/json").setData(
                        "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}"));
        assertThat(response.status()).as("sign-in of " + username + ": " + response.text()).isEqualTo(200);
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

    /** A user (not an admin unless {@code admin}); its id. */
    String user(String username, String password, boolean admin) {
        TestGateway.Response response = mlflow("POST", "users/create", """
                {"username": "%s", "password": "%s", "is_admin": %s}""".formatted(username, password, admin));
        assertThat(response.status()).as("users/create: " + response.body()).isEqualTo(200);
        return response.text("/user/id");
    }

    /** Gives {@code username} this level (READ, USE, EDIT, MANAGE) on the endpoint. */
    void grant(String endpointId, String username, String level) {
        created("endpoints/permissions/create", """
                {"endpoint_id": "%s", "username": "%s", "permission": "%s"}""".formatted(endpointId, username, level),
                "/gateway_endpoint_permission/username");
    }

    /** A gateway key of the admin limited to these endpoints; the key itself ("sb-..."). */
    String gatewayKey(String name, String... endpointIds) {
        String ids = String.join("\", \"", endpointIds);
        return created("gateway-keys/create", "{\"name\": \"" + name + "\", \"endpoint_ids\": "
                + (endpointIds.length == 0 ? "[]" : "[\"" + ids + "\"]") + "}", "/key");
    }

    /** The stored endpoint, as endpoints/get answers it. */
    JsonNode getEndpoint(String id) {
        TestGateway.Response response = api("GET", "endpoints/get?endpoint_id=" + id);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("endpoint");
    }

    private String created(String path, String json, String idPointer) {
        TestGateway.Response response = api("POST", path, json);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return response.text(idPointer);
    }

    /** A management call as the admin: {@code path} is relative to {@code /api/3.0/mlflow/gateway/}. */
    TestGateway.Response api(String method, String path, String json) {
        return gateway.send(method, TestGateway.API + path, json, adminHeaders());
    }

    TestGateway.Response api(String method, String path) {
        return api(method, path, null);
    }

    /** A management GET as the admin on {@code other} (started with {@link #startGateway}). */
    TestGateway.Response api(TestGateway other, String path) {
        return other.send("GET", TestGateway.API + path, null, adminHeaders());
    }

    /** A call to MLflow's routes (users) as the admin: {@code path} is relative to {@code /api/2.0/mlflow/}. */
    TestGateway.Response mlflow(String method, String path, String json) {
        return gateway.send(method, MLFLOW_API + path, json, adminHeaders());
    }

    /** The admin's credential as request headers; none with auth off. */
    Map<String, String> adminHeaders() {
        return auth == Auth.ON ? Map.of("Authorization", basic(ADMIN, ADMIN_PASSWORD)) : Map.of();
    }

    static String basic(String username, String password) {
        return TestGateway.basicHeader(username, password);
    }


    // ---- Calls through the gateway ----

    /** {@link #HELLO} to the endpoint's MLflow invocations route as the admin, with the answer's headers. */
    HttpResponse<String> invoke(String endpoint) {
        return post(gateway.uri("/gateway/" + endpoint + "/mlflow/invocations").toString(), HELLO, adminHeaders());
    }

    /** {@link #HELLO} to the endpoint's MLflow invocations route with a gateway key, as an application sends it. */
    HttpResponse<String> invokeWithKey(String endpoint, String gatewayKey) {
        return post(gateway.uri("/gateway/" + endpoint + "/mlflow/invocations").toString(), HELLO,
                Map.of("Authorization", "Bearer " + gatewayKey));
    }

    /** A JSON POST as the admin to any URL, e.g. one the UI shows. */
    HttpResponse<String> post(String url, String json) {
        return post(url, json, adminHeaders());
    }

    static HttpResponse<String> post(String url, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
