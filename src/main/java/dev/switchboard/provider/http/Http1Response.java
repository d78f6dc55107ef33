package dev.switchboard.provider.http;

import dev.switchboard.provider.Exhaustible;
import dev.switchboard.provider.Timeouts;
import dev.switchboard.provider.UpstreamResponse;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * A response whose head has been read, with its body framed by Content-Length, chunked encoding or
 * the end of the connection. Reading the body to its end hands a reusable connection back to the
 * pool; closing before that closes the connection (aborting the call). {@link #close} is safe from
 * any thread, and exactly one of the two happens. Each read of the body waits at most the idle
 * time-out, and the whole answer must be in by its deadline ({@link Timeouts#total}), counted from
 * the request's sending, so a provider that drips its answer cannot hold a call for ever.
 */
final class Http1Response implements UpstreamResponse {

    private static final int OPEN = 0;
    private static final int RELEASED = 1;
    private static final int CLOSED = 2;

    private final Http1Client client;
    private final Http1Connection connection;
    private final ResponseHead head;
    private final Duration idle;
    private final long idleNanos;
    private final Duration total;
    /** When the whole answer must be in ({@link System#nanoTime}), or {@link Long#MAX_VALUE} for never. */
    private final long deadline;
    /** The read time-out is the time left before the deadline, not the idle time-out. */
    private boolean nearDeadline;
    private final boolean reusable;
    private final AtomicInteger state = new AtomicInteger(OPEN);
    private final Body body;
    /** The body was read to its end; set by the reading thread only. */
    private boolean complete;

    private Http1Response(Http1Client client, Http1Connection connection, ResponseHead head, Timeouts timeouts,
                          long sentNanos, boolean bodiless) throws IOException {
        this.client = client;
        this.connection = connection;
        this.head = head;
        this.idle = timeouts.idle();
        this.idleNanos = idle.toNanos();
        this.total = timeouts.total(head.first("Content-Type")
                .map(type -> type.regionMatches(true, 0, "text/event-stream", 0, 17)).orElse(false));
        this.deadline = total.isZero() ? Long.MAX_VALUE : sentNanos + total.toNanos();
        boolean persistent = head.http11 ? !head.lists("Connection", "close") : head.lists("Connection", "keep-alive");
        long length = head.contentLength();
        if (bodiless || head.status == 204 || head.status == 304) {
            body = new Fixed(0);
        } else if (head.first("Transfer-Encoding").isPresent()) {
            // Any other coding, or chunked not last, can only be read to the end of the connection.
            body = head.lists("Transfer-Encoding", "chunked") ? new Chunked() : new UntilClose();
            persistent &= body instanceof Chunked;
        } else if (length >= 0) {
            body = new Fixed(length);
        } else {
            body = new UntilClose();
            persistent = false;
        }
        this.reusable = persistent;
        if (body instanceof Fixed fixed && fixed.remaining == 0) {
            finish();
        }
    }

    /**
     * Reads the response to a request written at {@code sentNanos}: skips interim (1xx) responses,
     * then switches the connection's read timeout from first-byte to idle for the body.
     * {@code bodiless} for the answer to a HEAD request, whose length headers describe no body.
     */
    static Http1Response read(Http1Client client, Http1Connection connection, Timeouts timeouts, long sentNanos,
                              boolean bodiless) throws IOException {
        ResponseHead head = ResponseHead.read(connection);
        while (head.status >= 100 && head.status < 200) {
            if (head.status == 101) {
                throw new IOException("The provider switched protocols, which a gateway call cannot follow");
            }
            head = ResponseHead.read(connection);
        }
        connection.timeout(timeouts.idle());
        return new Http1Response(client, connection, head, timeouts, sentNanos, bodiless);
    }

    @Override
    public int status() {
        return head.status;
    }

    @Override
    public Optional<String> header(String name) {
        return head.first(name);
    }

    @Override
    public Map<String, String> headers(Predicate<String> wanted) {
        return head.select(wanted);
    }

    @Override
    public void forEachHeader(BiConsumer<String, String> action) {
        head.forEach(action);
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public void close() {
        if (state.compareAndSet(OPEN, CLOSED)) {
            connection.close();
        }
    }

    /** The body was read to its end: the connection goes back to the pool, or is closed. */
    private void finish() {
        complete = true;
        if (reusable && !connection.hasBufferedBytes() && state.compareAndSet(OPEN, RELEASED)) {
            client.release(connection, head.keepAliveNanos());
        } else {
            close();
        }
    }

    /** The body's framing; a read that times out or fails closes the response. */
    private abstract class Body extends InputStream implements Exhaustible {
        private byte[] one;

        abstract int readBody(byte[] into, int offset, int length) throws IOException;

        @Override
        public final int read(byte[] into, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, into.length);
            if (length == 0) {
                return 0;
            }
            if (complete) {
                return -1;
            }
            if (state.get() == CLOSED) {
                throw new IOException("The response was closed");
            }
            try {
                keepToDeadline();
                return readBody(into, offset, length);
            } catch (SocketTimeoutException e) {
                Http1Response.this.close();
                throw new SocketTimeoutException(nearDeadline
                        ? "the provider's answer was not whole within " + total.toMillis() + " ms (timeouts.total_ms)"
                        : "no data from the provider for " + idle.toMillis() + " ms (timeouts.idle_ms)");
            } catch (IOException | RuntimeException e) {
                Http1Response.this.close();
                throw e;
            }
        }

        /** Within the idle time-out of the deadline, a read may wait only until the deadline. */
        private void keepToDeadline() throws IOException {
            if (deadline == Long.MAX_VALUE) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left < idleNanos) {
                nearDeadline = true;
                if (left < 1_000_000) {
                    throw new SocketTimeoutException("past the deadline");
                }
                connection.timeout(Duration.ofNanos(left));
            }
        }

        @Override
        public final int read() throws IOException {
            if (one == null) {
                one = new byte[1];
            }
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        /** Bytes that can be read without waiting for the provider (stream relays flush when there are none). */
        @Override
        public final int available() {
            return complete || state.get() != OPEN ? 0 : availableBody();
        }

        abstract int availableBody();

        @Override
        public final boolean exhausted() {
            return complete;
        }

        @Override
        public void close() {
            Http1Response.this.close();
        }
    }

    /** A body of a declared length. */
    private final class Fixed extends Body {
        private final long length;
        private long remaining;

        Fixed(long length) {
            this.length = length;
            this.remaining = length;
        }

        @Override
        int readBody(byte[] into, int offset, int length) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = connection.read(into, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                throw new EOFException("The provider's response ended after " + (this.length - remaining)
                        + " of its " + this.length + " bytes");
            }
            remaining -= n;
            if (remaining == 0) {
                finish();
            }
            return n;
        }

        @Override
        int availableBody() {
            return (int) Math.min(remaining, connection.readable());
        }
    }

    /** A chunked body: size lines, data, and optional trailers, which are skipped. */
    private final class Chunked extends Body {
        private long remaining;
        private boolean started;
        private boolean done;

        @Override
        int readBody(byte[] into, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (remaining == 0) {
                if (started && !connection.readLine().isEmpty()) {
                    throw new IOException("The provider's chunked response is malformed");
                }
                started = true;
                remaining = chunkSize(connection.readLine());
                if (remaining == 0) {
                    while (!connection.readLine().isEmpty()) {
                        // trailers: nothing here needs them
                    }
                    done = true;
                    finish();
                    return -1;
                }
            }
            int n = connection.read(into, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                throw new EOFException("The provider's response ended in the middle of a chunk");
            }
            remaining -= n;
            return n;
        }

        /** Within a chunk, what is buffered of it; between chunks, 1 if the next one has begun to arrive. */
        @Override
        int availableBody() {
            if (remaining > 0) {
                return (int) Math.min(remaining, connection.readable());
            }
            return connection.bufferedBeyondLines(started ? 2 : 1) ? 1 : 0;
        }

        private static long chunkSize(String line) throws IOException {
            int end = line.indexOf(';');
            String hex = (end >= 0 ? line.substring(0, end) : line).strip();
            if (hex.isEmpty() || hex.length() > 15 || Character.digit(hex.charAt(0), 16) < 0) {
                throw new IOException("The provider's chunked response has a malformed chunk size");
            }
            try {
                return Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("The provider's chunked response has a malformed chunk size");
            }
        }
    }

    /** A body that ends when the server closes the connection. */
    private final class UntilClose extends Body {
        @Override
        int readBody(byte[] into, int offset, int length) throws IOException {
            int n = connection.read(into, offset, length);
            if (n < 0) {
                finish();
            }
            return n;
        }

        @Override
        int availableBody() {
            return connection.readable();
        }
    }
}
