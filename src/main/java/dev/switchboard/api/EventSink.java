package dev.switchboard.api;

/**
 * Where a streamed response's events go, each written and flushed at once. A failed write means the
 * caller hung up: it throws {@link CallerGoneException}, and the handler must abort the upstream.
 */
public interface EventSink extends AutoCloseable {

    /** Writes one complete event (e.g. {@code data: {...}\n\n}) and flushes it. */
    void send(byte[] event);

    /** Ends the response. */
    @Override
    void close();
}
