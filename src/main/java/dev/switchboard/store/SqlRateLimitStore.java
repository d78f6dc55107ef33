package dev.switchboard.store;

import dev.switchboard.core.GatewayException;
import dev.switchboard.limits.CounterKey;
import dev.switchboard.limits.RateLimit;
import dev.switchboard.limits.RateLimitStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rate limits in the {@code rate_limits} table and their counts per minute in
 * {@code rate_limit_windows}. A change to a limit bumps {@code config_version}, so every replica
 * reads the limits again. Counts are added with one upsert per minute ({@code amount = amount + ?}),
 * in a fixed order so that replicas adding at once never deadlock.
 */
public final class SqlRateLimitStore implements RateLimitStore {

    private static final String COLUMNS = "rate_limit_id, endpoint_id, username, key_id, queries_per_minute, "
            + "tokens_per_minute, created_at, created_by, last_updated_at, last_updated_by";

    private final Database database;

    public SqlRateLimitStore(Database database) {
        this.database = database;
    }

    @Override
    public List<RateLimit> limits() {
        return inTransaction(jdbc -> jdbc.query("SELECT " + COLUMNS + " FROM rate_limits ORDER BY endpoint_id, "
                + "created_at, rate_limit_id", SqlRateLimitStore::limit));
    }

    @Override
    public Optional<RateLimit> limit(String id) {
        return inTransaction(jdbc -> jdbc.queryOne("SELECT " + COLUMNS + " FROM rate_limits WHERE rate_limit_id = ?",
                SqlRateLimitStore::limit, id));
    }

    @Override
    public void insert(RateLimit l) {
        inTransaction(jdbc -> {
            boolean taken = jdbc.queryOne("SELECT 1 FROM rate_limits WHERE endpoint_id = ? AND COALESCE(username, '') "
                            + "= ? AND COALESCE(key_id, '') = ?", rs -> true, l.endpointId(), l.username().orElse(""),
                    l.keyId().orElse("")).isPresent();
            if (taken) {
                throw new GatewayException.AlreadyExists("Rate limit already exists for endpoint '" + l.endpointId()
                        + "' (" + l.whom().substring("for ".length()) + ")");
            }
            Changes.announce(jdbc, database.dialect(), Changes.Kind.CONFIG);
            jdbc.update("INSERT INTO rate_limits (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", l.id(),
                    l.endpointId(), l.username().orElse(null), l.keyId().orElse(null),
                    l.requestsPerMinute().orElse(null), l.tokensPerMinute().orElse(null), l.audit().createdAt(),
                    l.audit().createdBy().orElse(null), l.audit().lastUpdatedAt(),
                    l.audit().lastUpdatedBy().orElse(null));
            return null;
        });
    }

    @Override
    public void update(RateLimit l) {
        inTransaction(jdbc -> {
            Changes.announce(jdbc, database.dialect(), Changes.Kind.CONFIG);
            jdbc.update("UPDATE rate_limits SET queries_per_minute = ?, tokens_per_minute = ?, last_updated_at = ?, "
                            + "last_updated_by = ? WHERE rate_limit_id = ?", l.requestsPerMinute().orElse(null),
                    l.tokensPerMinute().orElse(null), l.audit().lastUpdatedAt(), l.audit().lastUpdatedBy().orElse(null),
                    l.id());
            return null;
        });
    }

    @Override
    public boolean delete(String id) {
        return inTransaction(jdbc -> {
            Changes.announce(jdbc, database.dialect(), Changes.Kind.CONFIG);
            jdbc.update("DELETE FROM rate_limit_windows WHERE counter_id IN (?, ?)", id + "/requests", id + "/tokens");
            return jdbc.update("DELETE FROM rate_limits WHERE rate_limit_id = ?", id) > 0;
        });
    }

    @Override
    public void prune(long beforeMillis) {
        inTransaction(jdbc -> jdbc.update("DELETE FROM rate_limit_windows WHERE window_end_ms < ?", beforeMillis));
    }

    @Override
    public Map<CounterKey, Long> add(Map<CounterKey, Long> amounts) {
        List<CounterKey> ordered = new ArrayList<>(amounts.keySet());
        ordered.sort(Comparator.comparing(CounterKey::counterId).thenComparingLong(CounterKey::startMillis)
                .thenComparingLong(CounterKey::endMillis));
        return inTransaction(jdbc -> {
            Map<CounterKey, Long> totals = new HashMap<>();
            for (CounterKey key : ordered) {
                totals.put(key, jdbc.queryOne("INSERT INTO rate_limit_windows (counter_id, window_start_ms, "
                                + "window_end_ms, amount) VALUES (?, ?, ?, ?) ON CONFLICT (counter_id, window_start_ms, "
                                + "window_end_ms) DO UPDATE SET amount = rate_limit_windows.amount + excluded.amount "
                                + "RETURNING amount", rs -> rs.getLong(1), key.counterId(), key.startMillis(),
                        key.endMillis(), amounts.get(key)).orElseThrow());
            }
            return totals;
        });
    }

    /**
     * One query for all the windows asked for (the writer asks for every limit's current and last
     * minute each round): the stored minutes that end no earlier than the earliest of them.
     */
    @Override
    public Map<CounterKey, Long> read(Collection<CounterKey> windows) {
        if (windows.isEmpty()) {
            return Map.of();
        }
        long from = windows.stream().mapToLong(CounterKey::endMillis).min().orElseThrow();
        record Row(CounterKey key, long amount) {
        }
        Map<CounterKey, Long> stored = new HashMap<>();
        inTransaction(jdbc -> jdbc.query("SELECT counter_id, window_start_ms, window_end_ms, amount FROM "
                        + "rate_limit_windows WHERE window_end_ms >= ?",
                rs -> new Row(new CounterKey(rs.getString(1), rs.getLong(2), rs.getLong(3)), rs.getLong(4)), from))
                .forEach(row -> stored.put(row.key(), row.amount()));
        Map<CounterKey, Long> counts = new HashMap<>();
        for (CounterKey key : windows) {
            counts.put(key, stored.getOrDefault(key, 0L));
        }
        return counts;
    }

    private static RateLimit limit(ResultSet rs) throws SQLException {
        return new RateLimit(rs.getString("rate_limit_id"), rs.getString("endpoint_id"),
                Jdbc.optionalString(rs, "username"), Jdbc.optionalString(rs, "key_id"),
                optionalLong(rs, "queries_per_minute"), optionalLong(rs, "tokens_per_minute"), AuditColumns.read(rs));
    }

    private static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private <T> T inTransaction(Function<Jdbc, T> work) {
        return Jdbc.inTransaction(database.dataSource(), work);
    }
}
