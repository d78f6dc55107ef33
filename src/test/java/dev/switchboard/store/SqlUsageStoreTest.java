package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.Usage;
import dev.switchboard.usage.Price;
import dev.switchboard.usage.UsageQuery;
import dev.switchboard.usage.UsageRecord;
import dev.switchboard.usage.UsageStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** Usage calls in SQL: each names its series (route, endpoint, target, caller, price) stored once. */
class SqlUsageStoreTest {

    private static final long AT = 1_780_000_000_000L;
    private static final UsageQuery ALL = new UsageQuery(AT - UsageQuery.HOUR, AT + UsageQuery.HOUR, 60_000,
            Optional.empty(), UsageQuery.Filter.NONE);
    private static final Price PRICE = Price.of(OptionalDouble.of(1.5e-7), OptionalDouble.of(6e-7),
            OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());

    @TempDir
    Path dir;

    @Test
    void callsOfOneSeriesShareOneRowAndKeepTheNamesTheyHadThen() {
        try (Database db = Database.open(dir.resolve("u.db").toString())) {
            SqlUsageStore store = new SqlUsageStore(db);
            store.write(List.of(call("chat", 200, AT), call("chat", 200, AT + 1)));
            store.write(List.of(call("chat", 500, AT + 2), call("chat-renamed", 200, AT + 3)));

            assertThat(rows(db, "usage_series")).isEqualTo(2);
            List<UsageStore.StoredCall> calls = store.calls(ALL, Optional.empty(), 10);
            assertThat(calls).extracting(UsageStore.StoredCall::endpointName)
                    .containsExactly("chat-renamed", "chat", "chat", "chat");
            assertThat(calls).extracting(UsageStore.StoredCall::status).containsExactly(200, 500, 200, 200);
            assertThat(calls.getFirst().price()).contains(PRICE.json());
            assertThat(calls.getFirst().route()).isEqualTo("/gateway/openai/v1/chat/completions");
            assertThat(calls.getFirst().surface()).isEqualTo("openai");
        }
    }

    @Test
    void aStoreOpenedAgainFindsTheSeriesAlreadyStored() {
        String file = dir.resolve("u.db").toString();
        try (Database db = Database.open(file)) {
            new SqlUsageStore(db).write(List.of(call("chat", 200, AT)));
        }
        try (Database db = Database.open(file)) {
            SqlUsageStore store = new SqlUsageStore(db);
            store.write(List.of(call("chat", 200, AT + 1)));
            assertThat(rows(db, "usage_series")).isEqualTo(1);
            assertThat(store.count(filtered("id-chat"))).isEqualTo(2);
        }
    }

    @Test
    void aBatchThatFailsLeavesNoSeriesTheNextBatchWouldName() throws SQLException {
        try (Database db = Database.open(dir.resolve("u.db").toString())) {
            SqlUsageStore store = new SqlUsageStore(db);
            execute(db, "CREATE TRIGGER refuse BEFORE INSERT ON usage_calls WHEN NEW.status = 599 "
                    + "BEGIN SELECT RAISE(ABORT, 'refused'); END");
            assertThatThrownBy(() -> store.write(List.of(call("chat", 599, AT))))
                    .isInstanceOf(dev.switchboard.core.GatewayException.class);
            assertThat(rows(db, "usage_series")).isZero();

            execute(db, "DROP TRIGGER refuse");
            store.write(List.of(call("chat", 200, AT)));
            assertThat(store.count(filtered("id-chat"))).isEqualTo(1);
        }
    }

    @Test
    void filtersByWhatASeriesNamesFindOnlyItsCalls() {
        try (Database db = Database.open(dir.resolve("u.db").toString())) {
            SqlUsageStore store = new SqlUsageStore(db);
            store.write(List.of(call("chat", 200, AT), call("embed", 200, AT + 1), call("chat", 429, AT + 2)));

            assertThat(store.count(filtered("id-chat"))).isEqualTo(2);
            assertThat(store.count(filtered("id-embed"))).isEqualTo(1);
            assertThat(store.count(filtered("id-none"))).isZero();
            assertThat(store.calls(filtered("id-embed"), Optional.empty(), 10))
                    .extracting(UsageStore.StoredCall::endpointName).containsExactly("embed");
        }
    }

