package dev.switchboard.provider.aws;

import dev.switchboard.provider.aws.EventStreamException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Decodes the AWS event-stream framing ({@code application/vnd.amazon.eventstream}), in which Bedrock's
 * ConverseStream and InvokeModelWithResponseStream answer instead of server-sent events. Fed the body
 * as it arrives, split anywhere; pure (no I/O). A message is a 12-byte prelude (total length, headers
 * length, CRC32 of those 8 bytes), the headers, the payload and a CRC32 of everything before it.
 *
 * <p>Memory is bounded by the maximum message size: the prelude is checked before any of the rest of
 * a message is buffered. A failure is final: every later call throws it again. Not thread-safe; one
 * decoder per stream.
 */
public final class EventStreamDecoder {

    /** The largest message accepted by default, as the AWS SDKs bound a payload; Bedrock's events are far smaller. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private static final int PRELUDE = 12;
    private static final int MIN_MESSAGE = PRELUDE + 4;

    private final int maxMessageBytes;
    private final CRC32 crc = new CRC32();
    private final byte[] prelude = new byte[PRELUDE];
    private int preludeFilled;
    /** The message being buffered once its prelude passed, else null. */
    private byte[] message;
    private int messageFilled;
    /** Stream offset of the first byte of the message being read. */
    private long messageStart;
    private EventStreamException failure;

    public EventStreamDecoder() {
        this(DEFAULT_MAX_MESSAGE_BYTES);
    }

    public EventStreamDecoder(int maxMessageBytes) {
        if (maxMessageBytes < MIN_MESSAGE) {
            throw new IllegalArgumentException("maxMessageBytes below " + MIN_MESSAGE + ": " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * The messages completed by these bytes, in stream order (often none, sometimes several); the
     * bytes of an unfinished message are kept for the next call.
     */
    public List<EventStreamMessage> feed(byte[] chunk, int offset, int length) throws EventStreamException {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        failIfFailed();
        try {
            return decode(chunk, offset, offset + length);
        } catch (EventStreamException e) {
            failure = e;
            message = null;
            throw e;
        }
    }

    public List<EventStreamMessage> feed(byte[] chunk) throws EventStreamException {
        return feed(chunk, 0, chunk.length);
    }

    /** Checks the stream ended between messages; call it at the end of the body. */
    public void finish() throws EventStreamException {
        failIfFailed();
        if (preludeFilled > 0) {
            long read = message == null ? preludeFilled : messageFilled;
            String expected = message == null ? "" : " of " + message.length;
            failure = new EventStreamException(Reason.TRUNCATED, messageStart,
                    "The stream ended " + read + expected + " bytes into a message");
            message = null;
            throw failure;
        }
    }

    private void failIfFailed() throws EventStreamException {
        if (failure != null) {
            throw new EventStreamException(failure);
        }
    }

    private List<EventStreamMessage> decode(byte[] chunk, int from, int to) throws EventStreamException {
        List<EventStreamMessage> out = List.of();
        int at = from;
        while (at < to) {
            if (preludeFilled == 0 && to - at >= PRELUDE) {
                // A whole message in the chunk is decoded where it lies, without a copy.
                int total = checkPrelude(chunk, at);
                if (to - at >= total) {
                    out = add(out, message(chunk, at, total));
                    at += total;
                    messageStart += total;
                    continue;
                }
            }
            if (message == null) {
                int n = Math.min(PRELUDE - preludeFilled, to - at);
                System.arraycopy(chunk, at, prelude, preludeFilled, n);
                preludeFilled += n;
                at += n;
                if (preludeFilled == PRELUDE) {
                    message = new byte[checkPrelude(prelude, 0)];
                    System.arraycopy(prelude, 0, message, 0, PRELUDE);
                    messageFilled = PRELUDE;
                }
            } else {
                int n = Math.min(message.length - messageFilled, to - at);
                System.arraycopy(chunk, at, message, messageFilled, n);
                messageFilled += n;
                at += n;
            }
            if (message != null && messageFilled == message.length) {
                out = add(out, message(message, 0, message.length));
                messageStart += message.length;
                message = null;
                preludeFilled = 0;
            }
        }
        return out;
    }

    private static List<EventStreamMessage> add(List<EventStreamMessage> out, EventStreamMessage decoded) {
        List<EventStreamMessage> list = out.isEmpty() ? new ArrayList<>(2) : out;
        list.add(decoded);
        return list;
    }

    /** The total length of the message whose prelude starts at {@code at}, once the prelude is sound. */
    private int checkPrelude(byte[] b, int at) throws EventStreamException {
        long total = uint32(b, at);
        long headers = uint32(b, at + 4);
        if (total < MIN_MESSAGE) {
            throw new EventStreamException(Reason.TOO_SHORT, messageStart,
                    "A message's total length is " + total + ", below the minimum of " + MIN_MESSAGE);
        }
        if (total > maxMessageBytes) {
            throw new EventStreamException(Reason.TOO_LONG, messageStart,
                    "A message's total length is " + total + ", over the maximum of " + maxMessageBytes);
        }
        if (headers > total - MIN_MESSAGE) {
            throw new EventStreamException(Reason.HEADERS_LENGTH, messageStart + 4,
                    "A message's headers length " + headers + " does not fit in its total length " + total);
        }
        checkCrc(b, at, 8, Reason.PRELUDE_CRC, messageStart + 8, "prelude");
        return (int) total;
    }

    /** Fails unless the 4 bytes after {@code length} bytes from {@code at} are their CRC32. */
    private void checkCrc(byte[] b, int at, int length, Reason reason, long crcOffset, String what)
            throws EventStreamException {
        crc.reset();
        crc.update(b, at, length);
        long expected = uint32(b, at + length);
        if (crc.getValue() != expected) {
            throw new EventStreamException(reason, crcOffset, "The " + what + " CRC32 is 0x"
                    + Long.toHexString(expected) + " but the bytes give 0x" + Long.toHexString(crc.getValue()));
        }
    }

    private EventStreamMessage message(byte[] b, int at, int total) throws EventStreamException {
        checkCrc(b, at, total - 4, Reason.MESSAGE_CRC, messageStart + total - 4, "message");
        int headersEnd = at + PRELUDE + (int) uint32(b, at + 4);
        Map<String, EventHeaderValue> headers = EventHeaders.read(b, at + PRELUDE, headersEnd, messageStart + PRELUDE);
        return new EventStreamMessage(headers, Arrays.copyOfRange(b, headersEnd, at + total - 4));
    }

    /** Big-endian reads, shared with {@link EventHeaders}. */
    static long uint32(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFFL) << 16) | ((b[at + 2] & 0xFFL) << 8) | (b[at + 3] & 0xFFL);
    }

    static long int64(byte[] b, int at) {
        return (uint32(b, at) << 32) | uint32(b, at + 4);
    }
}
