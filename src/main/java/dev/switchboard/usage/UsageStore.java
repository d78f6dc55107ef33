package dev.switchboard.usage;

import java.util.List;
import java.util.Optional;

/** Where usage records go and how they are read back: the calls themselves and their hourly roll-ups. */
public interface UsageStore {

    /** Stores {@code records} and adds them to the hourly roll-ups, in one transaction. */
    void write(List<UsageRecord> records);

    /** Deletes calls older than {@code callsBefore} and roll-ups older than {@code rollupsBefore} (epoch ms). */
    Pruned prune(long callsBefore, long rollupsBefore);

    /** The sums of the calls {@code query} asks about, per time bucket and group. */
    List<Cell> cells(UsageQuery query);

    /** The latency and time-to-first-byte bins of those calls, per time bucket and group. */
    List<Bin> bins(UsageQuery query);

    /** The newest calls matching {@code query}'s range and filter, older than {@code before} if given. */
    List<StoredCall> calls(UsageQuery query, Optional<Long> before, int limit);

    /** How many calls match {@code query}'s range and filter. */
    long count(UsageQuery query);

    record Pruned(long calls, long rollups) {
    }

    /** The sums of one bucket and group ({@code groupKey} empty without a breakdown). */
    record Cell(long bucket, String groupKey, String groupLabel, long requests, long errors, long inputTokens,
                long outputTokens, long cacheReadTokens, long cacheWriteTokens, long reasoningTokens, double costUsd,
                long unpriced, long durationMicros, long overheadMicros) {
    }

    /** How many calls of one bucket and group fell in one bin: {@code latency} or time to first byte. */
    record Bin(long bucket, String groupKey, boolean latency, int bin, long calls) {
    }

    /** One stored call, as the usage API shows it. */
    record StoredCall(String id, long startedAt, String route, String surface, String endpointId, String endpointName,
                      String provider, String model, String callerKind, String callerId, String callerName, int status,
                      Optional<String> errorClass, Optional<String> errorMessage, boolean stream, boolean streamFailed,
                      int attempts, long durationMicros, Optional<Long> ttftMicros, long overheadMicros,
                      long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
                      long reasoningTokens, Optional<Double> costUsd, Optional<String> price) {
    }
}
