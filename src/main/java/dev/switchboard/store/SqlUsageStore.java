package dev.switchboard.store;

import dev.switchboard.usage.LatencyBins;
import dev.switchboard.usage.UsageQuery;
import dev.switchboard.usage.UsageRecord;
import dev.switchboard.usage.UsageStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Usage in SQL, the same on SQLite and PostgreSQL: a batch of calls is inserted and added to the
 * hourly roll-ups (sums and latency bins, with {@code INSERT ... ON CONFLICT DO UPDATE}) in one
 * transaction. Each call's row names its {@link UsageSeries series} (route, endpoint, target, caller,
 * price) by number. Questions about whole hours read the roll-ups; finer ones read the calls.
 */
public final class SqlUsageStore implements UsageStore {

    private static final String INSERT_CALL = "INSERT INTO usage_calls (started_at, series_id, status, error_class, "
            + "error_message, stream, stream_failed, attempts, duration_us, ttft_us, overhead_us, input_tokens, "
            + "output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_usd, latency_bin, "
            + "ttft_bin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The calls with what they name: every read of calls goes through this. */
    private static final String NAMED_CALLS = "usage_calls JOIN usage_series USING (series_id)";

    private static final String KEY_COLUMNS = "hour, endpoint_id, provider, model, caller_id, surface, status";

    private static final String UPSERT_HOURLY = "INSERT INTO usage_hourly (" + KEY_COLUMNS + ", endpoint_name, "
            + "caller_kind, caller_name, requests, errors, input_tokens, output_tokens, cache_read_tokens, "
            + "cache_write_tokens, reasoning_tokens, cost_usd, unpriced, duration_us, overhead_us) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (" + KEY_COLUMNS + ") DO UPDATE SET endpoint_name = excluded.endpoint_name, "
            + "caller_kind = excluded.caller_kind, caller_name = excluded.caller_name, "
            + sums("requests", "errors", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens",
                    "reasoning_tokens", "cost_usd", "unpriced", "duration_us", "overhead_us");

    private static final String UPSERT_BIN = "INSERT INTO usage_hourly_latency (" + KEY_COLUMNS + ", kind, bin, calls) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (" + KEY_COLUMNS + ", kind, bin) "
            + "DO UPDATE SET calls = usage_hourly_latency.calls + excluded.calls";

    private final Database database;
    private final UsageSeries series = new UsageSeries();

    public SqlUsageStore(Database database) {
        this.database = database;
    }

    private static String sums(String... columns) {
        List<String> sets = new ArrayList<>();
        for (String column : columns) {
            sets.add(column + " = usage_hourly." + column + " + excluded." + column);
        }
        return String.join(", ", sets);
    }

    @Override
    public synchronized void write(List<UsageRecord> records) {
        UsageSeries.Batch batch = Jdbc.inTransaction(database.dataSource(), jdbc -> {
            UsageSeries.Batch known = series.begin(jdbc);
            List<Object[]> calls = new ArrayList<>(records.size());
            Map<RollupKey, Hourly> hourly = new LinkedHashMap<>();
            Map<BinKey, long[]> bins = new LinkedHashMap<>();
            for (UsageRecord r : records) {
                long durationUs = micros(r.durationNanos());
                Long ttftUs = r.firstByteNanos().isPresent() ? micros(r.firstByteNanos().getAsLong()) : null;
                int latencyBin = LatencyBins.bin(durationUs);
                Integer ttftBin = ttftUs == null ? null : LatencyBins.bin(ttftUs);
                Double cost = r.cost().map(java.math.BigDecimal::doubleValue).orElse(null);
                calls.add(new Object[] {r.startedAtMillis(), known.idOf(r), r.status(), r.errorClass(),
                    r.errorMessage(), r.stream(), r.streamFailed(), r.attempts(), durationUs, ttftUs,
                    micros(r.overheadNanos()), r.usage().input(), r.usage().output(), r.usage().cacheRead(),
                    r.usage().cacheWrite(), r.usage().reasoning(), cost, latencyBin, ttftBin});
                RollupKey key = new RollupKey(r.startedAtMillis() / UsageQuery.HOUR * UsageQuery.HOUR,
                        r.endpointId(), r.provider(), r.model(), r.caller().id(), r.surface(), r.status());
                hourly.computeIfAbsent(key, k -> new Hourly(r)).add(r, cost, durationUs);
                bins.computeIfAbsent(new BinKey(key, "l", latencyBin), k -> new long[1])[0]++;
                if (ttftBin != null) {
                    bins.computeIfAbsent(new BinKey(key, "t", ttftBin), k -> new long[1])[0]++;
                }
            }
            List<Object[]> hourlyRows = new ArrayList<>(hourly.size());
            hourly.forEach((key, h) -> hourlyRows.add(h.row(key)));
            List<Object[]> binRows = new ArrayList<>(bins.size());
            bins.forEach((key, count) -> binRows.add(key.row(count[0])));
            jdbc.batch(INSERT_CALL, calls);
            jdbc.batch(UPSERT_HOURLY, hourlyRows);
            jdbc.batch(UPSERT_BIN, binRows);
            return known;
        });
        batch.committed();
    }

