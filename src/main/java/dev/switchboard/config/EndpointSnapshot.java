package dev.switchboard.config;

import dev.switchboard.core.RetryPolicy;
import dev.switchboard.provider.Target;
import dev.switchboard.provider.Timeouts;
import java.util.List;

/**
 * An endpoint compiled for routing: its PRIMARY targets with their traffic percentages (same
 * order), its FALLBACK targets in order, how many fallbacks to try, its timeouts, whether its
 * calls are recorded ({@code usage_tracking}), and how often a failed target is tried again.
 */
public record EndpointSnapshot(String id, String name, List<Target> primaries, List<Integer> percentages,
                               List<Target> fallbacks, int maxFallbacks, Timeouts timeouts, long createdAt,
                               boolean usageTracking, RetryPolicy retries) {

    public EndpointSnapshot {
        primaries = List.copyOf(primaries);
        percentages = List.copyOf(percentages);
        fallbacks = List.copyOf(fallbacks);
        if (primaries.size() != percentages.size()) {
            throw new IllegalArgumentException("one percentage per primary target");
        }
    }

    /** An endpoint that tries each target once. */
    public EndpointSnapshot(String id, String name, List<Target> primaries, List<Integer> percentages,
                            List<Target> fallbacks, int maxFallbacks, Timeouts timeouts, long createdAt,
                            boolean usageTracking) {
        this(id, name, primaries, percentages, fallbacks, maxFallbacks, timeouts, createdAt, usageTracking,
                RetryPolicy.NONE);
    }

    /** An endpoint whose calls are recorded, and that tries each target once. */
    public EndpointSnapshot(String id, String name, List<Target> primaries, List<Integer> percentages,
                            List<Target> fallbacks, int maxFallbacks, Timeouts timeouts, long createdAt) {
        this(id, name, primaries, percentages, fallbacks, maxFallbacks, timeouts, createdAt, true);
    }
}
