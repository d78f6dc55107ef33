package dev.switchboard.usage;

import java.util.Optional;
import java.util.Set;

/**
 * Which calls a usage question is about: a time range (epoch milliseconds, end excluded), the
 * bucket its time series uses, an optional dimension to break it down by, and filters. {@code
 * visibleEndpoints} limits the answer to the endpoints the asker may read (empty: all of them).
 */
public record UsageQuery(long startMillis, long endMillis, long bucketMillis, Optional<Dimension> groupBy,
                         Filter filter) {

    public static final long HOUR = 3_600_000L;

    /** Whether hourly roll-ups answer this query (whole hours), rather than the calls themselves. */
    public boolean fromRollups() {
        return bucketMillis % HOUR == 0;
    }

    /** What a breakdown groups calls by. */
    public enum Dimension { ENDPOINT, PROVIDER, MODEL, CALLER, STATUS }

    /** An HTTP status filter: 2xx, anything else, or one exact code. */
    public sealed interface StatusFilter {
        record Success() implements StatusFilter {
        }

        record Error() implements StatusFilter {
        }

        record Exactly(int status) implements StatusFilter {
        }
    }

    public record Filter(Optional<String> endpointId, Optional<String> provider, Optional<String> model,
                         Optional<String> callerId, Optional<StatusFilter> status,
                         Optional<Set<String>> visibleEndpoints) {
        public static final Filter NONE = new Filter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}
