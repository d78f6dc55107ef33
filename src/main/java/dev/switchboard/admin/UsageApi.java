package dev.switchboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.access.Access;
import dev.switchboard.access.Capability;
import dev.switchboard.access.Principal;
import dev.switchboard.access.ResourceKind;
import dev.switchboard.config.ConfigSnapshot;
import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Json;
import dev.switchboard.usage.UsageQuery;
import dev.switchboard.usage.UsageReports;
import dev.switchboard.usage.UsageStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code usage/*}: what the recorded calls add up to. {@code usage/metrics} is MLflow's route, in its
 * shape; {@code usage/summary} gives totals, a time series and a breakdown; {@code usage/calls} the
 * newest calls; {@code usage/export} the calls as CSV. Any signed-in caller may ask; one who is not
 * an admin sees only the calls of endpoints they may read.
 */
public final class UsageApi {

    private static final long SECOND = 1000L;
    private static final long DAY = 86_400_000L;
    private static final int MAX_BUCKETS = 10_000;
    private static final int MAX_CALLS = 500;
    /** The most calls one export answers; a wider range is refused, so nothing is cut silently. */
    static final int MAX_EXPORT = 100_000;

    private final UsageReports reports;
    private final Supplier<ConfigSnapshot> config;

    public UsageApi(UsageReports reports, Supplier<ConfigSnapshot> config) {
        this.reports = reports;
        this.config = config;
    }

    public List<AdminRoute> routes() {
        return List.of(
                new AdminRoute("GET", "usage/metrics", Access.SIGNED_IN, this::metrics),
                new AdminRoute("GET", "usage/summary", Access.SIGNED_IN, this::summary),
                new AdminRoute("GET", "usage/calls", Access.SIGNED_IN, this::calls),
                new AdminRoute("GET", "usage/export", Access.SIGNED_IN, this::export));
    }

