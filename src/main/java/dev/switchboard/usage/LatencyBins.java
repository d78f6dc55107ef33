package dev.switchboard.usage;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Durations kept as counts in log-scale bins, ten to a decade, so that percentiles can be read from
 * stored roll-ups of any range and grouping: bin 0 holds everything under 1 ms, bin {@code b >= 1}
 * holds {@code [10^((b-1)/10), 10^(b/10))} ms, up to bin {@link #LAST} (a day and more). A
 * percentile is interpolated geometrically inside its bin, so it is within about 12% of the exact
 * value.
 */
public final class LatencyBins {

    /** The highest bin: 10^8 ms, more than a day. */
    public static final int LAST = 80;

    private final TreeMap<Integer, Long> counts = new TreeMap<>();
    private long total;

    /** The bin of a duration in microseconds. */
    public static int bin(long micros) {
        double ms = micros / 1000.0;
        if (ms < 1) {
            return 0;
        }
        return (int) Math.min(LAST, 1 + Math.floor(10 * Math.log10(ms)));
    }

    public void add(int bin, long calls) {
        if (calls > 0) {
            counts.merge(bin, calls, Long::sum);
            total += calls;
        }
    }

    public void addAll(LatencyBins other) {
        other.counts.forEach(this::add);
    }

    public long total() {
        return total;
    }

    /** The {@code p}-th percentile in milliseconds ({@code 0 < p <= 100}), or empty with no durations. */
    public OptionalDouble percentile(double p) {
        if (total == 0) {
            return OptionalDouble.empty();
        }
        double rank = Math.max(1, Math.ceil(p / 100 * total));
        long seen = 0;
        for (Map.Entry<Integer, Long> entry : counts.entrySet()) {
            long before = seen;
            seen += entry.getValue();
            if (seen >= rank) {
                double within = (rank - before - 0.5) / entry.getValue();
                return OptionalDouble.of(round(at(entry.getKey(), within)));
            }
        }
        return OptionalDouble.of(round(at(counts.lastKey(), 1)));
    }

    /** The duration in ms a fraction {@code f} of the way through bin {@code b}. */
    private static double at(int b, double f) {
        if (b == 0) {
            return f;
        }
        return Math.pow(10, (b - 1 + f) / 10.0);
    }

    private static double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }
}
