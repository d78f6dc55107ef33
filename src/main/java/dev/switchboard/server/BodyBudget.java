package dev.switchboard.server;

import dev.switchboard.core.GatewayException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory that request bodies may hold in all, across every request being read or handled.
 * Bodies reserve as they grow and release when their request ends, so connections that only declare
 * large bodies hold nothing.
 */
final class BodyBudget {

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    BodyBudget(long limit) {
        this.limit = limit;
    }

    /** Reserves {@code bytes}, or refuses with a 503 when bodies in flight already hold the budget. */
    void reserve(long bytes) {
        long now = used.addAndGet(bytes);
        if (now > limit) {
            used.addAndGet(-bytes);
            throw new GatewayException.Busy("The gateway is holding as many request bodies as it may ("
                    + limit / (1024 * 1024) + " MiB, SWITCHBOARD_MAX_BODY_MEMORY); retry shortly");
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** Bytes reserved now. */
    long used() {
        return used.get();
    }
}
