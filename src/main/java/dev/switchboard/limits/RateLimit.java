package dev.switchboard.limits;

import dev.switchboard.config.Audit;
import java.util.Optional;

/**
 * A rate limit on one endpoint: at most {@code requestsPerMinute} calls and {@code tokensPerMinute}
 * tokens (input and output) a minute. Without a user or key it is the endpoint's default, shared by
 * every caller without one of their own (MLflow's rule); with a {@code username} it is that user's
 * own limit on the endpoint, for all their calls; with a {@code keyId}, that gateway key's own,
 * which comes before its owner's.
 */
public record RateLimit(String id, String endpointId, Optional<String> username, Optional<String> keyId,
                        Optional<Long> requestsPerMinute, Optional<Long> tokensPerMinute, Audit audit) {

    /** One minute, the window of every rate limit. */
    public static final long MINUTE_MILLIS = 60_000;

    /** Whom a limit is for. */
    public enum Kind {
        /** Every caller of the endpoint without a limit of their own, together. */
        DEFAULT,
        /** One user, by any of their credentials. */
        USER,
        /** One gateway key. */
        GATEWAY_KEY
    }

    public RateLimit {
        if (username.isPresent() && keyId.isPresent()) {
            throw new IllegalArgumentException("a rate limit is for a user or for a key, not both");
        }
    }

    public Kind kind() {
        return keyId.isPresent() ? Kind.GATEWAY_KEY : username.isPresent() ? Kind.USER : Kind.DEFAULT;
    }

    /** The counter of this limit's requests in each minute. */
    public String requestsCounter() {
        return id + "/requests";
    }

    /** The counter of this limit's tokens in each minute. */
    public String tokensCounter() {
        return id + "/tokens";
    }

    /** Whom the limit is for, in words: "for user 'alice'", "for gateway key 'k-1'", or "for the endpoint". */
    public String whom() {
        return switch (kind()) {
            case DEFAULT -> "for the endpoint";
            case USER -> "for user '" + username.orElseThrow() + "'";
            case GATEWAY_KEY -> "for gateway key '" + keyId.orElseThrow() + "'";
        };
    }
}
