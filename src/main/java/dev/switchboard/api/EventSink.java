package dev.switchboard.api;

/**
 * Where a streamed response's events go. Written events may be held until {@link #flush()} or
 * {@link #close()}, which sends what is left. A failed write or flush means the caller hung up: it
 * throws {@link CallerGoneException}, and the handler must abort the upstream.
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

    /** Sends what was written and not yet flushed, and ends the response; a caller already gone is ignored. */
    @Override
    void close();
}
