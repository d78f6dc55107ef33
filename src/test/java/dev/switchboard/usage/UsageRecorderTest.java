package dev.switchboard.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.Usage;
import dev.switchboard.store.Database;
import dev.switchboard.store.SqlUsageStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorder never makes a call wait: a full queue drops the record and counts it; closing writes
 * what is queued; retention prunes old calls and older roll-ups.
 */
class UsageRecorderTest {

    private static final long DAY = 86_400_000L;

    @TempDir
    Path dir;

    @Test
    void a_full_queue_drops_the_record_counts_it_and_does_not_block() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<UsageRecord> written = new ArrayList<>();
        UsageStore stalled = new StoreStub() {
            @Override
            public void write(List<UsageRecord> records) {
                writing.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (written) {
                    written.addAll(records);
                }
            }
        };
        GatewayMetrics metrics = new GatewayMetrics();
        try (UsageRecorder recorder = new UsageRecorder(metrics, Pricer.NONE, stalled,
                new UsageSettings(Duration.ofDays(30), Duration.ofDays(400), 1), InstantSource.system())) {
            recorder.record(call("first", System.currentTimeMillis()));
            assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();   // the writer holds "first"
            recorder.record(call("queued", System.currentTimeMillis()));   // fills the queue of one
            // The writer is still held: a record() that waited for it would never return here.
            CompletableFuture.runAsync(() -> recorder.record(call("dropped", System.currentTimeMillis())))
                    .get(10, TimeUnit.SECONDS);
            assertThat(release.getCount()).isEqualTo(1);

            assertThat(metrics.scrape()).contains("switchboard_usage_records_dropped_total 1.0");
            release.countDown();
            assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(written).extracting(UsageRecord::endpointName).containsExactly("first", "queued");
        assertThat(metrics.scrape()).contains("switchboard_usage_records_written_total 2.0")
                .contains("switchboard_requests_total{endpoint=\"dropped\"");
    }

    @Test
    void closing_writes_what_is_queued() {
        try (Database database = Database.open(dir.resolve("usage.db").toString())) {
            SqlUsageStore store = new SqlUsageStore(database);
            UsageRecorder recorder = new UsageRecorder(new GatewayMetrics(), Pricer.NONE, store,
                    UsageSettings.defaults(), InstantSource.system());
            long now = System.currentTimeMillis();
            for (int i = 0; i < 50; i++) {
                recorder.record(call("e", now));
            }
            recorder.close();

            assertThat(store.count(query(0, now + 1))).isEqualTo(50);
        }
    }

    @Test
    void untracked_calls_are_counted_but_not_stored() {
        List<UsageRecord> written = new ArrayList<>();
        GatewayMetrics metrics = new GatewayMetrics();
        try (UsageRecorder recorder = new UsageRecorder(metrics, Pricer.NONE, new StoreStub() {
            @Override
            public void write(List<UsageRecord> records) {
                written.addAll(records);
            }
        }, UsageSettings.defaults(), InstantSource.system())) {
            UsageRecord untracked = call("quiet", System.currentTimeMillis());
            recorder.record(new UsageRecord(untracked.startedAtMillis(), untracked.route(), untracked.surface(),
                    untracked.endpointId(), untracked.endpointName(), false, untracked.provider(), untracked.model(),
                    untracked.caller(), 200, Optional.empty(), Optional.empty(), false, false, 1, 1_000_000,
                    OptionalLong.empty(), 1000, Usage.NONE, Optional.empty(), Optional.empty()));
            assertThat(recorder.flush(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(written).isEmpty();
        assertThat(metrics.scrape()).contains("endpoint=\"quiet\"");
    }

    @Test
    void calls_past_their_retention_and_older_rollups_are_pruned() {
        long now = 1_800_000_000_000L;
        try (Database database = Database.open(dir.resolve("prune.db").toString())) {
            SqlUsageStore store = new SqlUsageStore(database);
            store.write(List.of(call("recent", now - DAY), call("old", now - 40 * DAY),
                    call("ancient", now - 500 * DAY)));
            UsageRecorder recorder = new UsageRecorder(new GatewayMetrics(), Pricer.NONE, store,
                    UsageSettings.defaults(), InstantSource.fixed(Instant.ofEpochMilli(now)));
            try (recorder) {
                UsageStore.Pruned pruned = recorder.prune();
                assertThat(pruned.calls()).isEqualTo(2);
                assertThat(pruned.rollups()).isEqualTo(1);
            }

            assertThat(store.calls(query(0, now), Optional.empty(), 10)).extracting(UsageStore.StoredCall::endpointName)
                    .containsExactly("recent");
            // The hourly roll-ups keep the 40-day-old call, which the calls table no longer has.
            UsageQuery hourly = new UsageQuery(0, now, UsageQuery.HOUR * 24, Optional.of(UsageQuery.Dimension.ENDPOINT),
                    UsageQuery.Filter.NONE);
            assertThat(store.cells(hourly)).extracting(UsageStore.Cell::groupLabel)
                    .containsExactlyInAnyOrder("recent", "old");
        }
    }

    private static UsageQuery query(long start, long end) {
        return new UsageQuery(start, end, 60_000, Optional.empty(), UsageQuery.Filter.NONE);
    }

    static UsageRecord call(String endpoint, long at) {
        return new UsageRecord(at, "/gateway/openai/v1/chat/completions", "openai", "id-" + endpoint, endpoint, true,
                "openai", "gpt-4o-mini", UsageRecord.CallerRef.NONE, 200, Optional.empty(), Optional.empty(), false,
                false, 1, 120_000_000, OptionalLong.of(100_000_000), 2_000_000, new Usage(10, 5, 0, 0, 0),
                Optional.empty(), Optional.of(new BigDecimal("0.0000045")));
    }

    /** A store whose reads are never asked for. */
    private abstract static class StoreStub implements UsageStore {
        @Override
        public Pruned prune(long callsBefore, long rollupsBefore) {
            return new Pruned(0, 0);
        }

        @Override
        public List<Cell> cells(UsageQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Bin> bins(UsageQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<StoredCall> calls(UsageQuery query, Optional<Long> before, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long count(UsageQuery query) {
            throw new UnsupportedOperationException();
        }
    }
}