    /** The key of an hourly roll-up row. */
    private record RollupKey(long hour, String endpointId, String provider, String model, String callerId,
                             String surface, int status) {
        List<Object> values() {
            return List.of(hour, endpointId, provider, model, callerId, surface, status);
        }
    }

    /** The key of a roll-up's latency ({@code l}) or time-to-first-byte ({@code t}) bin. */
    private record BinKey(RollupKey rollup, String kind, int bin) {
        Object[] row(long calls) {
            List<Object> row = new ArrayList<>(rollup.values());
            row.addAll(List.of(kind, bin, calls));
            return row.toArray();
        }
    }

    private static long micros(long nanos) {
        return TimeUnit.NANOSECONDS.toMicros(nanos);
    }

    private static String kind(UsageRecord.CallerRef caller) {
        return caller.kind().label();
    }

    /** The sums of one roll-up row of a batch. */
    private static final class Hourly {
        private final String endpointName;
        private final String callerKind;
        private final String callerName;
        private long requests;
        private long errors;
        private long input;
        private long output;
        private long cacheRead;
        private long cacheWrite;
        private long reasoning;
        private double cost;
        private long unpriced;
        private long durationUs;
        private long overheadUs;

        Hourly(UsageRecord first) {
            endpointName = first.endpointName();
            callerKind = kind(first.caller());
            callerName = first.caller().name();
        }

        void add(UsageRecord r, Double cost, long durationUs) {
            requests++;
            errors += r.error() ? 1 : 0;
            input += r.usage().input();
            output += r.usage().output();
            cacheRead += r.usage().cacheRead();
            cacheWrite += r.usage().cacheWrite();
            reasoning += r.usage().reasoning();
            this.cost += cost == null ? 0 : cost;
            unpriced += cost == null ? 1 : 0;
            this.durationUs += durationUs;
            overheadUs += micros(r.overheadNanos());
        }

        Object[] row(RollupKey key) {
            List<Object> row = new ArrayList<>(key.values());
            row.addAll(List.of(endpointName, callerKind, callerName, requests, errors, input, output, cacheRead,
                    cacheWrite, reasoning, cost, unpriced, durationUs, overheadUs));
            return row.toArray();
        }
    }

    @Override
    public Pruned prune(long callsBefore, long rollupsBefore) {
        return Jdbc.inTransaction(database.dataSource(), jdbc -> {
            long calls = jdbc.update("DELETE FROM usage_calls WHERE started_at < ?", callsBefore);
            long rollups = jdbc.update("DELETE FROM usage_hourly WHERE hour < ?", rollupsBefore);
            jdbc.update("DELETE FROM usage_hourly_latency WHERE hour < ?", rollupsBefore);
            return new Pruned(calls, rollups);
        });
    }

    @Override
    public List<Cell> cells(UsageQuery query) {
        Source source = Source.of(query);
        String sql = "SELECT " + source.bucket(query) + " AS b, " + key(query) + " AS k, " + label(query) + " AS l, "
                + source.stats + " FROM " + source.table + " WHERE " + source.where(query) + " GROUP BY 1, 2";
        return Jdbc.inTransaction(database.dataSource(), jdbc -> jdbc.query(sql, rs -> new Cell(rs.getLong("b"),
                rs.getString("k"), rs.getString("l"), rs.getLong("requests"), rs.getLong("errors"),
                rs.getLong("input_tokens"), rs.getLong("output_tokens"), rs.getLong("cache_read_tokens"),
                rs.getLong("cache_write_tokens"), rs.getLong("reasoning_tokens"), rs.getDouble("cost_usd"),
                rs.getLong("unpriced"), rs.getLong("duration_us"), rs.getLong("overhead_us")),
                source.params(query).toArray()));
    }

