package dev.switchboard.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.access.Principal;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Usage;
import dev.switchboard.store.Database;
import dev.switchboard.store.SqlRateLimitStore;
import dev.switchboard.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate limits over the real store on a clock the test moves: the sliding minute, the wait a refusal
 * names (and that a call is let through once it has passed), tokens counted when calls end, and the
 * headers' figures.
 */
class RateLimitsTest {

    private static final String ENDPOINT = "e-rate-limits-test";

    @TempDir
    Path dir;
    private final AtomicLong now = new AtomicLong(Instant.parse("2026-12-07T10:00:00Z").toEpochMilli());
    private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
    private Database database;
    private RateLimits limits;
    private RateLimitService service;

    @BeforeEach
    void start() throws SQLException {
        database = Database.open(TestDatabase.location(dir, "rate-limits.db"));
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO endpoints (endpoint_id, name, usage_tracking, created_at, last_updated_at) "
                    + "VALUES ('" + ENDPOINT + "', 'gpt', TRUE, 0, 0)");
        }
        SqlRateLimitStore store = new SqlRateLimitStore(database);
        limits = new RateLimits(store, clock, new SharedCounts.Settings(false, Duration.ofMillis(20)));
        service = new RateLimitService(store, limits, (scope, target) -> Optional.empty(), clock);
    }

    @AfterEach
    void stop() {
        limits.close();
        database.close();
    }

    private RateLimit create(Long requests, Long tokens) {
        return service.create(new RateLimitService.Spec(Optional.of(ENDPOINT), Optional.empty(), Optional.empty(),
                Optional.ofNullable(requests), Optional.ofNullable(tokens)), Optional.of("test"));
    }

    private void admit() {
        limits.admit(ENDPOINT, Principal.OPEN);
    }

    private GatewayException.RateLimited refused() {
        try {
            admit();
        } catch (GatewayException.RateLimited e) {
            return e;
        }
        throw new AssertionError("the call was let through");
    }

    @Test
    void a_full_minute_refuses_until_the_wait_it_names_has_passed() {
        create(10L, null);
        for (int i = 0; i < 10; i++) {
            admit();
        }
        GatewayException.RateLimited refusal = refused();
        // Next minute, 10 calls weigh 10 * (1 - e/60 s); one more fits once that is at most 9: e = 6 s.
        assertThat(refusal.retryAfterSeconds()).isEqualTo(66);
        assertThat(refusal.requests()).hasValue(new GatewayException.RateLimited.Quota(10, 0, 66_000));
        assertThat(refusal.tokens()).isEmpty();
        assertThat(refusal.getMessage()).contains("10 queries per minute for the endpoint");

        now.addAndGet(65_999);
        refused();
        now.addAndGet(1);
        admit();
        refused();
    }

    @Test
    void the_last_minute_weighs_what_the_sliding_minute_still_covers() {
        create(10L, null);
        now.addAndGet(50_000);
        for (int i = 0; i < 10; i++) {
            admit();
        }
        refused();
        now.set(Instant.parse("2026-12-07T10:01:30Z").toEpochMilli());
        // Half of the last minute is still covered: its 10 calls weigh 5, so 5 more fit.
        for (int i = 0; i < 5; i++) {
            admit();
        }
        GatewayException.RateLimited refusal = refused();
        assertThat(refusal.requests().orElseThrow().remaining()).isZero();
        // 5 + 10 * (60 - e) / 60 <= 9 once e >= 36 s: 6 s from 10:01:30.
        assertThat(refusal.retryAfterSeconds()).isEqualTo(6);
        now.addAndGet(6_000);
        admit();
        assertThat(limits.state(service.list().getFirst()).orElseThrow().requests().orElseThrow().remaining())
                .as("10:01:36: 6 calls + 10 * 0.4").isZero();
    }

    @Test
    void tokens_count_when_calls_end_and_a_refused_call_counts_no_request() {
        RateLimit limit = create(100L, 2_000L);
        admit();
        limits.settled(ENDPOINT, Principal.OPEN, Optional.empty(), new Usage(1000, 500, 0, 0, 0));
        admit();
        limits.settled(ENDPOINT, Principal.OPEN, Optional.empty(), new Usage(1000, 500, 0, 0, 0));
        GatewayException.RateLimited refusal = refused();
        // Next minute, 3,000 tokens weigh 3,000 * (1 - e/60 s): at most 2,000 from e = 20 s.
        assertThat(refusal.tokens()).hasValue(new GatewayException.RateLimited.Quota(2000, 0, 80_000));
        assertThat(refusal.retryAfterSeconds()).isEqualTo(80);
        assertThat(refusal.requests().orElseThrow()).as("the requests left, and the end of the minute")
                .isEqualTo(new GatewayException.RateLimited.Quota(100, 98, 60_000));
        assertThat(refusal.getMessage()).contains("2000 tokens per minute");
        assertThat(limits.state(limit).orElseThrow().requests().orElseThrow().remaining()).isEqualTo(98);

        service.update(limit.id(), new RateLimitService.Spec(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(0L)), Optional.of("test"));
        admit();
        assertThat(limits.state(limit).orElseThrow().tokens()).as("0 removes the tokens limit").isEmpty();
    }

    @Test
    void another_endpoint_and_a_deleted_limit_refuse_nothing() {
        RateLimit limit = create(1L, null);
        admit();
        refused();
        limits.admit("e-another", Principal.OPEN);
        service.delete(limit.id());
        admit();
        assertThatThrownBy(() -> service.get(limit.id())).isInstanceOf(GatewayException.NotFound.class);
    }
}
