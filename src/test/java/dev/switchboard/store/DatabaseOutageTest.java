package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import dev.switchboard.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas whose PostgreSQL server stops, then comes back: meanwhile they serve the
 * configuration they have and say they are degraded; afterwards they catch up by themselves. The
 * test runs a PostgreSQL server of its own (it stops it), on a data directory kept between its runs.
 */
class DatabaseOutageTest {

    @TempDir
    Path dir;

    private static EmbeddedPostgres postgres(Path data, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false);
        return (port == 0 ? builder : builder.setPort(port)).start();
    }

    private static void within(Duration limit, String what, BooleanSupplier done) throws InterruptedException {
        long start = System.nanoTime();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - start > limit.toNanos()) {
                throw new AssertionError(what + " did not happen within " + limit);
            }
            Thread.sleep(50);
        }
    }

    private static int call(TestGateway replica, String endpoint) {
        return replica.sendRaw("POST", "/gateway/openai/v1/chat/completions", """
                {"model": "%s", "messages": [{"role": "user", "content": "hi"}]}""".formatted(endpoint)).statusCode();
    }

    @Test
    void replicas_serve_through_an_outage_say_they_are_degraded_and_catch_up_after_it() throws Exception {
        assumeTrue(TestDatabase.postgresql(), "replicas share a PostgreSQL database");
        Path data = dir.resolve("pgdata");
        EmbeddedPostgres server = postgres(data, 0);
        int port = server.getPort();
        String url = server.getJdbcUrl("postgres", "postgres");
        Map<String, String> env = Map.of("SWITCHBOARD_KEK_PASSPHRASE", TestGateway.PASSPHRASE,
                "SWITCHBOARD_SYNC_INTERVAL", "500ms");
        try (FakeUpstream provider = FakeUpstream.start();
             TestGateway a = TestGateway.onDatabase(url, env);
             TestGateway b = TestGateway.onDatabase(url, env)) {
            provider.setDefault(Reply.json(OpenAiBodies.chatCompletion("gpt-4o", "ok", 1, 1)));
            String definition = a.openAiDefinition("gpt", provider.baseUrl(), "gpt-4o");
            String configs = "[{\"model_definition_id\": \"" + definition + "\"}]";
            assertThat(a.api("POST", "endpoints/create", "{\"name\": \"before\", \"model_configs\": " + configs + "}")
                    .status()).isEqualTo(200);
            within(Duration.ofSeconds(5), "the endpoint reaching the other replica", () -> call(b, "before") == 200);

            server.close();
            within(Duration.ofSeconds(10), "/health saying DEGRADED",
                    () -> b.send("GET", "/health", null).body().contains("DEGRADED"));
            assertThat(b.send("GET", "/health", null).status()).as("a degraded replica still takes calls").isEqualTo(200);
            assertThat(call(b, "before")).as("served from the configuration the replica has").isEqualTo(200);
            TestGateway.Response refused = a.api("POST", "endpoints/create",
                    "{\"name\": \"during\", \"model_configs\": " + configs + "}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.text("/error_code")).isEqualTo("TEMPORARILY_UNAVAILABLE");
            assertThat(refused.text("/message")).startsWith("The database does not answer");

            server = postgres(data, port);
            within(Duration.ofSeconds(15), "/health saying OK again",
                    () -> a.send("GET", "/health", null).body().contains("\"OK\"")
                            && b.send("GET", "/health", null).body().contains("\"OK\""));
            within(Duration.ofSeconds(10), "a write succeeding again", () -> a.api("POST", "endpoints/create",
                    "{\"name\": \"after\", \"model_configs\": " + configs + "}").status() == 200);
            within(Duration.ofSeconds(1), "the new endpoint reaching the other replica", () -> call(b, "after") == 200);
        } finally {
            server.close();
        }
    }
}