    @Override
    public List<Bin> bins(UsageQuery query) {
        Source source = Source.of(query);
        List<Object> params = source.params(query);
        Jdbc.RowMapper<Bin> mapper = rs -> new Bin(rs.getLong("b"), rs.getString("k"), "l".equals(rs.getString("kind")),
                rs.getInt("bin"), rs.getLong("calls"));
        if (source == Source.ROLLUPS) {
            String sql = "SELECT " + source.bucket(query) + " AS b, " + key(query) + " AS k, kind, bin, SUM(calls) AS calls "
                    + "FROM usage_hourly_latency WHERE " + source.where(query) + " GROUP BY 1, 2, 3, 4";
            return Jdbc.inTransaction(database.dataSource(), jdbc -> jdbc.query(sql, mapper, params.toArray()));
        }
        String latency = "SELECT " + source.bucket(query) + " AS b, " + key(query) + " AS k, 'l' AS kind, "
                + "latency_bin AS bin, COUNT(*) AS calls FROM " + NAMED_CALLS + " WHERE " + source.where(query)
                + " GROUP BY 1, 2, 3, 4";
        String ttft = "SELECT " + source.bucket(query) + " AS b, " + key(query) + " AS k, 't' AS kind, "
                + "ttft_bin AS bin, COUNT(*) AS calls FROM " + NAMED_CALLS + " WHERE " + source.where(query)
                + " AND ttft_bin IS NOT NULL GROUP BY 1, 2, 3, 4";
        return Jdbc.inTransaction(database.dataSource(), jdbc -> {
            List<Bin> all = new ArrayList<>(jdbc.query(latency, mapper, params.toArray()));
            all.addAll(jdbc.query(ttft, mapper, params.toArray()));
            return all;
        });
    }

    @Override
    public List<StoredCall> calls(UsageQuery query, Optional<Long> before, int limit) {
        List<Object> params = Source.CALLS.params(query);
        String where = Source.CALLS.where(query);
        if (before.isPresent()) {
            where += " AND started_at < ?";
            params.add(before.get());
        }
        String sql = "SELECT * FROM " + NAMED_CALLS + " WHERE " + where + " ORDER BY started_at DESC, call_id DESC LIMIT "
                + limit;
        return Jdbc.inTransaction(database.dataSource(), jdbc -> jdbc.query(sql, rs -> new StoredCall(
                Long.toString(rs.getLong("call_id")), rs.getLong("started_at"), rs.getString("route"),
                UsageRecord.surfaceOf(rs.getString("route")),
                rs.getString("endpoint_id"), rs.getString("endpoint_name"), rs.getString("provider"),
                rs.getString("model"), rs.getString("caller_kind"), rs.getString("caller_id"),
                rs.getString("caller_name"), rs.getInt("status"), Jdbc.optionalString(rs, "error_class"),
                Jdbc.optionalString(rs, "error_message"), rs.getBoolean("stream"), rs.getBoolean("stream_failed"),
                rs.getInt("attempts"), rs.getLong("duration_us"), optionalLong(rs, "ttft_us"),
                rs.getLong("overhead_us"), rs.getLong("input_tokens"), rs.getLong("output_tokens"),
                rs.getLong("cache_read_tokens"), rs.getLong("cache_write_tokens"), rs.getLong("reasoning_tokens"),
                optionalDouble(rs, "cost_usd"), Jdbc.optionalString(rs, "price")), params.toArray()));
    }

    @Override
    public long count(UsageQuery query) {
        String sql = "SELECT COUNT(*) AS n FROM " + NAMED_CALLS + " WHERE " + Source.CALLS.where(query);
        return Jdbc.inTransaction(database.dataSource(), jdbc -> jdbc.queryOne(sql, rs -> rs.getLong("n"),
                Source.CALLS.params(query).toArray()).orElse(0L));
    }

    private static Optional<Long> optionalLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<Double> optionalDouble(java.sql.ResultSet rs, String column)
            throws java.sql.SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static String key(UsageQuery query) {
        return query.groupBy().map(d -> switch (d) {
            case ENDPOINT -> "endpoint_id";
            case PROVIDER -> "provider";
            case MODEL -> "provider || '/' || model";
            case CALLER -> "caller_id";
            case STATUS -> "CAST(status AS VARCHAR(8))";
        }).orElse("''");
    }

