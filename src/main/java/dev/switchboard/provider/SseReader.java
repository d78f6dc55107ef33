package dev.switchboard.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads server-sent events one at a time from a stream, as they arrive (nothing is buffered beyond
 * the current event). Comment lines and events without data (keep-alives) are skipped.
 */
public final class SseReader {

    private static final int MAX_EVENT_BYTES = 16 * 1024 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private Runnable beforeWait = () -> { };

    public SseReader(InputStream in) {
        this.in = in;
    }

    /**
     * Runs {@code action} each time the reader has used up what arrived and is about to wait for
     * more, e.g. to flush events relayed so far: they go out together, but never wait on the provider.
     */
    public void beforeWait(Runnable action) {
        beforeWait = action;
    }

    /** The next event, or empty at the end of the stream. */
    public Optional<SseEvent> next() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(256);
        StringBuilder data = null;
        String event = null;
        while (true) {
            int lineStart = raw.size();
            if (!readLine(raw)) {
                return data == null ? Optional.empty()
                        : Optional.of(new SseEvent(Optional.ofNullable(event), data.toString(), raw.toByteArray()));
            }
            String line = lineText(raw.toByteArray(), lineStart, raw.size());
            if (line.isEmpty()) {
                if (data != null) {
                    return Optional.of(new SseEvent(Optional.ofNullable(event), data.toString(), raw.toByteArray()));
                }
                raw.reset();
                event = null;
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "event" -> event = value;
                default -> { } // comments (":"), id, retry
            }
            if (raw.size() > MAX_EVENT_BYTES) {
                throw new IOException("A server-sent event exceeds " + MAX_EVENT_BYTES + " bytes");
            }
        }
    }

    /** Appends one line including its terminator to {@code out}; false at end of stream with nothing read. */
    private boolean readLine(ByteArrayOutputStream out) throws IOException {
        boolean any = false;
        while (true) {
            if (position == limit) {
                if (in.available() <= 0) {
                    beforeWait.run();
                }
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any;
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (position < limit) {
                position++;
                out.write(buffer, start, position - start);
                return true;
            }
            out.write(buffer, start, position - start);
            any = true;
        }
    }

    private static String lineText(byte[] bytes, int from, int to) {
        int end = to;
        if (end > from && bytes[end - 1] == '\n') {
            end--;
        }
        if (end > from && bytes[end - 1] == '\r') {
            end--;
        }
        return new String(bytes, from, end - from, StandardCharsets.UTF_8);
    }
}
