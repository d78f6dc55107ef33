package dev.switchboard.provider.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request of any method whose body, if any, is copied from an input stream as it is written,
 * never held whole: with a Content-Length when its length is known, else in chunks. Header names
 * and values are checked as for {@link Request}. It can be written once; {@link #sent()} says
 * whether any of it was, after which it cannot be sent to anyone else.
 */
public final class StreamedRequest {

    /** The largest piece of body read and written at once (one chunk of a chunked body). */
    private static final int PIECE = 64 * 1024;
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final String method;
    private final List<Map.Entry<String, String>> headers;
    private final InputStream body;
    private final long length;
    private volatile boolean sent;

    /**
     * @param method  the method, e.g. {@code GET}; a token
     * @param headers the headers to send, in order, a name repeated as often as needed; Host,
     *                Content-Length and Transfer-Encoding are the client's to write
     * @param body    the body, read to its end (or {@code length} bytes) while the request is written;
     *                {@code null} for none
     * @param length  the body's length, or -1 when unknown (sent chunked)
     */
    public StreamedRequest(String method, List<Map.Entry<String, String>> headers, InputStream body, long length) {
        if (method.isEmpty() || !method.chars().allMatch(c -> Request.token((char) c))) {
            throw new IllegalArgumentException("Not a method: " + method);
        }
        this.method = method;
        this.headers = List.copyOf(headers);
        this.body = body;
        this.length = body == null ? 0 : length;
    }

    /** Whether any byte of the request was written to a connection. */
    public boolean sent() {
        return sent;
    }

    boolean hasBody() {
        return body != null;
    }

    /** Whether the answer has no body whatever its headers say (the answer to HEAD). */
    boolean bodiless() {
        return method.equals("HEAD");
    }

    /**
     * Writes the head, asking for {@code target} (the path and query), then the body as it is read;
     * a piece of body the server does not take within {@code stall} fails the write with a
     * {@link java.net.SocketTimeoutException}. A body shorter than its declared length fails
     * with an {@link EOFException}; a failure reading the body is thrown as it came, so the caller
     * can tell its own input's failure from the connection's. The {@code trace} headers are sent
     * instead of any trace headers the request holds.
     */
    void writeTo(Http1Connection connection, String target, Optional<String> via,
                 List<Map.Entry<String, String>> trace, Duration stall) throws IOException {
        Request.Bytes head = encode(connection, target.isEmpty() ? "/" : target, via, trace);
        sent = true;
        connection.write(head.array, head.size);
        if (body == null) {
            return;
        }
        if (length >= 0) {
            writeSized(connection, stall);
        } else {
            writeChunked(connection, stall);
        }
    }

    /** The head; the {@code trace} headers replace any the caller's headers hold (see {@link UpstreamTrace}). */
    private Request.Bytes encode(Http1Connection connection, String target, Optional<String> via,
                                 List<Map.Entry<String, String>> trace) {
        Request.Bytes out = new Request.Bytes(512 + 48 * headers.size());
        Origin origin = connection.origin;
        out.ascii(method).ascii(" ");
        if (connection.viaHttpProxy) {
            out.ascii(origin.https() ? "https://" : "http://").ascii(origin.authority());
        }
        out.ascii(target).ascii(" HTTP/1.1\r\nHost: ").ascii(origin.authority()).ascii("\r\n");
        if (body != null && length >= 0) {
            out.ascii("Content-Length: ").ascii(Long.toString(length)).ascii("\r\n");
        } else if (body != null) {
            out.ascii("Transfer-Encoding: chunked\r\n");
        }
        boolean userAgent = false;
        boolean hasVia = false;
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey();
            if (UpstreamTrace.replaced(name, trace)) {
                continue;
            }
            userAgent |= name.equalsIgnoreCase("User-Agent");
            hasVia |= name.equalsIgnoreCase("Via");
            out.header(name, header.getValue());
        }
        for (Map.Entry<String, String> header : trace) {
            out.header(header.getKey(), header.getValue());
        }
        if (!hasVia && via.isPresent()) {
            out.header("Via", via.get());
        }
        if (!userAgent) {
            out.ascii("User-Agent: Switchboard\r\n");
        }
        out.ascii("\r\n");
        return out;
    }

    private void writeSized(Http1Connection connection, Duration stall) throws IOException {
        byte[] piece = new byte[(int) Math.min(PIECE, Math.max(1, length))];
        long left = length;
        while (left > 0) {
            int n = body.read(piece, 0, (int) Math.min(piece.length, left));
            if (n < 0) {
                throw new EOFException("The request body ended after " + (length - left) + " of its " + length
                        + " bytes");
            }
            connection.writeMore(piece, 0, n, stall);
            left -= n;
        }
    }

    /** Each piece as it is read becomes one chunk, written with its size line and CRLF in one go. */
    private void writeChunked(Http1Connection connection, Duration stall) throws IOException {
        int room = 16;
        byte[] chunk = new byte[room + PIECE + 2];
        while (true) {
            int n = body.read(chunk, room, PIECE);
            if (n < 0) {
                connection.writeMore(LAST_CHUNK, 0, LAST_CHUNK.length, stall);
                return;
            }
            if (n == 0) {
                continue;
            }
            byte[] size = (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            int start = room - size.length;
            System.arraycopy(size, 0, chunk, start, size.length);
            chunk[room + n] = '\r';
            chunk[room + n + 1] = '\n';
            connection.writeMore(chunk, start, size.length + n + 2, stall);
        }
    }
}
