package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import dev.switchboard.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A rolling upgrade on PostgreSQL: while two replicas of this release serve calls and edits, two
 * replicas of the next release start at the same moment and migrate the shared database. The next
 * release is this one plus a migration that only adds (src/test/resources/db/next-release). It is
 * applied once; no call fails before, during or after; edits still reach every replica; and a replica
 * of the release before, restarted after the upgrade, still starts.
 */
class RollingUpgradeTest {

    private static final List<String> NEXT_RELEASE = List.of(Database.MIGRATIONS, "classpath:db/next-release");

    @TempDir
    Path dir;

    @Test
    void the_next_release_migrates_once_while_the_replicas_before_it_serve_without_a_failed_call() throws Exception {
        assumeTrue(TestDatabase.postgresql(), "replicas share a PostgreSQL database");
        String url = TestDatabase.location(dir, "switchboard.db");
        List<TestGateway> replicas = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (FakeUpstream provider = FakeUpstream.start()) {
            provider.setDefault(Reply.json(OpenAiBodies.chatCompletion("gpt-4o", "ok", 1, 1)));
            replicas.add(TestGateway.start(dir));
            replicas.add(TestGateway.start(dir));
            String definition = replicas.getFirst().openAiDefinition("gpt", provider.baseUrl(), "gpt-4o");
            replicas.getFirst().endpoint("steady", definition);
            long made = System.nanoTime();
            while (call(replicas.get(1), "steady") != 200) {
                assertThat(System.nanoTime() - made).as("the endpoint reached the other replica within 5 s")
                        .isLessThan(5_000_000_000L);
                Thread.sleep(5);
            }

            // What the load balancer sends to: the two replicas of the release before.
            AtomicReferenceArray<TestGateway> serving = new AtomicReferenceArray<>(replicas.toArray(TestGateway[]::new));
            AtomicInteger calls = new AtomicInteger();
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            Future<?> load = pool.submit(() -> {
                while (running.get()) {
                    TestGateway replica = serving.get(calls.get() % 2);
                    int status = call(replica, "steady");
                    if (status != 200) {
                        failures.add("call " + calls.get() + " answered " + status);
                    }
                    calls.incrementAndGet();
                }
            });
            Thread.sleep(300);
            int beforeUpgrade = calls.get();

            List<Future<?>> upgrades = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                upgrades.add(pool.submit(() -> {
                    Database.migrate(dataSource(url), Database.Dialect.POSTGRESQL, "latest", NEXT_RELEASE);
                    return null;
                }));
            }
            for (Future<?> upgrade : upgrades) {
                upgrade.get();
            }
            replicas.getFirst().endpoint("after-upgrade", definition);
            long since = System.nanoTime();
            while (call(replicas.get(1), "after-upgrade") != 200) {
                assertThat(System.nanoTime() - since).as("the edit reached the other replica within 1 s")
                        .isLessThan(1_000_000_000L);
                Thread.onSpinWait();
            }

            // The release before, restarted on the upgraded database: taken out of the balancer, then
            // started again and put back.
            TestGateway restarted = TestGateway.start(dir);
            replicas.add(restarted);
            TestGateway old = serving.getAndSet(1, restarted);
            Thread.sleep(100);
            old.close();
            assertThat(call(restarted, "after-upgrade")).isEqualTo(200);
            Thread.sleep(300);
            running.set(false);
            load.get();

            assertThat(failures).isEmpty();
            assertThat(beforeUpgrade).isPositive();
            assertThat(calls.get()).isGreaterThan(beforeUpgrade);
            try (Connection connection = dataSource(url).getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet applied = statement.executeQuery(
                         "SELECT COUNT(*), MIN(CASE WHEN success THEN 1 ELSE 0 END) FROM flyway_schema_history "
                                 + "WHERE version = '1000'")) {
                applied.next();
                assertThat(applied.getInt(1)).as("the next release's migration applied once").isEqualTo(1);
                assertThat(applied.getInt(2)).as("and it succeeded").isEqualTo(1);
            }
        } finally {
            running.set(false);
            pool.shutdownNow();
            replicas.forEach(TestGateway::close);
        }
    }

    private static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        return dataSource;
    }

    private static int call(TestGateway replica, String endpoint) {
        return replica.sendRaw("POST", "/gateway/openai/v1/chat/completions", """
                {"model": "%s", "messages": [{"role": "user", "content": "hi"}]}""".formatted(endpoint)).statusCode();
    }
}
