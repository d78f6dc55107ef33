package dev.switchboard.api;

/**
 * Where a streamed response's events go, each written and flushed at once. A failed write means the
 * caller hung up: it throws {@link CallerGoneException}, and the handler must abort the upstream.
 */
public interface EventSink extends AutoCloseable {

    /** Writes one complete event (e.g. {@code data: {...}\n\n}) and flushes it. */
    default void send(byte[] event) {
        write(event);
        flush();
    }

    /** Writes one complete event without flushing; the caller must {@link #flush()} before it waits. */
    void write(byte[] event);

    /** Sends everything written so far. */
    void flush();

    /** Ends the response. */
    @Override
    void close();
}
