package dev.switchboard.api;

import dev.switchboard.core.GatewayException;

/** How one surface shapes errors, so each SDK raises its own typed exception. */
public interface ErrorFormat {

    String contentType();

    /** The body of an error response with status {@code error.status()}. */
    byte[] body(GatewayException error);

    /** The single event that reports a failure after a stream has started, before it closes. */
    byte[] streamEvent(GatewayException error);
}
