package dev.switchboard.testing;

import dev.switchboard.provider.aws.EventHeaderValue;
import dev.switchboard.provider.aws.EventStreamMessage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Encodes AWS event-stream messages ({@code application/vnd.amazon.eventstream}), as Bedrock's
 * streaming operations send them, for decoder tests and fake upstreams. Test-only: the gateway reads
 * this framing from Bedrock but never writes it.
 */
public final class EventStreamFrames {

    private EventStreamFrames() {
    }

    /** A Bedrock event: {@code :event-type}, {@code :content-type} JSON, {@code :message-type} event. */
    public static byte[] event(String eventType, String json) {
        return encode(bedrockHeaders(":event-type", eventType, "event"), json.getBytes(StandardCharsets.UTF_8));
    }

    /** A Bedrock modelled exception, e.g. {@code throttlingException} with {@code {"message": ...}}. */
    public static byte[] exception(String exceptionType, String json) {
        return encode(bedrockHeaders(":exception-type", exceptionType, "exception"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] encode(EventStreamMessage message) {
        return encode(message.headers(), message.payload());
    }

    /** One message with the headers in their map's order. */
    public static byte[] encode(Map<String, EventHeaderValue> headers, byte[] payload) {
        return frame(headers(headers), payload);
    }

    /** One message around headers already encoded (or deliberately malformed), with correct lengths and CRCs. */
    public static byte[] frame(byte[] encodedHeaders, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(16 + encodedHeaders.length + payload.length);
        out.putInt(out.capacity()).putInt(encodedHeaders.length);
        out.putInt((int) crc(out.array(), 8));
        out.put(encodedHeaders).put(payload);
        out.putInt((int) crc(out.array(), out.position()));
        return out.array();
    }

    /** A prelude with a correct CRC claiming any lengths, to test what a decoder refuses. */
    public static byte[] prelude(long totalLength, long headersLength) {
        ByteBuffer out = ByteBuffer.allocate(12).putInt((int) totalLength).putInt((int) headersLength);
        return out.putInt((int) crc(out.array(), 8)).array();
    }

    public static byte[] concat(byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    private static Map<String, EventHeaderValue> bedrockHeaders(String typeHeader, String type, String messageType) {
        Map<String, EventHeaderValue> headers = new LinkedHashMap<>();
        headers.put(typeHeader, new EventHeaderValue.Text(type));
        headers.put(":content-type", new EventHeaderValue.Text("application/json"));
        headers.put(":message-type", new EventHeaderValue.Text(messageType));
        return headers;
    }

    private static byte[] headers(Map<String, EventHeaderValue> headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        headers.forEach((name, value) -> {
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            out.write(utf8.length);
            out.writeBytes(utf8);
            out.write(value.typeId());
            ByteBuffer v = ByteBuffer.allocate(18);
            switch (value) {
                case EventHeaderValue.Bool b -> { }
                case EventHeaderValue.Int8 b -> v.put(b.value());
                case EventHeaderValue.Int16 s -> v.putShort(s.value());
                case EventHeaderValue.Int32 i -> v.putInt(i.value());
                case EventHeaderValue.Int64 l -> v.putLong(l.value());
                case EventHeaderValue.Bytes b -> v = sized(b.value());
                case EventHeaderValue.Text t -> v = sized(t.value().getBytes(StandardCharsets.UTF_8));
                case EventHeaderValue.Timestamp t -> v.putLong(t.value().toEpochMilli());
                case EventHeaderValue.Uuid u -> v.putLong(u.value().getMostSignificantBits())
                        .putLong(u.value().getLeastSignificantBits());
            }
            out.write(v.array(), 0, v.position());
        });
        return out.toByteArray();
    }

    private static ByteBuffer sized(byte[] bytes) {
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("A header value of " + bytes.length + " bytes exceeds 65535");
        }
        return ByteBuffer.allocate(2 + bytes.length).putShort((short) bytes.length).put(bytes);
    }

    private static long crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }
}
