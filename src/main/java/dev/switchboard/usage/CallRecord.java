package dev.switchboard.usage;

import dev.switchboard.core.Usage;

/**
 * What one invocation did: the route and endpoint, the target that served it (empty if none did),
 * its final status, how many attempts it took, how long it took in all and in the gateway itself,
 * and the tokens the provider reported. A stream that failed after it started has status 200 and
 * {@code streamFailed} set.
 */
public record CallRecord(String route, String endpoint, String target, int status, boolean stream,
                         boolean streamFailed, int attempts, long durationNanos, long overheadNanos, Usage usage) {
}