    /** MLflow's usage metrics: one entry per bucket with calls, oldest first. */
    private Object metrics(AdminRequest request) {
        RequestFields f = request.fields();
        long end = f.optionalLong("end_time").orElse(System.currentTimeMillis());
        long start = f.optionalLong("start_time").orElse(end - 7 * DAY);
        long bucket = bucket(f, start, end, 86_400);
        Optional<String> endpointId = f.optionalString("endpoint_id");
        UsageQuery query = new UsageQuery(start, end, bucket, Optional.empty(), new UsageQuery.Filter(endpointId,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), visible(request.principal())));
        List<Map<String, Object>> metrics = new ArrayList<>();
        reports.report(query).series().forEach((time, s) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time_bucket", time);
            endpointId.ifPresent(id -> m.put("endpoint_id", id));
            m.put("total_invocations", s.requests());
            m.put("successful_invocations", s.requests() - s.errors());
            m.put("failed_invocations", s.errors());
            m.put("error_rate", s.errorRate());
            m.put("total_prompt_tokens", s.inputTokens());
            m.put("total_completion_tokens", s.outputTokens());
            m.put("total_tokens", s.inputTokens() + s.outputTokens());
            m.put("avg_latency_ms", boxed(s.averageLatencyMillis()));
            m.put("p50_latency_ms", boxed(s.latency(50)));
            m.put("p90_latency_ms", boxed(s.latency(90)));
            m.put("p99_latency_ms", boxed(s.latency(99)));
            m.put("total_cost", s.costUsd());
            metrics.add(m);
        });
        return tree(Map.of("metrics", metrics));
    }

    private Object summary(AdminRequest request) {
        RequestFields f = request.fields();
        long end = f.optionalLong("end_time").orElse(System.currentTimeMillis());
        long start = f.optionalLong("start_time").orElse(end - DAY);
        long bucket = bucket(f, start, end, end - start <= 2 * DAY ? 3600 : 86_400);
        Optional<UsageQuery.Dimension> groupBy = f.optionalString("group_by").map(UsageApi::dimension);
        UsageReports.Report report = reports.report(new UsageQuery(start, end, bucket, groupBy, filter(request)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("start_time", start);
        answer.put("end_time", end);
        answer.put("bucket_size", bucket / SECOND);
        answer.put("totals", stats(report.totals()));
        answer.put("series", series(report.series()));
        if (groupBy.isPresent()) {
            answer.put("groups", report.groups().stream().map(g -> {
                Map<String, Object> group = new LinkedHashMap<>();
                group.put("key", g.key());
                group.put("label", g.label().isEmpty() && groupBy.get() == UsageQuery.Dimension.CALLER
                        ? "anonymous" : g.label());
                group.putAll(stats(g.totals()));
                group.put("series", series(g.series()));
                return group;
            }).toList());
        }
        return tree(answer);
    }

    private Object calls(AdminRequest request) {
        RequestFields f = request.fields();
        int limit = f.optionalInt("limit").orElse(50);
        if (limit < 1 || limit > MAX_CALLS) {
            throw new GatewayException.InvalidRequest("'limit' must be from 1 to " + MAX_CALLS + ", got " + limit);
        }
        Optional<Long> before = f.optionalLong("before").isPresent()
                ? Optional.of(f.optionalLong("before").getAsLong()) : Optional.empty();
        List<UsageStore.StoredCall> page = reports.calls(range(request), before, limit + 1);
        boolean more = page.size() > limit;
        List<UsageStore.StoredCall> shown = more ? page.subList(0, limit) : page;
        if (more) {
            // The next page starts strictly before the oldest time shown: calls sharing that
            // millisecond go to the next page together, unless the whole page shares it.
            long oldest = shown.getLast().startedAt();
            List<UsageStore.StoredCall> whole = shown.stream().filter(c -> c.startedAt() > oldest).toList();
            if (!whole.isEmpty() && page.get(limit).startedAt() == oldest) {
                shown = whole;
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("calls", shown.stream().map(UsageApi::call).toList());
        answer.put("next_before", more ? shown.getLast().startedAt() : null);
        return tree(answer);
    }

    private Object export(AdminRequest request) {
        UsageQuery query = range(request);
        long count = reports.count(query);
        if (count > MAX_EXPORT) {
            throw new GatewayException.InvalidRequest("The range holds " + count + " calls; an export answers at most "
                    + MAX_EXPORT + ": narrow it with start_time and end_time");
        }
        StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
        for (UsageStore.StoredCall c : reports.calls(query, Optional.empty(), MAX_EXPORT)) {
            Map<String, Object> call = call(c);
            @SuppressWarnings("unchecked")
            Map<String, Object> price = (Map<String, Object>) call.remove("price");
            List<String> cells = new ArrayList<>();
            for (String column : CSV_COLUMNS) {
                Object value = column.startsWith("price_")
                        ? (price == null ? null : price.get(column.substring("price_".length()))) : call.get(column);
                cells.add(csvCell(value));
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        return new AdminRoute.Download("text/csv; charset=utf-8", "switchboard-usage.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The answer as a JSON tree, so that unknown values are written as {@code null} rather than left out. */
    private static JsonNode tree(Map<String, Object> answer) {
        return Json.shared().valueToTree(answer);
    }

    private static final List<String> CSV_COLUMNS = List.of("id", "time", "endpoint_id", "endpoint_name", "surface",
            "route", "provider", "model", "caller_kind", "caller_id", "caller_name", "status", "error_class",
            "error_message", "stream", "stream_failed", "fell_back", "attempts", "duration_ms", "ttft_ms",
            "overhead_ms", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens",
            "reasoning_tokens", "cost_usd", "price_input", "price_output", "price_cache_read", "price_cache_write",
            "price_reasoning");

    /** A CSV cell: quoted when it holds a comma, quote or line break; a leading formula sign is neutralised. */
    private static String csvCell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private static Map<String, Object> call(UsageStore.StoredCall c) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("id", c.id());
        call.put("time", c.startedAt());
        call.put("endpoint_id", c.endpointId());
        call.put("endpoint_name", c.endpointName());
        call.put("surface", c.surface());
        call.put("route", c.route());
        call.put("provider", c.provider());
        call.put("model", c.model());
        call.put("caller_kind", c.callerKind());
        call.put("caller_id", c.callerId());
        call.put("caller_name", c.callerName());
        call.put("status", c.status());
        call.put("error_class", c.errorClass().orElse(null));
        call.put("error_message", c.errorMessage().orElse(null));
        call.put("stream", c.stream());
        call.put("stream_failed", c.streamFailed());
        call.put("fell_back", c.attempts() > 1);
        call.put("attempts", c.attempts());
        call.put("duration_ms", millis(c.durationMicros()));
        call.put("ttft_ms", c.ttftMicros().map(UsageApi::millis).orElse(null));
        call.put("overhead_ms", millis(c.overheadMicros()));
        call.put("input_tokens", c.inputTokens());
        call.put("output_tokens", c.outputTokens());
        call.put("cache_read_tokens", c.cacheReadTokens());
        call.put("cache_write_tokens", c.cacheWriteTokens());
        call.put("reasoning_tokens", c.reasoningTokens());
        call.put("cost_usd", c.costUsd().orElse(null));
        call.put("price", c.price().map(UsageApi::price).orElse(null));
        return call;
    }

    /** The stored prices with every rate named, unknown ones null. */
    private static Map<String, Object> price(String json) {
        Map<String, Object> price = new LinkedHashMap<>();
        try {
            var node = AdminJson.MAPPER.readTree(json);
            for (String rate : List.of("input", "output", "cache_read", "cache_write", "reasoning")) {
                price.put(rate, node.has(rate) ? node.get(rate).asDouble() : null);
            }
        } catch (java.io.IOException e) {
            throw new GatewayException.Internal("A stored price is unreadable", e);
        }
        return price;
    }

    private static double millis(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }

    private static List<Map<String, Object>> series(Map<Long, UsageReports.Stats> series) {
        List<Map<String, Object>> points = new ArrayList<>();
        series.forEach((time, s) -> {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("time_bucket", time);
            point.putAll(stats(s));
            points.add(point);
        });
        return points;
    }

    private static Map<String, Object> stats(UsageReports.Stats s) {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("requests", s.requests());
        stats.put("errors", s.errors());
        stats.put("error_rate", s.errorRate());
        stats.put("input_tokens", s.inputTokens());
        stats.put("output_tokens", s.outputTokens());
        stats.put("cache_read_tokens", s.cacheReadTokens());
        stats.put("cache_write_tokens", s.cacheWriteTokens());
        stats.put("reasoning_tokens", s.reasoningTokens());
        stats.put("cost_usd", s.costUsd());
        stats.put("unpriced_requests", s.unpriced());
        stats.put("latency_p50_ms", boxed(s.latency(50)));
        stats.put("latency_p90_ms", boxed(s.latency(90)));
        stats.put("latency_p99_ms", boxed(s.latency(99)));
        stats.put("ttft_p50_ms", boxed(s.firstByte(50)));
        stats.put("ttft_p90_ms", boxed(s.firstByte(90)));
        stats.put("ttft_p99_ms", boxed(s.firstByte(99)));
        stats.put("overhead_avg_ms", boxed(s.averageOverheadMillis()));
        return stats;
    }

    private static Double boxed(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }

    /** The range and filters of a calls or export request (default: the last 30 days). */
    private UsageQuery range(AdminRequest request) {
        RequestFields f = request.fields();
        long end = f.optionalLong("end_time").orElse(Long.MAX_VALUE);
        long start = f.optionalLong("start_time").orElse(0);
        if (start >= end) {
            throw new GatewayException.InvalidRequest("'start_time' must be before 'end_time'");
        }
        return new UsageQuery(start, end, DAY, Optional.empty(), filter(request));
    }

    private UsageQuery.Filter filter(AdminRequest request) {
        RequestFields f = request.fields();
        return new UsageQuery.Filter(f.optionalString("endpoint_id"), f.optionalString("provider"),
                f.optionalString("model"), f.optionalString("caller_id"),
                f.optionalString("status").map(UsageApi::status), visible(request.principal()));
    }

    /** The endpoints {@code principal} may read, or empty for all of them (an admin, or auth off). */
    private Optional<Set<String>> visible(Principal principal) {
        if (principal.admin()) {
            return Optional.empty();
        }
        return Optional.of(config.get().endpoints().values().stream().map(EndpointSnapshot::id)
                .filter(id -> principal.can(ResourceKind.ENDPOINT, id, Capability.READ)).collect(Collectors.toSet()));
    }

    /** The bucket size in ms, from {@code bucket_size} in seconds; the range must hold at most {@link #MAX_BUCKETS}. */
    private static long bucket(RequestFields f, long start, long end, long defaultSeconds) {
        if (start >= end) {
            throw new GatewayException.InvalidRequest("'start_time' must be before 'end_time'");
        }
        long seconds = f.optionalLong("bucket_size").orElse(defaultSeconds);
        if (seconds < 60 || seconds > 366 * 86_400L) {
            throw new GatewayException.InvalidRequest("'bucket_size' must be from 60 seconds to 366 days, got "
                    + seconds);
        }
        long bucket = seconds * SECOND;
        if ((end - start) / bucket > MAX_BUCKETS) {
            throw new GatewayException.InvalidRequest("The range holds more than " + MAX_BUCKETS + " buckets of "
                    + seconds + " s: choose a larger 'bucket_size' or a shorter range");
        }
        return bucket;
    }

    private static UsageQuery.Dimension dimension(String name) {
        try {
            return UsageQuery.Dimension.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new GatewayException.InvalidRequest("'group_by' must be endpoint, provider, model, caller or status, "
                    + "got '" + name + "'");
        }
    }

    private static UsageQuery.StatusFilter status(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("success")) {
            return new UsageQuery.StatusFilter.Success();
        }
        if (v.equals("error")) {
            return new UsageQuery.StatusFilter.Error();
        }
        try {
            int code = Integer.parseInt(v);
            if (code >= 100 && code <= 599) {
                return new UsageQuery.StatusFilter.Exactly(code);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new GatewayException.InvalidRequest("'status' must be success, error or an HTTP status code, got '"
                + value + "'");
    }
}
