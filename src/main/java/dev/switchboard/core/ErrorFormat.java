package dev.switchboard.core;

import java.util.Map;

/** How one surface shapes errors, so each SDK raises its own typed exception. */
public interface ErrorFormat {

    String contentType();

    /** The body of an error response with status {@code error.status()}. */
    byte[] body(GatewayException error);

    /** The single event that reports a failure after a stream has started, before it closes. */
    byte[] streamEvent(GatewayException error);

    /**
     * As {@link #streamEvent(GatewayException)}, after {@code eventsSent} events of the stream: a
     * format that numbers its events (OpenAI's Responses, from 0) numbers this one after them.
     */
    default byte[] streamEvent(GatewayException error, long eventsSent) {
        return streamEvent(error);
    }

    /**
     * The headers of an error response beside the content type: a provider's {@code retry-after},
     * and (in a format that relays them) the rest of the provider's headers its callers rely on.
     */
    default Map<String, String> headers(GatewayException error) {
        return error instanceof GatewayException.Upstream upstream ? upstream.headersFor(null) : Map.of();
    }
}
