package dev.switchboard.provider.aws;

import java.io.IOException;

/**
 * An event stream that is not well framed: what was wrong ({@link #reason()}) and at which byte of the
 * stream ({@link #offset()}, counted from the first byte fed). An {@link IOException}, like any other
 * broken upstream stream, so a caller classifies it the same way; the message never quotes payload bytes.
 */
public final class EventStreamException extends IOException {

    /** What was wrong. */
    public enum Reason {
        /** A total length below the 16 bytes of an empty message. */
        TOO_SHORT,
        /** A total length over the decoder's maximum, refused before any of the message is buffered. */
        TOO_LONG,
        /** A headers length that does not fit in the total length. */
        HEADERS_LENGTH,
        /** The prelude's CRC32 does not match its 8 bytes. */
        PRELUDE_CRC,
        /** The message's CRC32 does not match the bytes before it. */
        MESSAGE_CRC,
        /** A header runs past the headers' end, or has an unknown value type. */
        MALFORMED_HEADER,
        /** A header name that appears twice in one message. */
        DUPLICATE_HEADER,
        /** The stream ended inside a message. */
        TRUNCATED
    }

    private final Reason reason;
    private final long offset;

    EventStreamException(Reason reason, long offset, String message) {
        super(message + " (at byte " + offset + " of the event stream)");
        this.reason = reason;
        this.offset = offset;
    }

    /** The same failure again, for a call on a decoder that already failed. */
    EventStreamException(EventStreamException first) {
        super("The event stream already failed: " + first.getMessage(), first);
        this.reason = first.reason;
        this.offset = first.offset;
    }

    public Reason reason() {
        return reason;
    }

    /** The offset in the stream of the field found wrong (for {@link Reason#TRUNCATED}, of the unfinished message). */
    public long offset() {
        return offset;
    }
}
