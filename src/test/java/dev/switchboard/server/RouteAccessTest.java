package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.TestGateway;
import dev.switchboard.TestGateway.Response;
import dev.switchboard.access.Access;
import dev.switchboard.access.Permission;
import dev.switchboard.access.ResourceKind;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route the gateway mounts, taken from its own route table, called three ways with each kind
 * of credential (a session cookie, HTTP Basic, a gateway key as a bearer token, a gateway key where
 * the route's SDK puts it): without credentials (401), by a user who lacks what the route declares
 * (403, or a filtered answer for routes any signed-in caller may use), and by one who has it (2xx).
 * A route without a sample request here fails the test, so no route can skip the check.
 */
class RouteAccessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "a password for the route test";
    private static final String HELLO = "[{\"role\": \"user\", \"content\": \"Hello!\"}]";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String USERS_API = "/api/2.0/mlflow/";

    @TempDir
    static Path dir;
    private static TestGateway gw;
    private static FakeUpstream upstream;
    private static final Map<String, User> USERS = new HashMap<>();
    /** The resources of the cases that change nothing. */
    private static Fixture SHARED;

    /** How a call carries its credentials. */
    enum Kind { COOKIE, BASIC, BEARER, SDK_KEY }

    /** A user, their gateway key and, once signed in, their session. */
    private static final class User {
        final String name;
        final String password;
        String key;
        String session;
        String csrf;

        User(String name, String password) {
            this.name = name;
            this.password = password;
        }
    }

    /**
     * A request that succeeds for a caller allowed to make it, with placeholders filled per case:
     * {@code {endpoint}}, {@code {endpoint_id}}, {@code {secret_id}}, {@code {md_id}} (the endpoint's
     * primary), {@code {md2_id}} (its fallback), {@code {md3_id}} (unattached), {@code {n}} (unique),
     * {@code {self}} (the caller's name), {@code {spare_key}} (a key of the caller's), {@code {victim}}
     * (a throwaway user), {@code {budget_id}} (a budget), {@code {rate_limit_id}} (a rate limit on the
     * endpoint), {@code {base}} (the fake provider). {@code bobGranted} gives the denied
     * user READ on the resource first, for the permission routes that need one to exist.
     */
    private record Sample(String path, String query, String body, boolean bobGranted, int permittedStatus) {
        Sample(String path, String query, String body) {
            this(path, query, body, false, 200);
        }

        Sample(String path, String query, String body, boolean bobGranted) {
            this(path, query, body, bobGranted, 200);
        }
    }

    private static final Map<String, Sample> SAMPLES = samples();

    private static Map<String, Sample> samples() {
        Map<String, Sample> s = new LinkedHashMap<>();
        // Configuration
        s.put("POST secrets/create", new Sample(null, "", """
                {"secret_name": "s{n}", "secret_value": {"api_key": "sk-route-test-0123456789"}, "provider": "openai",
                 "auth_config": {"api_base": "{base}"}}"""));
        s.put("GET secrets/get", new Sample(null, "secret_id={secret_id}", null));
        s.put("POST secrets/update", new Sample(null, "", "{\"secret_id\": \"{secret_id}\", \"description\": \"d\"}"));
        s.put("PATCH secrets/update", s.get("POST secrets/update"));
        s.put("DELETE secrets/delete", new Sample(null, "", "{\"secret_id\": \"{secret_id}\"}"));
        s.put("GET secrets/list", new Sample(null, "", null));
        s.put("GET secrets/config", new Sample(null, "", null));
        s.put("POST model-definitions/create", new Sample(null, "", """
                {"name": "md{n}-new", "secret_id": "{secret_id}", "provider": "openai", "model_name": "gpt-4o"}"""));
        s.put("GET model-definitions/get", new Sample(null, "model_definition_id={md_id}", null));
        s.put("POST model-definitions/update", new Sample(null, "",
                "{\"model_definition_id\": \"{md_id}\", \"model_name\": \"gpt-4o-mini\"}"));
        s.put("PATCH model-definitions/update", s.get("POST model-definitions/update"));
        s.put("DELETE model-definitions/delete", new Sample(null, "", "{\"model_definition_id\": \"{md3_id}\"}"));
        s.put("GET model-definitions/list", new Sample(null, "", null));
        s.put("POST endpoints/create", new Sample(null, "", """
                {"name": "e{n}-new", "model_configs": [{"model_definition_id": "{md_id}", "linkage_type": "PRIMARY",
                 "weight": 1}]}"""));
        s.put("GET endpoints/get", new Sample(null, "endpoint_id={endpoint_id}", null));
        s.put("POST endpoints/update", new Sample(null, "", "{\"endpoint_id\": \"{endpoint_id}\", \"usage_tracking\": false}"));
        s.put("PATCH endpoints/update", s.get("POST endpoints/update"));
        s.put("DELETE endpoints/delete", new Sample(null, "", "{\"endpoint_id\": \"{endpoint_id}\"}"));
        s.put("GET endpoints/list", new Sample(null, "", null));
        s.put("POST endpoints/models/attach", new Sample(null, "", """
                {"endpoint_id": "{endpoint_id}", "model_config": {"model_definition_id": "{md3_id}",
                 "linkage_type": "FALLBACK", "fallback_order": 2}}"""));
        s.put("POST endpoints/models/detach", new Sample(null, "",
                "{\"endpoint_id\": \"{endpoint_id}\", \"model_definition_id\": \"{md2_id}\"}"));
        s.put("POST endpoints/set-tag", new Sample(null, "", "{\"endpoint_id\": \"{endpoint_id}\", \"key\": \"k\", \"value\": \"v\"}"));
        s.put("DELETE endpoints/delete-tag", new Sample(null, "", "{\"endpoint_id\": \"{endpoint_id}\", \"key\": \"t0\"}"));
        s.put("POST endpoints/bindings/create", new Sample(null, "",
                "{\"endpoint_id\": \"{endpoint_id}\", \"resource_type\": \"scorer\", \"resource_id\": \"r1\"}"));
        s.put("DELETE endpoints/bindings/delete", new Sample(null, "",
                "{\"endpoint_id\": \"{endpoint_id}\", \"resource_type\": \"scorer\", \"resource_id\": \"r0\"}"));
        s.put("GET endpoints/bindings/list", new Sample(null, "endpoint_id={endpoint_id}", null));
        s.put("GET supported-providers", new Sample(null, "", null));
        s.put("GET provider-config", new Sample(null, "provider=openai", null));
        s.put("GET supported-models", new Sample(null, "provider=openai", null));
        // Past the permission check, a refresh needs a catalog source, which this gateway has none of.
        s.put("POST catalog/refresh", new Sample(null, "", "{}", false, 400));
        // Permissions, on each kind of resource
        for (ResourceKind kind : ResourceKind.values()) {
            String id = switch (kind) {
                case ENDPOINT -> "{endpoint_id}";
                case SECRET -> "{secret_id}";
                case MODEL_DEFINITION -> "{md_id}";
            };
            String base = kind.pathSegment() + "/permissions/";
            String field = "\"" + kind.idField() + "\": \"" + id + "\"";
            s.put("POST " + base + "create", new Sample(null, "",
                    "{" + field + ", \"username\": \"bob\", \"permission\": \"READ\"}"));
            s.put("GET " + base + "get", new Sample(null, kind.idField() + "=" + id + "&username=bob", null, true));
            s.put("PATCH " + base + "update", new Sample(null, "",
                    "{" + field + ", \"username\": \"bob\", \"permission\": \"USE\"}", true));
            s.put("POST " + base + "update", s.get("PATCH " + base + "update"));
            s.put("DELETE " + base + "delete", new Sample(null, "", "{" + field + ", \"username\": \"bob\"}", true));
            s.put("GET " + base + "list", new Sample(null, kind.idField() + "=" + id, null));
        }
        // Gateway keys and users
        s.put("POST gateway-keys/create", new Sample(null, "", "{\"name\": \"k{n}\", \"endpoint_ids\": [\"{endpoint_id}\"]}"));
        s.put("GET gateway-keys/list", new Sample(null, "", null));
        // Usage: any signed-in caller, answered with what they may read
        s.put("GET usage/metrics", new Sample(null, "", null));
        s.put("GET usage/summary", new Sample(null, "group_by=endpoint", null));
        s.put("GET usage/calls", new Sample(null, "", null));
        s.put("GET usage/export", new Sample(null, "", null));
        // Budgets: admins change them, any signed-in caller reads them (MLflow's rule)
        s.put("POST budgets/create", new Sample(null, "", """
                {"budget_amount": 10, "duration": {"unit": "DAYS", "value": 1}, "target_scope": "ENDPOINT",
                 "target_value": "{endpoint_id}", "budget_action": "REJECT"}"""));
        s.put("GET budgets/get", new Sample(null, "budget_policy_id={budget_id}", null));
        s.put("POST budgets/update", new Sample(null, "", "{\"budget_policy_id\": \"{budget_id}\", \"budget_amount\": 20}"));
        s.put("DELETE budgets/delete", new Sample(null, "", "{\"budget_policy_id\": \"{budget_id}\"}"));
        s.put("GET budgets/list", new Sample(null, "", null));
        s.put("GET budgets/windows", new Sample(null, "", null));
        s.put("POST rate-limits/create", new Sample(null, "",
                "{\"endpoint_id\": \"{endpoint_id}\", \"queries_per_minute\": 1000}"));
        s.put("GET rate-limits/get", new Sample(null, "rate_limit_id={rate_limit_id}", null));
        s.put("POST rate-limits/update", new Sample(null, "",
                "{\"rate_limit_id\": \"{rate_limit_id}\", \"tokens_per_minute\": 1000000}"));
        s.put("DELETE rate-limits/delete", new Sample(null, "", "{\"rate_limit_id\": \"{rate_limit_id}\"}"));
        s.put("GET rate-limits/list", new Sample(null, "", null));
        // Targets that failed lately: any signed-in caller, answered with the model definitions they may read
        s.put("GET targets/status", new Sample(null, "", null));
        s.put("POST gateway-keys/revoke", new Sample(null, "", "{\"key_id\": \"{spare_key}\"}"));
        s.put("DELETE gateway-keys/delete", new Sample(null, "", "{\"key_id\": \"{spare_key}\"}"));
        s.put("POST users/create", new Sample(null, "", "{\"username\": \"u{n}\", \"password\": \"" + PASSWORD + "\"}"));
        s.put("GET users/get", new Sample(null, "username={self}", null));
        s.put("GET users/list", new Sample(null, "", null));
        s.put("PATCH users/update-password", new Sample(null, "", "{\"username\": \"{self}\", \"password\": \"{self_password}\"}"));
        s.put("POST users/update-password", s.get("PATCH users/update-password"));
        s.put("PATCH users/update-admin", new Sample(null, "", "{\"username\": \"{victim}\", \"is_admin\": true}"));
        s.put("POST users/update-admin", s.get("PATCH users/update-admin"));
        s.put("DELETE users/delete", new Sample(null, "", "{\"username\": \"{victim}\"}"));
        // Invocations
        String chat = "{\"model\": \"{endpoint}\", \"messages\": " + HELLO + "}";
        s.put("POST /gateway/{endpoint}/mlflow/invocations", new Sample("/gateway/{endpoint}/mlflow/invocations", "",
                "{\"messages\": " + HELLO + "}"));
        s.put("POST /gateway/mlflow/v1/chat/completions", new Sample("/gateway/mlflow/v1/chat/completions", "", chat));
        s.put("POST /gateway/openai/v1/chat/completions", new Sample("/gateway/openai/v1/chat/completions", "", chat));
        s.put("POST /gateway/openai/v1/responses", new Sample("/gateway/openai/v1/responses", "",
                "{\"model\": \"{endpoint}\", \"input\": \"Hello!\"}"));
        s.put("POST /gateway/openai/v1/embeddings", new Sample("/gateway/openai/v1/embeddings", "",
                "{\"model\": \"{endpoint}\", \"input\": \"Hello!\"}"));
        s.put("GET /gateway/openai/v1/models", new Sample("/gateway/openai/v1/models", "", null));
        s.put("POST /gateway/anthropic/v1/messages", new Sample("/gateway/anthropic/v1/messages", "",
                "{\"model\": \"{endpoint}\", \"max_tokens\": 16, \"messages\": " + HELLO + "}"));
        s.put("POST /gateway/anthropic/v1/messages/count_tokens", new Sample("/gateway/anthropic/v1/messages/count_tokens",
                "", chat));
        s.put("GET /gateway/anthropic/v1/models", new Sample("/gateway/anthropic/v1/models", "", null));
        s.put("GET /gateway/anthropic/v1/models/{model}", new Sample("/gateway/anthropic/v1/models/{endpoint}", "", null));
        for (String version : List.of("v1beta", "v1")) {
            String models = "/gateway/gemini/" + version + "/models";
            s.put("POST " + models + "/{spec}", new Sample(models + "/{endpoint}:generateContent", "",
                    "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"Hello!\"}]}]}"));
            s.put("GET " + models, new Sample(models, "", null));
            s.put("GET " + models + "/{spec}", new Sample(models + "/{endpoint}", "", null));
        }
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD")) {
            s.put(method + " /gateway/proxy/{endpoint}/{+path}", new Sample("/gateway/proxy/{endpoint}/models", "",
                    Set.of("GET", "HEAD", "DELETE").contains(method) ? null : "{}"));
        }
        s.put("GET /metrics", new Sample("/metrics", "", null));
        return s;
    }

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        upstream.setDefault(Reply.respond(request -> {
            if (request.path().endsWith("/embeddings")) {
                return Reply.json(OpenAiBodies.embeddings(1, 3));
            }
            if (request.path().endsWith("/responses")) {
                return Reply.json("""
                        {"id": "resp_1", "object": "response", "created_at": 1, "status": "completed", "model": "gpt-4o",
                         "output": [], "usage": {"input_tokens": 1, "output_tokens": 1, "total_tokens": 2}}""");
            }
            return Reply.json(OpenAiBodies.chatCompletion("gpt-4o", "Hi!", 3, 2));
        }));
        gw = TestGateway.withAuth(dir);
        USERS.put("admin", new User("admin", TestGateway.ADMIN_PASSWORD));
        for (String name : List.of("bob", "carol")) {
            ok(call(USERS.get("admin"), Kind.BASIC, "POST", USERS_API + "users/create",
                    "{\"username\": \"" + name + "\", \"password\": \"" + PASSWORD + "\"}"));
            USERS.put(name, new User(name, PASSWORD));
        }
        for (User user : USERS.values()) {
            user.key = ok(call(user, Kind.BASIC, "POST", TestGateway.API + "gateway-keys/create",
                    "{\"name\": \"main\"}")).text("/key");
        }
        // with a budget and a rate limit, for the routes that read one
        SHARED = seed(new Sample(null, "{budget_id}{rate_limit_id}", null));
    }

    @AfterAll
    static void stop() {
        gw.close();
        upstream.close();
    }

    @Test
    void every_mounted_route_declares_what_it_requires_and_has_a_sample_here() {
        List<String> missing = new ArrayList<>();
        for (var route : gw.gateway().routes()) {
            if (!(route.access() instanceof Access.Public) && !SAMPLES.containsKey(sampleKey(route.method(), route.path()))) {
                missing.add(route.method() + " " + route.path());
            }
        }
        assertThat(missing).as("routes without a sample request in RouteAccessTest").isEmpty();
        assertThat(gw.gateway().routes()).hasSizeGreaterThan(100);
    }

    /**
     * Each route with each kind of credential; a route also served under {@code /ajax-api/} (the
     * same operation, the same declaration) is checked there with one kind, in turn.
     */
    @TestFactory
    Stream<DynamicTest> every_route_refuses_strangers_and_the_unpermitted_and_serves_the_permitted() {
        List<DynamicTest> tests = new ArrayList<>();
        String only = System.getProperty("route.filter", "");
        int turn = 0;
        for (var route : gw.gateway().routes()) {
            if (route.access() instanceof Access.Public || !route.path().contains(only)) {
                continue;
            }
            List<Kind> kinds = route.path().startsWith("/ajax-api/")
                    ? List.of(Kind.values()[turn++ % Kind.values().length]) : List.of(Kind.values());
            for (Kind kind : kinds) {
                tests.add(DynamicTest.dynamicTest(kind + " " + route.method() + " " + route.path(),
                        () -> check(route.method(), route.path(), route.access(), kind)));
            }
        }
        return tests.stream();
    }

    private void check(String method, String routePath, Access access, Kind kind) {
        Sample sample = SAMPLES.get(sampleKey(method, routePath));
        assertThat(sample).as("a sample for " + method + " " + routePath).isNotNull();
        User bob = USERS.get("bob");
        User allowed = access instanceof Access.Admin ? USERS.get("admin") : USERS.get("carol");
        String path = sample.path() == null ? routePath : sample.path();

        // Routes that change the configuration get resources of their own; the others share one set.
        boolean changes = !method.equals("GET") && path.startsWith("/") && !path.startsWith("/gateway/")
                && !path.equals("/metrics");
        Fixture fixture = changes ? seed(sample) : SHARED;
        fixture.reset(bob, sample.bobGranted() ? Permission.READ : Permission.NO_PERMISSIONS);

        // Without credentials: 401, with a challenge.
        Response none = gw.send(method, fixture.fill(path, bob) + query(fixture.fill(sample.query(), bob), null),
                fixture.fill(sample.body(), bob), Map.of());
        assertThat(none.status()).as("no credentials: %s", none.body()).isEqualTo(401);

        // A user without what the route requires.
        Response refused = call(bob, kind, method, fixture.fill(path, bob), fixture.fill(sample.query(), bob),
                fixture.fill(sample.body(), bob));
        boolean keyRefused = access instanceof Access.SignedIn signedIn && !signedIn.keys()
                && (kind == Kind.BEARER || kind == Kind.SDK_KEY);
        if (keyRefused) {
            assertThat(refused.status()).as("a key where a person must call: %s", refused.body()).isEqualTo(403);
        } else if (access instanceof Access.SignedIn) {
            assertThat(refused.status()).as("signed in, any level: %s", refused.body()).isNotIn(401, 500);
        } else {
            assertThat(refused.status()).as("lacking the permission: %s", refused.body()).isEqualTo(403);
        }

        // A user with it: USE on what the request refers to, and the route's own level on its resource.
        Map<String, Permission> levels = new HashMap<>();
        for (String resource : List.of("secret_id", "md_id", "md2_id", "md3_id", "endpoint_id")) {
            levels.put(fixture.values.get(resource), Permission.USE);
        }
        if (access instanceof Access.OnResource on) {
            String id = fixture.idIn(on.kind(), fixture.fill(sample.query(), allowed), fixture.fill(sample.body(), allowed));
            levels.merge(id, on.capability().least(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        if (!(access instanceof Access.Admin)) {
            fixture.give(allowed, levels); // an admin needs none
        }
        Response served = call(allowed, kind, method, fixture.fill(path, allowed), fixture.fill(sample.query(), allowed),
                fixture.fill(sample.body(), allowed));
        if (keyRefused) {
            assertThat(served.status()).as("a key where a person must call: %s", served.body()).isEqualTo(403);
        } else {
            assertThat(served.status()).as("permitted: %s", served.body())
                    .isBetween(sample.permittedStatus(), sample.permittedStatus() == 200 ? 299 : sample.permittedStatus());
        }
        if (sample.body() != null && sample.body().contains("{self_password}")) {
            allowed.session = null; // a new password ends the user's sessions
            bob.session = null;
        }
    }

    private static String sampleKey(String method, String routePath) {
        for (String prefix : List.of("/api/3.0/mlflow/gateway/", "/ajax-api/3.0/mlflow/gateway/", "/api/2.0/mlflow/",
                "/ajax-api/2.0/mlflow/", "/api/3.0/mlflow/", "/ajax-api/3.0/mlflow/")) {
            if (routePath.startsWith(prefix)) {
                return method + " " + routePath.substring(prefix.length());
            }
        }
        return method + " " + routePath;
    }

    // ---- Seeding ----

    /** Resources made by the admin for one case (or shared by the cases that change nothing). */
    private static final class Fixture {
        final Map<String, String> values = new HashMap<>();
        final Map<String, ResourceKind> kinds = new HashMap<>();
        /** The levels given so far, by user and resource id, to set each case's exactly. */
        final Map<String, Map<String, Permission>> given = new HashMap<>();

        String fill(String template, User caller) {
            if (template == null) {
                return null;
            }
            String filled = template.replace("{self}", caller.name).replace("{self_password}", caller.password)
                    .replace("{spare_key}", values.getOrDefault("spare_key:" + caller.name, "none"));
            for (var value : values.entrySet()) {
                filled = filled.replace("{" + value.getKey() + "}", value.getValue());
            }
            return filled;
        }

        /** Gives {@code user} exactly these levels on this fixture's resources (NO_PERMISSIONS elsewhere). */
        void give(User user, Map<String, Permission> levels) {
            Map<String, Permission> before = given.computeIfAbsent(user.name, name -> new HashMap<>());
            for (var resource : kinds.entrySet()) {
                Permission level = levels.getOrDefault(resource.getKey(), Permission.NO_PERMISSIONS);
                if (before.getOrDefault(resource.getKey(), Permission.NO_PERMISSIONS) == level) {
                    continue;
                }
                ResourceKind kind = resource.getValue();
                ok(call(USERS.get("admin"), Kind.BASIC, "POST", TestGateway.API + kind.pathSegment()
                        + (before.containsKey(resource.getKey()) ? "/permissions/update" : "/permissions/create"),
                        "{\"" + kind.idField() + "\": \"" + resource.getKey() + "\", \"username\": \"" + user.name
                                + "\", \"permission\": \"" + level + "\"}"));
                before.put(resource.getKey(), level);
            }
        }

        /** Gives {@code user} one level on every resource of this fixture. */
        void reset(User user, Permission level) {
            Map<String, Permission> levels = new HashMap<>();
            kinds.keySet().forEach(id -> levels.put(id, level));
            give(user, levels);
        }

        /** The id of the resource of {@code kind} the request names (an invocation: the endpoint). */
        String idIn(ResourceKind kind, String query, String body) {
            if (body != null && body.startsWith("{")) {
                JsonNode id = json(body).path(kind.idField());
                if (id.isTextual()) {
                    return id.asText();
                }
            }
            for (String pair : query.split("&")) {
                if (pair.startsWith(kind.idField() + "=")) {
                    return pair.substring(kind.idField().length() + 1);
                }
            }
            return values.get("endpoint_id");
        }
    }

    /** A fresh secret, three model definitions and an endpoint (with a tag and a binding) for one case. */
    private static Fixture seed(Sample sample) {
        User caller = USERS.get("admin");
        int n = SEQUENCE.incrementAndGet();
        User admin = USERS.get("admin");
        Fixture f = new Fixture();
        f.values.put("n", Integer.toString(n));
        f.values.put("base", upstream.baseUrl() + "/v1");
        f.values.put("secret_id", ok(call(admin, Kind.BASIC, "POST", TestGateway.API + "secrets/create", f.fill("""
                {"secret_name": "seed{n}", "secret_value": {"api_key": "sk-route-test-0123456789"}, "provider": "openai",
                 "auth_config": {"api_base": "{base}"}}""", caller))).text("/secret/secret_id"));
        for (String md : List.of("md_id", "md2_id", "md3_id")) {
            f.values.put(md, ok(call(admin, Kind.BASIC, "POST", TestGateway.API + "model-definitions/create", f.fill(
                    "{\"name\": \"" + md + "-{n}\", \"secret_id\": \"{secret_id}\", \"provider\": \"openai\", "
                            + "\"model_name\": \"gpt-4o\"}", caller))).text("/model_definition/model_definition_id"));
        }
        f.values.put("endpoint", "e" + n);
        JsonNode endpoint = ok(call(admin, Kind.BASIC, "POST", TestGateway.API + "endpoints/create", f.fill("""
                {"name": "{endpoint}", "model_configs": [
                  {"model_definition_id": "{md_id}", "linkage_type": "PRIMARY", "weight": 1},
                  {"model_definition_id": "{md2_id}", "linkage_type": "FALLBACK", "fallback_order": 1}]}""", caller)))
                .json();
        f.values.put("endpoint_id", endpoint.at("/endpoint/endpoint_id").asText());
        ok(call(admin, Kind.BASIC, "POST", TestGateway.API + "endpoints/set-tag",
                f.fill("{\"endpoint_id\": \"{endpoint_id}\", \"key\": \"t0\", \"value\": \"v\"}", caller)));
        ok(call(admin, Kind.BASIC, "POST", TestGateway.API + "endpoints/bindings/create", f.fill(
                "{\"endpoint_id\": \"{endpoint_id}\", \"resource_type\": \"scorer\", \"resource_id\": \"r0\"}", caller)));
        f.kinds.put(f.values.get("secret_id"), ResourceKind.SECRET);
        for (String md : List.of("md_id", "md2_id", "md3_id")) {
            f.kinds.put(f.values.get(md), ResourceKind.MODEL_DEFINITION);
        }
        f.kinds.put(f.values.get("endpoint_id"), ResourceKind.ENDPOINT);
        String all = sample.query() + sample.body();
        if (all.contains("{spare_key}")) {
            for (String name : List.of("bob", "carol", "admin")) {
                f.values.put("spare_key:" + name, ok(call(USERS.get(name), Kind.BASIC, "POST",
                        TestGateway.API + "gateway-keys/create", "{\"name\": \"spare\"}")).text("/gateway_key/key_id"));
            }
        }
        if (all.contains("{budget_id}")) {
            f.values.put("budget_id", ok(call(admin, Kind.BASIC, "POST", TestGateway.API + "budgets/create",
                    "{\"budget_amount\": 5, \"duration\": {\"unit\": \"DAYS\"}, \"target_scope\": \"GLOBAL\", "
                            + "\"budget_action\": \"ALERT\"}")).text("/budget_policy/budget_policy_id"));
        }
        if (all.contains("{rate_limit_id}")) {
            f.values.put("rate_limit_id", ok(call(admin, Kind.BASIC, "POST", TestGateway.API + "rate-limits/create",
                    f.fill("{\"endpoint_id\": \"{endpoint_id}\", \"queries_per_minute\": 1000000}", caller)))
                    .text("/rate_limit/rate_limit_id"));
        }
        if (all.contains("{victim}")) {
            f.values.put("victim", "victim" + n);
            ok(call(admin, Kind.BASIC, "POST", USERS_API + "users/create",
                    f.fill("{\"username\": \"{victim}\", \"password\": \"" + PASSWORD + "\"}", caller)));
        }
        return f;
    }

    // ---- Calls ----

    /** A call as {@code user}, carrying credentials of {@code kind}. */
    private static Response call(User user, Kind kind, String method, String path, String query, String body) {
        Map<String, String> headers = new HashMap<>();
        String extraQuery = null;
        switch (kind) {
            case BASIC -> headers.putAll(TestGateway.basic(user.name, user.password));
            case BEARER -> headers.put("Authorization", "Bearer " + user.key);
            case SDK_KEY -> {
                if (path.startsWith("/gateway/gemini/v1beta/")) {
                    extraQuery = "key=" + URLEncoder.encode(user.key, StandardCharsets.UTF_8);
                } else if (path.startsWith("/gateway/gemini/")) {
                    headers.put("x-goog-api-key", user.key);
                } else {
                    headers.put("x-api-key", user.key);
                }
            }
            case COOKIE -> {
                signIn(user);
                headers.put("Cookie", "switchboard_session=" + user.session);
                headers.put("X-CSRF-Token", user.csrf);
            }
        }
        return gw.send(method, path + query(query, extraQuery), body, headers);
    }

    private static Response call(User user, Kind kind, String method, String path, String body) {
        return call(user, kind, method, path, "", body);
    }

    private static void signIn(User user) {
        if (user.session != null) {
            return;
        }
        var answer = gw.sendRaw("POST", TestGateway.API + "auth/sign-in",
                "{\"username\": \"" + user.name + "\", \"password\": \"" + user.password + "\"}");
        assertThat(answer.statusCode()).as("sign-in of %s", user.name).isEqualTo(200);
        String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
        user.session = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
        user.csrf = json(answer.body()).path("csrf_token").asText();
    }

    private static String query(String query, String extra) {
        List<String> parts = new ArrayList<>();
        if (query != null && !query.isEmpty()) {
            parts.add(query);
        }
        if (extra != null) {
            parts.add(extra);
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    private static Response ok(Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 299);
        return response;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
