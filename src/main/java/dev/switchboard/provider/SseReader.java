package dev.switchboard.provider;

import dev.switchboard.core.SseEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads server-sent events one at a time from a stream, as they arrive (nothing is buffered beyond
 * the current event). Comment lines and events without data (keep-alives) are skipped.
 */
public final class SseReader {

    private static final int MAX_EVENT_BYTES = 16 * 1024 * 1024;
    /**
     * Bytes asked of the stream by a read that is likely to wait for the provider: the previous read
     * came back short, so the connection was drained. Small, because thousands of open streams each
     * sit in such a read, and the HTTP client allocates a buffer of the size asked for per read.
     */
    private static final int WAITING_READ = 512;
    /**
     * Bytes asked of the stream while events are flowing (more has arrived, or the previous read
     * filled its buffer): few large reads, since each read costs a pass through the HTTP client.
     */
    private static final int FLOWING_READ = 8192;
    /** An event buffer grown beyond this is dropped after its event rather than kept for the next. */
    private static final int KEEP_EVENT_BYTES = 16 * 1024;

    private final InputStream in;
    private byte[] buffer = new byte[WAITING_READ];
    private int position;
    private int limit;
    private byte[] raw = new byte[256];
    private int rawLength;
    private int[] dataRanges = new int[4];
    private int dataCount;
    private Runnable beforeWait = () -> { };
    private long waitedNanos;

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

    /**
     * The time spent in reads that had to wait for the provider since the last call, and resets it;
     * reads of data that had already arrived are not timed.
     */
    public long takeWaitedNanos() {
        long waited = waitedNanos;
        waitedNanos = 0;
        return waited;
    }

    /** The next event, or empty at the end of the stream. */
    public Optional<SseEvent> next() throws IOException {
        rawLength = 0;
        dataCount = 0;
        String event = null;
        while (true) {
            int lineStart = rawLength;
            if (!readLine()) {
                return dataCount == 0 ? Optional.empty() : Optional.of(take(event));
            }
            int lineEnd = contentEnd(lineStart, rawLength);
            if (lineEnd == lineStart) {
                if (dataCount > 0) {
                    return Optional.of(take(event));
                }
                rawLength = 0;
                event = null;
                continue;
            }
            int colon = indexOf(':', lineStart, lineEnd);
            int nameEnd = colon < 0 ? lineEnd : colon;
            int valueStart = colon < 0 ? lineEnd : colon + 1;
            if (valueStart < lineEnd && raw[valueStart] == ' ') {
                valueStart++;
            }
            if (named("data", lineStart, nameEnd)) {
                addData(valueStart, lineEnd);
            } else if (named("event", lineStart, nameEnd)) {
                event = new String(raw, valueStart, lineEnd - valueStart, StandardCharsets.UTF_8);
            } // else comments (":"), id, retry
            if (rawLength > MAX_EVENT_BYTES) {
                throw new IOException("A server-sent event exceeds " + MAX_EVENT_BYTES + " bytes");
            }
        }
    }

    private SseEvent take(String event) {
        SseEvent taken = new SseEvent(Optional.ofNullable(event), Arrays.copyOf(raw, rawLength),
                Arrays.copyOf(dataRanges, 2 * dataCount));
        if (raw.length > KEEP_EVENT_BYTES) {
            raw = new byte[256];
        }
        return taken;
    }

    private void addData(int from, int to) {
        if (2 * dataCount + 2 > dataRanges.length) {
            dataRanges = Arrays.copyOf(dataRanges, dataRanges.length * 2);
        }
        dataRanges[2 * dataCount] = from;
        dataRanges[2 * dataCount + 1] = to;
        dataCount++;
    }

    private boolean named(String field, int from, int to) {
        return SseEvent.isAscii(raw, from, to, field);
    }

    private int indexOf(char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (raw[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Appends one line including its terminator to the event's bytes; false at end of stream with nothing read. */
    private boolean readLine() throws IOException {
        boolean any = false;
        while (true) {
            if (position == limit) {
                int ready = in.available();
                boolean waits = ready <= 0 && !(in instanceof Exhaustible body && body.exhausted());
                if (waits) {
                    beforeWait.run();
                }
                int size = ready > 0 || limit == buffer.length ? FLOWING_READ : WAITING_READ;
                if (buffer.length != size) {
                    buffer = new byte[size];
                }
                long started = waits ? System.nanoTime() : 0;
                limit = in.read(buffer, 0, buffer.length);
                if (waits) {
                    waitedNanos += System.nanoTime() - started;
                }
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
            boolean lineEnd = position < limit;
            if (lineEnd) {
                position++;
            }
            append(start, position - start);
            if (lineEnd) {
                return true;
            }
            any = true;
        }
    }

    private void append(int from, int length) {
        if (rawLength + length > raw.length) {
            raw = Arrays.copyOf(raw, Math.max(raw.length * 2, rawLength + length));
        }
        System.arraycopy(buffer, from, raw, rawLength, length);
        rawLength += length;
    }

    /** The end of a line's content in {@link #raw}, without its LF or CRLF. */
    private int contentEnd(int from, int to) {
        int end = to;
        if (end > from && raw[end - 1] == '\n') {
            end--;
        }
        if (end > from && raw[end - 1] == '\r') {
            end--;
        }
        return end;
    }
}
