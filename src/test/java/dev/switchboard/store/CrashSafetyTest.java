package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.GatewayProcess;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import dev.switchboard.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration written from several clients at once, the gateway killed with SIGKILL in the
 * middle of it, then started again on the same database: every write the gateway acknowledged
 * (answered 200) is there, whole, and a SQLite file passes SQLite's integrity check. Three rounds,
 * each killed at a different moment; the seed is in the failure message. Runs on SQLite, and on
 * PostgreSQL in the tests' PostgreSQL pass.
 */
class CrashSafetyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String ADMIN = TestGateway.basicHeader("admin", TestGateway.ADMIN_PASSWORD);
    private static final int WRITERS = 6;

    @TempDir
    Path dir;

    /** What the gateway acknowledged, and the one write per writer that may have been cut short. */
    private static final class Ledger {
        final Map<String, String> secretKeys = new ConcurrentHashMap<>(); // secret name -> its key
        final Set<String> definitions = ConcurrentHashMap.newKeySet();
        final Set<String> endpoints = ConcurrentHashMap.newKeySet(); // each named as its secret
        final Map<String, Long> backoffAcked = new ConcurrentHashMap<>(); // endpoint id -> last acknowledged
        final Map<String, Long> backoffSent = new ConcurrentHashMap<>(); // endpoint id -> last sent
        final Set<String> users = ConcurrentHashMap.newKeySet();
        final Set<String> gatewayKeys = ConcurrentHashMap.newKeySet();

        int size() {
            return secretKeys.size() + definitions.size() + endpoints.size() + users.size() + gatewayKeys.size();
        }
    }

    @Test
    void every_acknowledged_write_survives_sigkill_in_the_middle_of_concurrent_writes() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String database = TestDatabase.location(dir, "gateway.db");
        Ledger ledger = new Ledger();
        try (FakeUpstream provider = FakeUpstream.start()) {
            provider.setDefault(Reply.json(OpenAiBodies.chatCompletion("gpt-4o", "ok", 1, 1)));
            for (int round = 0; round < 3; round++) {
                GatewayProcess gateway = start(database);
                try {
                    check(gateway, ledger, provider, "before round " + round + " (seed " + seed + ")");
                    int before = ledger.size();
                    AtomicBoolean killed = new AtomicBoolean();
                    List<Thread> writers = new ArrayList<>();
                    for (int w = 0; w < WRITERS; w++) {
                        String prefix = "r" + round + "w" + w;
                        writers.add(Thread.ofPlatform().start(() -> write(gateway, prefix, provider, ledger, killed)));
                    }
                    Thread.sleep(600 + random.nextInt(900));
                    killed.set(true);
                    gateway.kill();
                    for (Thread writer : writers) {
                        writer.join(TimeUnit.SECONDS.toMillis(30));
                    }
                    assertThat(ledger.size() - before).as("writes acknowledged in round %d", round).isGreaterThan(10);
                } finally {
                    gateway.close();
                }
            }
            try (GatewayProcess gateway = start(database)) {
                check(gateway, ledger, provider, "after the last kill (seed " + seed + ")");
            }
        }
        if (!TestDatabase.postgresql()) {
            try (Connection sqlite = TestDatabase.connect(dir, "gateway.db");
                 Statement statement = sqlite.createStatement();
                 ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("ok");
            }
        }
    }

    private static GatewayProcess start(String database) throws IOException {
        return GatewayProcess.on(database).env(Map.of("SWITCHBOARD_AUTH", "on",
                "SWITCHBOARD_ADMIN_PASSWORD", TestGateway.ADMIN_PASSWORD,
                "SWITCHBOARD_ALLOW_PRIVATE_API_BASE", "true", "SWITCHBOARD_API_BASE_ALLOWED_SCHEMES", "http,https"))
                .start();
    }

    /**
     * One writer: a secret, a model definition on it, an endpoint on that, an update of the writer's
     * first endpoint, and every third time a user and a gateway key; again and again until the kill.
     */
    private static void write(GatewayProcess gateway, String prefix, FakeUpstream provider, Ledger ledger,
                              AtomicBoolean killed) {
        String firstEndpoint = null;
        for (int i = 0; !killed.get(); i++) {
            try {
                String name = prefix + "-" + i;
                String key = "sk-crash-" + name + "-" + Long.toHexString(new Random().nextLong());
                JsonNode secret = post(gateway, "secrets/create", Map.of("secret_name", name,
                        "secret_value", Map.of("api_key", key), "provider", "openai",
                        "auth_config", Map.of("api_base", provider.baseUrl() + "/v1")));
                ledger.secretKeys.put(name, key);
                JsonNode definition = post(gateway, "model-definitions/create", Map.of("name", name,
                        "secret_id", secret.at("/secret/secret_id").asText(), "provider", "openai", "model_name", "gpt-4o"));
                ledger.definitions.add(name);
                JsonNode endpoint = post(gateway, "endpoints/create", Map.of("name", name, "model_configs",
                        List.of(Map.of("model_definition_id", definition.at("/model_definition/model_definition_id").asText(),
                                "linkage_type", "PRIMARY", "weight", 1))));
                ledger.endpoints.add(name);
                if (firstEndpoint == null) {
                    firstEndpoint = endpoint.at("/endpoint/endpoint_id").asText();
                } else {
                    long backoff = i;
                    ledger.backoffSent.put(firstEndpoint, backoff);
                    post(gateway, "endpoints/update", Map.of("endpoint_id", firstEndpoint,
                            "retry_config", Map.of("max_retries", 1, "initial_backoff_ms", backoff)));
                    ledger.backoffAcked.put(firstEndpoint, backoff);
                }
                if (i % 3 == 0) {
                    post(gateway, "/api/2.0/mlflow/users/create", Map.of("username", name,
                            "password", "a long password for " + name));
                    ledger.users.add(name);
                    JsonNode created = post(gateway, "gateway-keys/create", Map.of("name", name));
                    ledger.gatewayKeys.add(created.get("key").asText());
                }
            } catch (IOException | InterruptedException | IllegalStateException e) {
                if (!killed.get()) {
                    throw new AssertionError("A write failed before the kill", e);
                }
                return;
            }
        }
    }

    private static JsonNode post(GatewayProcess gateway, String route, Object body)
            throws IOException, InterruptedException {
        String path = route.startsWith("/") ? route : TestGateway.API + route;
        HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(URI.create(gateway.url(path)))
                .header("Authorization", ADMIN).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(route + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    private static JsonNode get(GatewayProcess gateway, String path, String authorization)
            throws IOException, InterruptedException {
        HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(URI.create(gateway.url(path)))
                .header("Authorization", authorization).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("GET %s: %s", path, answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** Every acknowledged write is there: each key still reaches its provider whole, each gateway key still signs in. */
    private static void check(GatewayProcess gateway, Ledger ledger, FakeUpstream provider, String when)
            throws IOException, InterruptedException {
        Set<String> secrets = names(get(gateway, TestGateway.API + "secrets/list", ADMIN).get("secrets"), "secret_name");
        assertThat(secrets).as("secrets " + when).containsAll(ledger.secretKeys.keySet());
        Set<String> definitions = names(get(gateway, TestGateway.API + "model-definitions/list", ADMIN)
                .get("model_definitions"), "name");
        assertThat(definitions).as("model definitions " + when).containsAll(ledger.definitions);
        Set<String> endpoints = names(get(gateway, TestGateway.API + "endpoints/list", ADMIN).get("endpoints"), "name");
        assertThat(endpoints).as("endpoints " + when).containsAll(ledger.endpoints);
        Set<String> users = names(get(gateway, "/api/2.0/mlflow/users/list", ADMIN).get("users"), "username");
        assertThat(users).as("users " + when).containsAll(ledger.users);

        for (Map.Entry<String, Long> acked : ledger.backoffAcked.entrySet()) {
            long stored = get(gateway, TestGateway.API + "endpoints/get?endpoint_id=" + acked.getKey(), ADMIN)
                    .at("/endpoint/retry_config/initial_backoff_ms").asLong();
            // The update sent after the last acknowledged one may or may not have been written.
            assertThat(stored).as("the last retry_config of endpoint %s %s", acked.getKey(), when)
                    .isIn(acked.getValue(), ledger.backoffSent.get(acked.getKey()));
        }
        for (String key : ledger.gatewayKeys) {
            get(gateway, TestGateway.API + "gateway-keys/list", "Bearer " + key);
        }
        for (String endpoint : ledger.endpoints) {
            HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(
                    URI.create(gateway.url("/gateway/openai/v1/chat/completions")))
                    .header("Authorization", ADMIN).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString("""
                            {"model": "%s", "messages": [{"role": "user", "content": "hi"}]}"""
                            .formatted(endpoint))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("a call to endpoint %s %s: %s", endpoint, when, answer.body())
                    .isEqualTo(200);
            Recorded sent = provider.takeRequest(Duration.ofSeconds(10));
            boolean whole = sent.header("authorization").orElse("")
                    .equals("Bearer " + ledger.secretKeys.get(endpoint));
            // The key's value is never printed, only whether it arrived whole.
            assertThat(whole).as("the key of secret %s reached the provider whole %s", endpoint, when).isTrue();
        }
    }

    private static Set<String> names(JsonNode list, String field) {
        Set<String> names = new HashSet<>();
        list.forEach(item -> names.add(item.get(field).asText()));
        return names;
    }
}
