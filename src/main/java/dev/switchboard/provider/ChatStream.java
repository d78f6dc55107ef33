package dev.switchboard.provider;

import dev.switchboard.core.ChatEvent;
import java.util.List;
import java.util.Optional;

/**
 * A provider's streamed answer, decoded into canonical events one upstream message at a time. Not
 * thread-safe. Reading fails with a {@code GatewayException} (timeout, broken connection, or an
 * error event from the provider). Close it to abort the upstream call.
 */
public interface ChatStream extends AutoCloseable {

    /** The events of the next upstream message (possibly none); empty once the stream has ended. */
    Optional<List<ChatEvent>> next();

    /**
     * Runs {@code action} whenever {@link #next()} has used up what arrived and is about to wait for
     * the provider: the moment to flush what was written to the caller so far.
     */
    default void beforeWait(Runnable action) {
    }

    @Override
    void close();
}
