package dev.switchboard.provider.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One HTTP/1.1 connection: its socket, a read buffer the response head is parsed from, and what the
 * pool needs to know (when it went idle, how long the server keeps it). Used by one exchange at a
 * time; {@link #close} may come from any thread and makes a blocked read fail.
 */
final class Http1Connection implements AutoCloseable {

    /** Holds a typical response head; grows for a longer one, up to {@link #MAX_HEAD}. */
    private static final int BUFFER = 4096;
    static final int MAX_HEAD = 64 * 1024;

    final Origin origin;
    /** Requests go through a plain HTTP proxy, so their request line names the absolute URL. */
    final boolean viaHttpProxy;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private byte[] buffer = new byte[BUFFER];
    private int pos;
    private int limit;
    private int timeoutMillis = -1;
    private long received;
    private long idleSince;
    private long keepAliveNanos;

    Http1Connection(Origin origin, Socket socket, boolean viaHttpProxy) throws IOException {
        this.origin = origin;
        this.socket = socket;
        this.viaHttpProxy = viaHttpProxy;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Sets how long a read may block; 0 or less means no limit. */
    void timeout(Duration timeout) throws SocketException {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(0, timeout.toMillis()));
        if (millis != timeoutMillis) {
            socket.setSoTimeout(millis);
            timeoutMillis = millis;
        }
    }

    /** Writes a request in one go; resets the count of bytes received for it. */
    void write(byte[] request, int length) throws IOException {
        received = 0;
        out.write(request, 0, length);
    }

    /** Writes a request whose body was too large to copy behind its head. */
    void write(byte[] head, int headLength, byte[] body) throws IOException {
        write(head, headLength);
        out.write(body);
    }

    /** Writes more of a request whose head went with {@link #write(byte[], int)}. */
    void writeMore(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    /**
     * As {@link #writeMore(byte[], int, int)}, for a body streamed to a server that may stop taking
     * it: a write still blocked after {@code stall} closes the connection and fails with a
     * {@link SocketTimeoutException} (a socket's time-out covers reads only).
     */
    void writeMore(byte[] bytes, int offset, int length, Duration stall) throws IOException {
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> guard = Stalls.TIMER.schedule(() -> {
            fired.set(true);
            close();
        }, Math.max(1, stall.toMillis()), TimeUnit.MILLISECONDS);
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            if (fired.get()) {
                throw new SocketTimeoutException("The provider took none of the request body for "
                        + stall.toMillis() + " ms");
            }
            throw e;
        } finally {
            guard.cancel(false);
        }
    }

    /** One daemon thread for the whole gateway, started on the first streamed body, idle but for stalls. */
    private static final class Stalls {
        static final ScheduledThreadPoolExecutor TIMER = timer();

        private static ScheduledThreadPoolExecutor timer() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                    Thread.ofPlatform().name("switchboard-upload-stalls").daemon().factory());
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }

    /** Whether nothing at all arrived for the last request (a reused connection the server had closed). */
    boolean receivedNothing() {
        return received == 0;
    }

    /**
     * Reads one line of a response head, without its CRLF, as Latin-1.
     *
     * @throws EOFException if the connection ends first
     * @throws IOException  if the line would make the head longer than {@link #MAX_HEAD}
     */
    String readLine() throws IOException {
        int scanned = pos;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buffer[i] == '\n') {
                    int end = i > pos && buffer[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buffer, pos, end - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    return line;
                }
            }
            scanned = limit - pos;
            makeRoom();
            scanned += pos;
            if (fill() < 0) {
                throw new EOFException(received == 0 ? "The connection was closed before a response"
                        : "The connection was closed in the middle of the response headers");
            }
        }
    }

    /** Reads a byte of the body, or -1 at the end of the stream. */
    int read() throws IOException {
        if (pos == limit && fill() < 0) {
            return -1;
        }
        return buffer[pos++] & 0xff;
    }

    /**
     * Reads body bytes: what is buffered first, then straight from the socket into {@code into}
     * when it is at least as large as the buffer (no second copy for large reads).
     */
    int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (pos == limit) {
            if (length >= buffer.length) {
                int n = in.read(into, offset, length);
                if (n > 0) {
                    received += n;
                }
                return n;
            }
            if (fill() < 0) {
                return -1;
            }
        }
        int n = Math.min(length, limit - pos);
        System.arraycopy(buffer, pos, into, offset, n);
        pos += n;
        return n;
    }

    /** Whether bytes the last exchange did not consume are waiting (the connection cannot be reused). */
    boolean hasBufferedBytes() {
        return pos < limit;
    }

    /** How many bytes are buffered, to be read without touching the socket. */
    int buffered() {
        return limit - pos;
    }

    /**
     * How many bytes can be read without waiting: the buffered ones, or else what the socket
     * already holds (one system call, only when the buffer is empty).
     */
    int readable() {
        if (pos < limit) {
            return limit - pos;
        }
        try {
            return in.available();
        } catch (IOException e) {
            return 0; // the next read reports the failure
        }
    }

    /**
     * Whether the buffer holds {@code lines} complete lines and at least one byte after them, e.g.
     * the end of a chunk, the next chunk's size line and some of its data.
     */
    boolean bufferedBeyondLines(int lines) {
        int found = 0;
        for (int i = pos; i < limit; i++) {
            if (buffer[i] == '\n' && ++found == lines) {
                return i + 1 < limit;
            }
        }
        return false;
    }

    /** Reads more into the buffer after its current contents; -1 at the end of the stream. */
    private int fill() throws IOException {
        if (pos == limit) {
            pos = 0;
            limit = 0;
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n > 0) {
            limit += n;
            received += n;
        }
        return n;
    }

    /** Makes space after the buffered bytes of an unfinished line: compacts, then grows. */
    private void makeRoom() throws IOException {
        if (pos > 0) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buffer.length) {
            if (buffer.length >= MAX_HEAD) {
                throw new IOException("The response headers are longer than " + MAX_HEAD + " bytes");
            }
            byte[] larger = new byte[Math.min(MAX_HEAD, buffer.length * 4)];
            System.arraycopy(buffer, 0, larger, 0, limit);
            buffer = larger;
        }
    }

    /** Marks the connection idle in the pool, for at most {@code keepAlive} (0: the pool's default). */
    void idle(long nowNanos, long keepAlive) {
        idleSince = nowNanos;
        keepAliveNanos = keepAlive;
        pos = 0;
        limit = 0;
        if (buffer.length > BUFFER) {
            buffer = new byte[BUFFER];
        }
    }

    /** Whether the connection has been idle longer than the server or the pool keeps it. */
    boolean expired(long nowNanos, long poolKeepAliveNanos) {
        long limitNanos = keepAliveNanos > 0 ? Math.min(keepAliveNanos, poolKeepAliveNanos) : poolKeepAliveNanos;
        return nowNanos - idleSince >= limitNanos;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted; a failure leaves nothing to clean up
        }
    }
}
