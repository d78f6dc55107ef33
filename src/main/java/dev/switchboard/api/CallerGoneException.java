package dev.switchboard.api;

import java.io.UncheckedIOException;

/** The caller closed the connection while we were writing to it: an abort to record, not an error to send. */
public final class CallerGoneException extends UncheckedIOException {

    public CallerGoneException(java.io.IOException cause) {
        super("The caller closed the connection", cause);
    }
}
