package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One server-sent event: its {@code event:} name if any, its joined {@code data:} lines, and the
 * exact bytes it arrived as (ending with the blank line), so pass-through can relay it unchanged.
 * The data is decoded only when asked for; relays that only look for a marker test the bytes.
 */
public final class SseEvent {

    private final Optional<String> event;
    private final byte[] raw;
    /** Where each {@code data:} line's value lies in {@link #raw}: start and end, pair by pair. */
    private final int[] data;
    private String text;

    /** An event as a reader found it: {@code data} holds the start and end of each {@code data:} value in {@code raw}. */
    public SseEvent(Optional<String> event, byte[] raw, int[] data) {
        this.event = event;
        this.raw = raw;
        this.data = data;
    }

    public Optional<String> event() {
        return event;
    }

    /** The bytes as received, including the blank line that ended the event. */
    public byte[] raw() {
        return raw;
    }

    /** The values of the event's {@code data:} lines, joined by newlines. */
    public String data() {
        if (text == null) {
            text = data.length == 2 ? new String(raw, data[0], data[1] - data[0], StandardCharsets.UTF_8)
                    : new String(dataBytes(), StandardCharsets.UTF_8);
        }
        return text;
    }

    /** {@link #data()} as UTF-8 bytes, copied from the event without decoding. */
    public byte[] dataBytes() {
        if (data.length == 2) {
            return Arrays.copyOfRange(raw, data[0], data[1]);
        }
        int length = Math.max(0, data.length / 2 - 1);
        for (int i = 0; i < data.length; i += 2) {
            length += data[i + 1] - data[i];
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (int i = 0; i < data.length; i += 2) {
            if (i > 0) {
                joined[at++] = '\n';
            }
            System.arraycopy(raw, data[i], joined, at, data[i + 1] - data[i]);
            at += data[i + 1] - data[i];
        }
        return joined;
    }

    /** Whether this is OpenAI's end-of-stream marker {@code data: [DONE]}. */
    public boolean isDone() {
        return data.length == 2 && matches(data[0], data[1], "[DONE]");
    }

    /** Whether the data begins with {@code ascii}. */
    public boolean dataStartsWith(String ascii) {
        return data.length >= 2 && data[1] - data[0] >= ascii.length()
                && matches(data[0], data[0] + ascii.length(), ascii);
    }

    /**
     * Whether the data has {@code "name":} followed by an object ({@code {}, after optional spaces),
     * e.g. a {@code usage} object rather than {@code "usage":null}. A match inside a string value
     * counts too: callers parse the event to be sure.
     */
    public boolean dataHasObject(BytePattern quotedNameAndColon) {
        for (int i = 0; i < data.length; i += 2) {
            int from = data[i];
            int end = data[i + 1];
            for (int at = quotedNameAndColon.indexIn(raw, from, end); at >= 0;
                 at = quotedNameAndColon.indexIn(raw, from, end)) {
                int next = at + quotedNameAndColon.length();
                while (next < end && (raw[next] == ' ' || raw[next] == '\t')) {
                    next++;
                }
                if (next < end && raw[next] == '{') {
                    return true;
                }
                from = at + 1;
            }
        }
        return false;
    }

    private boolean matches(int from, int to, String ascii) {
        return isAscii(raw, from, to, ascii);
    }

    /** Whether {@code bytes[from, to)} are exactly the ASCII string {@code ascii}. */
    public static boolean isAscii(byte[] bytes, int from, int to, String ascii) {
        if (to - from != ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[from + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Each JSON chunk as a {@code data:}-only event, as OpenAI's and Gemini's streams send them. */
    public static List<byte[]> dataOnly(List<? extends JsonNode> chunks) {
        List<byte[]> frames = new ArrayList<>(chunks.size());
        for (JsonNode chunk : chunks) {
            frames.add(dataOnly(chunk.toString()));
        }
        return frames;
    }

    /** Renders an event as {@code data: <json>\n\n}. */
    public static byte[] dataOnly(String data) {
        return ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SseEvent other && event.equals(other.event) && data().equals(other.data())
                && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(event, data(), Arrays.hashCode(raw));
    }

    @Override
    public String toString() {
        return "SseEvent[event=" + event + ", data=" + data() + "]";
    }
}