    @Test
    void callsStoredBeforeSeriesExistedAreKeptByTheMigration() throws SQLException {
        Path file = dir.resolve("old.db");
        SQLiteDataSource old = new SQLiteDataSource();
        old.setUrl("jdbc:sqlite:" + file);
        Database.migrate(old, Database.Dialect.SQLITE, "6");
        try (Connection c = old.getConnection(); Statement st = c.createStatement()) {
            for (int i = 0; i < 3; i++) {
                st.execute("INSERT INTO usage_calls (started_at, route, endpoint_id, endpoint_name, provider, model, "
                        + "caller_kind, caller_id, caller_name, status, error_class, error_message, stream, "
                        + "stream_failed, attempts, duration_us, ttft_us, overhead_us, input_tokens, output_tokens, "
                        + "cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_usd, price, latency_bin, "
                        + "ttft_bin) VALUES (" + (AT + i) + ", '/gateway/mlflow/v1/chat/completions', 'id-chat', "
                        + "'chat', 'openai', 'gpt-4o-mini', 'user', 'u1', 'alice', " + (i == 2 ? 502 : 200) + ", "
                        + (i == 2 ? "'upstream_error', 'bad gateway'" : "NULL, NULL") + ", 1, 0, 2, 120000, "
                        + (i == 0 ? "NULL" : "9000") + ", 800, 10, 5, 1, 0, 0, "
                        + (i == 1 ? "NULL, NULL" : "0.0000045, '{\"input\":0.00000015}'") + ", 50, NULL)");
            }
        }
        try (Database db = Database.open(file.toString())) {
            SqlUsageStore store = new SqlUsageStore(db);
            assertThat(rows(db, "usage_series")).isEqualTo(2);
            List<UsageStore.StoredCall> calls = store.calls(ALL, Optional.empty(), 10);
            assertThat(calls).hasSize(3);
            UsageStore.StoredCall failed = calls.getFirst();
            assertThat(failed.status()).isEqualTo(502);
            assertThat(failed.errorClass()).contains("upstream_error");
            assertThat(failed.errorMessage()).contains("bad gateway");
            assertThat(failed.callerName()).isEqualTo("alice");
            assertThat(failed.surface()).isEqualTo("mlflow");
            assertThat(failed.stream()).isTrue();
            assertThat(failed.attempts()).isEqualTo(2);
            assertThat(failed.ttftMicros()).contains(9000L);
            assertThat(failed.costUsd()).contains(0.0000045);
            assertThat(failed.price()).contains("{\"input\":0.00000015}");
            assertThat(calls.get(1).price()).isEmpty();
            assertThat(calls.get(1).costUsd()).isEmpty();
            assertThat(calls.get(2).ttftMicros()).isEmpty();
            assertThat(calls).extracting(UsageStore.StoredCall::inputTokens).containsOnly(10L);

            store.write(List.of(call("chat", 200, AT + 5)));
            assertThat(store.count(filtered("id-chat"))).isEqualTo(4);
        }
    }

    private static UsageRecord call(String endpoint, int status, long at) {
        return new UsageRecord(at, "/gateway/openai/v1/chat/completions", "openai", "id-" + endpoint.replace("-renamed", ""),
                endpoint, true, "openai", "gpt-4o-mini", UsageRecord.CallerRef.NONE, status,
                status == 200 ? Optional.empty() : Optional.of("upstream_error"), Optional.empty(), false, false, 1,
                120_000_000, OptionalLong.of(100_000_000), 2_000_000, new Usage(10, 5, 0, 0, 0), Optional.of(PRICE),
                Optional.of(new BigDecimal("0.0000045")));
    }

    private static UsageQuery filtered(String endpointId) {
        return new UsageQuery(ALL.startMillis(), ALL.endMillis(), ALL.bucketMillis(), Optional.empty(),
                new UsageQuery.Filter(Optional.of(endpointId), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty()));
    }

    private static long rows(Database db, String table) {
        return Jdbc.inTransaction(db.dataSource(), jdbc -> jdbc.queryOne("SELECT COUNT(*) AS n FROM " + table,
                rs -> rs.getLong("n")).orElseThrow());
    }

    private static void execute(Database db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
