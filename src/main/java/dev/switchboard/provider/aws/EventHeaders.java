package dev.switchboard.provider.aws;

import static dev.switchboard.provider.aws.EventStreamDecoder.int64;
import static dev.switchboard.provider.aws.EventStreamDecoder.uint32;

import dev.switchboard.provider.aws.EventStreamException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the headers section of one event-stream message, once its CRCs have passed: each header is a
 * name (1-byte length, UTF-8), a value type byte and the value. Every read is checked against the
 * section's end, since the CRCs prove only that the bytes arrived as sent, not that they were well formed.
 */
final class EventHeaders {

    private EventHeaders() {
    }

    /** The headers in {@code b[from, to)}, in order; {@code streamOffset} is the stream offset of {@code from}. */
    static Map<String, EventHeaderValue> read(byte[] b, int from, int to, long streamOffset)
            throws EventStreamException {
        Map<String, EventHeaderValue> headers = new LinkedHashMap<>();
        int at = from;
        while (at < to) {
            long headerOffset = streamOffset + (at - from);
            int nameLength = b[at++] & 0xFF;
            need(at, nameLength + 1, to, headerOffset);
            String name = new String(b, at, nameLength, StandardCharsets.UTF_8);
            at += nameLength;
            int type = b[at++];
            int size = switch (type) {
                case 0, 1 -> 0;
                case 2 -> 1;
                case 3 -> 2;
                case 4 -> 4;
                case 5, 8 -> 8;
                case 6, 7 -> {
                    need(at, 2, to, headerOffset);
                    int n = ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
                    at += 2;
                    yield n;
                }
                case 9 -> 16;
                default -> throw new EventStreamException(Reason.MALFORMED_HEADER, headerOffset,
                        "Header '" + name + "' has the unknown value type " + type);
            };
            need(at, size, to, headerOffset);
            EventHeaderValue value = switch (type) {
                case 0 -> new EventHeaderValue.Bool(true);
                case 1 -> new EventHeaderValue.Bool(false);
                case 2 -> new EventHeaderValue.Int8(b[at]);
                case 3 -> new EventHeaderValue.Int16((short) (((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF)));
                case 4 -> new EventHeaderValue.Int32((int) uint32(b, at));
                case 5 -> new EventHeaderValue.Int64(int64(b, at));
                case 6 -> new EventHeaderValue.Bytes(Arrays.copyOfRange(b, at, at + size));
                case 7 -> new EventHeaderValue.Text(new String(b, at, size, StandardCharsets.UTF_8));
                case 8 -> new EventHeaderValue.Timestamp(Instant.ofEpochMilli(int64(b, at)));
                default -> new EventHeaderValue.Uuid(new UUID(int64(b, at), int64(b, at + 8)));
            };
            at += size;
            if (headers.putIfAbsent(name, value) != null) {
                throw new EventStreamException(Reason.DUPLICATE_HEADER, headerOffset,
                        "Header '" + name + "' appears twice in one message");
            }
        }
        return headers;
    }

    /** Fails unless {@code n} bytes from {@code at} lie within the section. */
    private static void need(int at, int n, int to, long headerOffset) throws EventStreamException {
        if (at + n > to) {
            throw new EventStreamException(Reason.MALFORMED_HEADER, headerOffset,
                    "A header runs past the end of the message's headers");
        }
    }
}