    private static String label(UsageQuery query) {
        return query.groupBy().map(d -> switch (d) {
            case ENDPOINT -> "MAX(endpoint_name)";
            case CALLER -> "MAX(caller_name)";
            default -> "MAX(" + key(query) + ")";
        }).orElse("''");
    }

    /** Where a question's answer is read from: the calls themselves, or their hourly roll-ups. */
    private enum Source {
        CALLS(NAMED_CALLS, "started_at", "COUNT(*) AS requests, "
                + "SUM(CASE WHEN status < 200 OR status >= 300 OR stream_failed THEN 1 ELSE 0 END) AS errors, "
                + "SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens, "
                + "SUM(cache_read_tokens) AS cache_read_tokens, SUM(cache_write_tokens) AS cache_write_tokens, "
                + "SUM(reasoning_tokens) AS reasoning_tokens, COALESCE(SUM(cost_usd), 0) AS cost_usd, "
                + "SUM(CASE WHEN cost_usd IS NULL THEN 1 ELSE 0 END) AS unpriced, SUM(duration_us) AS duration_us, "
                + "SUM(overhead_us) AS overhead_us"),
        ROLLUPS("usage_hourly", "hour", "SUM(requests) AS requests, SUM(errors) AS errors, "
                + "SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens, "
                + "SUM(cache_read_tokens) AS cache_read_tokens, SUM(cache_write_tokens) AS cache_write_tokens, "
                + "SUM(reasoning_tokens) AS reasoning_tokens, SUM(cost_usd) AS cost_usd, SUM(unpriced) AS unpriced, "
                + "SUM(duration_us) AS duration_us, SUM(overhead_us) AS overhead_us");

        private final String table;
        private final String time;
        private final String stats;

        Source(String table, String time, String stats) {
            this.table = table;
            this.time = time;
            this.stats = stats;
        }

        static Source of(UsageQuery query) {
            return query.fromRollups() ? ROLLUPS : CALLS;
        }

        /** The bucket of a row: its time rounded down to the bucket size (a number, never user text). */
        String bucket(UsageQuery query) {
            return "(" + time + " / " + query.bucketMillis() + ") * " + query.bucketMillis();
        }

        /** The range and the filters, with {@code ?} for every value ({@link #params}). */
        String where(UsageQuery query) {
            List<String> clauses = new ArrayList<>(List.of(time + " >= ?", time + " < ?"));
            UsageQuery.Filter f = query.filter();
            f.endpointId().ifPresent(v -> clauses.add("endpoint_id = ?"));
            f.provider().ifPresent(v -> clauses.add("provider = ?"));
            f.model().ifPresent(v -> clauses.add("model = ?"));
            f.callerId().ifPresent(v -> clauses.add("caller_id = ?"));
            f.status().ifPresent(s -> clauses.add(switch (s) {
                case UsageQuery.StatusFilter.Success ok -> "status >= 200 AND status < 300";
                case UsageQuery.StatusFilter.Error error -> "(status < 200 OR status >= 300)";
                case UsageQuery.StatusFilter.Exactly exactly -> "status = ?";
            }));
            f.visibleEndpoints().ifPresent(ids -> clauses.add(ids.isEmpty() ? "1 = 0"
                    : "endpoint_id IN (" + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ")"));
            return String.join(" AND ", clauses);
        }

        List<Object> params(UsageQuery query) {
            long start = this == ROLLUPS ? Math.floorDiv(query.startMillis(), UsageQuery.HOUR) * UsageQuery.HOUR
                    : query.startMillis();
            List<Object> params = new ArrayList<>(List.of(start, query.endMillis()));
            UsageQuery.Filter f = query.filter();
            f.endpointId().ifPresent(params::add);
            f.provider().ifPresent(params::add);
            f.model().ifPresent(params::add);
            f.callerId().ifPresent(params::add);
            f.status().ifPresent(s -> {
                if (s instanceof UsageQuery.StatusFilter.Exactly exactly) {
                    params.add(exactly.status());
                }
            });
            f.visibleEndpoints().ifPresent(params::addAll);
            return params;
        }
    }
}
