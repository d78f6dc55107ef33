package dev.switchboard.limits;

import java.util.List;
import java.util.Optional;

/**
 * Where rate limits and their counts per minute (requests and tokens, by {@link CounterKey}s whose
 * counter is {@link RateLimit#requestsCounter()} or {@link RateLimit#tokensCounter()}) are kept: the
 * database every replica shares.
 */
public interface RateLimitStore extends CounterStore {

    List<RateLimit> limits();

    Optional<RateLimit> limit(String id);

    /** Stores a new rate limit; refused (an {@link dev.switchboard.core.GatewayException.AlreadyExists}) if its endpoint already has one for the same caller. */
    void insert(RateLimit limit);

    /** Replaces a rate limit's amounts. */
    void update(RateLimit limit);

    /** Deletes a rate limit and its counts; false when there was none. */
    boolean delete(String id);

    /** Forgets counts of minutes that ended before {@code beforeMillis}. */
    void prune(long beforeMillis);
}
