package dev.switchboard.provider.http;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request ready to write: its head encoded once as Latin-1 bytes, with the body behind it when
 * small. Header names must be tokens and values must not contain control characters (checked while
 * encoding, before any connection is made), so nothing a provider configuration holds can split
 * the request.
 */
final class Request {

    private static final int COALESCE_LIMIT = 64 * 1024;

    private final Origin origin;
    private final String target;
    private final String contentType;
    private final Map<String, String> headers;
    private final Optional<String> via;
    private final List<Map.Entry<String, String>> trace;
    private final byte[] body;
    /** The request with an origin-form target, as sent on every connection but a plain proxy's. */
    private final Bytes encoded;

    private Request(Origin origin, String target, String contentType, Map<String, String> headers,
                    Optional<String> via, List<Map.Entry<String, String>> trace, byte[] body) {
        this.origin = origin;
        this.target = target;
        this.contentType = contentType;
        this.headers = headers;
        this.via = via;
        this.trace = trace;
        this.body = body;
        this.encoded = encode(false);
    }

    /**
     * A POST; {@code via} is sent as the {@code Via} header unless {@code headers} name one, and the
     * {@code trace} headers (see {@link UpstreamTrace}) instead of any trace headers {@code headers} hold.
     */
    static Request post(Origin origin, String target, String contentType, Map<String, String> headers,
                        Optional<String> via, List<Map.Entry<String, String>> trace, byte[] body) {
        return new Request(origin, target.isEmpty() ? "/" : target, contentType, headers, via, trace, body);
    }

    /** Writes the request; through a plain HTTP proxy the request line names the absolute URL. */
    void writeTo(Http1Connection connection) throws IOException {
        Bytes out = connection.viaHttpProxy ? encode(true) : encoded;
        if (body.length <= COALESCE_LIMIT) {
            connection.write(out.array, out.size);
        } else {
            connection.write(out.array, out.size, body);
        }
    }

    private Bytes encode(boolean absolute) {
        Bytes out = new Bytes(256 + 32 * headers.size() + (body.length <= COALESCE_LIMIT ? body.length : 0));
        String authority = origin.authority();
        out.ascii("POST ");
        if (absolute) {
            out.ascii(origin.https() ? "https://" : "http://").ascii(authority);
        }
        out.ascii(target).ascii(" HTTP/1.1\r\nHost: ").ascii(authority)
                .ascii("\r\nContent-Length: ").ascii(Integer.toString(body.length)).ascii("\r\n");
        boolean userAgent = false;
        boolean type = false;
        boolean hasVia = false;
        for (var header : headers.entrySet()) {
            String name = header.getKey();
            if (UpstreamTrace.replaced(name, trace)) {
                continue;
            }
            userAgent |= name.equalsIgnoreCase("User-Agent");
            type |= name.equalsIgnoreCase("Content-Type");
            hasVia |= name.equalsIgnoreCase("Via");
            out.header(name, header.getValue());
        }
        for (Map.Entry<String, String> header : trace) {
            out.header(header.getKey(), header.getValue());
        }
        if (!type) {
            out.header("Content-Type", contentType);
        }
        if (!hasVia && via.isPresent()) {
            out.header("Via", via.get());
        }
        if (!userAgent) {
            out.ascii("User-Agent: Switchboard\r\n");
        }
        out.ascii("\r\n");
        if (body.length <= COALESCE_LIMIT) {
            out.bytes(body);
        }
        return out;
    }

    static boolean token(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.chars().limit(64).forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return out.toString();
    }

    /** A growable Latin-1 byte buffer; header names and values are checked as they are written. */
    static final class Bytes {
        byte[] array;
        int size;

        Bytes(int capacity) {
            array = new byte[capacity];
        }

        Bytes ascii(String s) {
            int n = s.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                array[size++] = (byte) s.charAt(i);
            }
            return this;
        }

        /** Writes {@code name: value} and its CRLF, refusing what a header cannot carry. */
        void header(String name, String value) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("A header to send to the provider has an empty name");
            }
            for (int i = 0; i < name.length(); i++) {
                if (!token(name.charAt(i))) {
                    throw new IllegalArgumentException("The header name '" + printable(name)
                            + "' has a character a header name cannot contain");
                }
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                    throw new IllegalArgumentException("The value of header '" + name
                            + "' contains a line break, control or non-Latin-1 character");
                }
            }
            ascii(name).ascii(": ").ascii(value).ascii("\r\n");
        }

        void bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, array, size, b.length);
            size += b.length;
        }

        private void ensure(int more) {
            if (size + more > array.length) {
                array = Arrays.copyOf(array, Math.max(array.length * 2, size + more));
            }
        }
    }
}
