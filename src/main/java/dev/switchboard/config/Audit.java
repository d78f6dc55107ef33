package dev.switchboard.config;

import java.util.Optional;

/** Who created and last changed a stored resource, and when (milliseconds since the epoch). */
public record Audit(long createdAt, long lastUpdatedAt, Optional<String> createdBy, Optional<String> lastUpdatedBy) {

    /** The audit of a resource created now. */
    public static Audit created(long now, Optional<String> by) {
        return new Audit(now, now, by, by);
    }

    /** This audit, touched by a change made now. */
    public Audit updated(long now, Optional<String> by) {
        return new Audit(createdAt, now, createdBy, by.or(() -> lastUpdatedBy));
    }
}
