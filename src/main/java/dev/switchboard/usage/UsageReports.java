package dev.switchboard.usage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Answers usage questions from the store: totals, a time series and, when asked, a breakdown with a
 * time series per group, all from one pass over the stored sums and latency bins.
 */
public final class UsageReports {

    private final UsageStore store;

    public UsageReports(UsageStore store) {
        this.store = store;
    }

    /** The totals, the series (oldest bucket first) and the groups (costliest first) of {@code query}. */
    public Report report(UsageQuery query) {
        Stats totals = new Stats();
        TreeMap<Long, Stats> series = new TreeMap<>();
        Map<String, Group> groups = new LinkedHashMap<>();
        for (UsageStore.Cell cell : store.cells(query)) {
            totals.add(cell);
            series.computeIfAbsent(cell.bucket(), b -> new Stats()).add(cell);
            if (query.groupBy().isPresent()) {
                Group group = groups.computeIfAbsent(cell.groupKey(), k -> new Group(k, cell.groupLabel()));
                group.totals.add(cell);
                group.series.computeIfAbsent(cell.bucket(), b -> new Stats()).add(cell);
            }
        }
        for (UsageStore.Bin bin : store.bins(query)) {
            totals.add(bin);
            Optional.ofNullable(series.get(bin.bucket())).ifPresent(s -> s.add(bin));
            Group group = groups.get(bin.groupKey());
            if (group != null) {
                group.totals.add(bin);
                Optional.ofNullable(group.series.get(bin.bucket())).ifPresent(s -> s.add(bin));
            }
        }
        List<Group> ordered = new ArrayList<>(groups.values());
        ordered.sort(Comparator.comparingDouble((Group g) -> -g.totals.costUsd)
                .thenComparingLong(g -> -g.totals.requests).thenComparing(g -> g.key));
        return new Report(totals, series, ordered);
    }

    public List<UsageStore.StoredCall> calls(UsageQuery query, Optional<Long> before, int limit) {
        return store.calls(query, before, limit);
    }

    public long count(UsageQuery query) {
        return store.count(query);
    }

    /** A question's answer: totals, the series by bucket start, and the groups of a breakdown. */
    public record Report(Stats totals, TreeMap<Long, Stats> series, List<Group> groups) {
    }

    /** One group of a breakdown: its key and label, totals and series. */
    public static final class Group {
        private final String key;
        private final String label;
        private final Stats totals = new Stats();
        private final TreeMap<Long, Stats> series = new TreeMap<>();

        Group(String key, String label) {
            this.key = key;
            this.label = label == null ? "" : label;
        }

        public String key() {
            return key;
        }

        public String label() {
            return label;
        }

        public Stats totals() {
            return totals;
        }

        public TreeMap<Long, Stats> series() {
            return series;
        }
    }

    /** The sums and latency distributions of a set of calls. */
    public static final class Stats {
        private long requests;
        private long errors;
        private long inputTokens;
        private long outputTokens;
        private long cacheReadTokens;
        private long cacheWriteTokens;
        private long reasoningTokens;
        private double costUsd;
        private long unpriced;
        private long durationMicros;
        private long overheadMicros;
        private final LatencyBins latency = new LatencyBins();
        private final LatencyBins firstByte = new LatencyBins();

        void add(UsageStore.Cell cell) {
            requests += cell.requests();
            errors += cell.errors();
            inputTokens += cell.inputTokens();
            outputTokens += cell.outputTokens();
            cacheReadTokens += cell.cacheReadTokens();
            cacheWriteTokens += cell.cacheWriteTokens();
            reasoningTokens += cell.reasoningTokens();
            costUsd += cell.costUsd();
            unpriced += cell.unpriced();
            durationMicros += cell.durationMicros();
            overheadMicros += cell.overheadMicros();
        }

        void add(UsageStore.Bin bin) {
            (bin.latency() ? latency : firstByte).add(bin.bin(), bin.calls());
        }

        public long requests() {
            return requests;
        }

        public long errors() {
            return errors;
        }

        public double errorRate() {
            return requests == 0 ? 0 : (double) errors / requests;
        }

        public long inputTokens() {
            return inputTokens;
        }

        public long outputTokens() {
            return outputTokens;
        }

        public long cacheReadTokens() {
            return cacheReadTokens;
        }

        public long cacheWriteTokens() {
            return cacheWriteTokens;
        }

        public long reasoningTokens() {
            return reasoningTokens;
        }

        public double costUsd() {
            return costUsd;
        }

        /** Calls with tokens whose model the catalog does not price: their cost is not in {@link #costUsd}. */
        public long unpriced() {
            return unpriced;
        }

        public OptionalDouble averageLatencyMillis() {
            return requests == 0 ? OptionalDouble.empty() : OptionalDouble.of(durationMicros / 1000.0 / requests);
        }

        public OptionalDouble averageOverheadMillis() {
            return requests == 0 ? OptionalDouble.empty() : OptionalDouble.of(overheadMicros / 1000.0 / requests);
        }

        public OptionalDouble latency(double percentile) {
            return latency.percentile(percentile);
        }

        public OptionalDouble firstByte(double percentile) {
            return firstByte.percentile(percentile);
        }
    }
}
