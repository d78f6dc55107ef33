package dev.switchboard.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads one HTTP/1.1 request off a connection: request line, headers, and a sized or chunked body. */
final class RequestReader {

    private RequestReader() {}

    /**
     * The next request, or empty when the client closed the connection between requests. Answers
     * {@code Expect: 100-continue} on {@code out} before reading the body.
     */
    static Optional<Recorded> read(InputStream in, OutputStream out) throws IOException {
        Optional<String> requestLine = line(in);
        while (requestLine.isPresent() && requestLine.get().isEmpty()) {
            requestLine = line(in);
        }
        if (requestLine.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = requestLine.get().split(" ", 3);
        if (parts.length != 3) {
            throw new IOException("malformed request line: " + requestLine.get());
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String header = requiredLine(in); !header.isEmpty(); header = requiredLine(in)) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header: " + header);
            }
            headers.computeIfAbsent(header.substring(0, colon).trim(), name -> new ArrayList<>())
                    .add(header.substring(colon + 1).trim());
        }
        if (first(headers, "Expect").equalsIgnoreCase("100-continue")) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(US_ASCII));
            out.flush();
        }
        byte[] body = first(headers, "Transfer-Encoding").equalsIgnoreCase("chunked")
                ? chunkedBody(in)
                : sizedBody(in, first(headers, "Content-Length"));
        return Optional.of(new Recorded(parts[0], parts[1], headers, body));
    }

    private static byte[] sizedBody(InputStream in, String contentLength) throws IOException {
        int length = contentLength.isEmpty() ? 0 : Integer.parseInt(contentLength);
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new EOFException("body ended after " + body.length + " of " + length + " bytes");
        }
        return body;
    }

    private static byte[] chunkedBody(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = requiredLine(in);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!requiredLine(in).isEmpty()) {
                    // trailers are not recorded
                }
                return body.toByteArray();
            }
            body.write(sizedBody(in, Integer.toString(size)));
            requiredLine(in);
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null ? "" : values.get(0);
    }

    private static String requiredLine(InputStream in) throws IOException {
        return line(in).orElseThrow(() -> new EOFException("connection closed mid-request"));
    }

    /** A line without its CRLF, or empty at end of stream before any byte. */
    private static Optional<String> line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                if (line.size() == 0) {
                    return Optional.empty();
                }
                throw new EOFException("connection closed mid-line");
            }
            line.write(b);
        }
        String text = line.toString(ISO_8859_1);
        return Optional.of(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
    }
}
