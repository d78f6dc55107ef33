package dev.switchboard.provider.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * A response's status line and headers, as received. Header names are matched without regard to
 * case; a repeated header keeps every value in order.
 */
final class ResponseHead {

    private static final int MAX_HEADERS = 256;

    final int status;
    /** HTTP/1.1 or later: connections persist unless the server says otherwise. */
    final boolean http11;
    private final String[] names;
    private final String[] values;

    private ResponseHead(int status, boolean http11, List<String> fields) {
        this.status = status;
        this.http11 = http11;
        int n = fields.size() / 2;
        this.names = new String[n];
        this.values = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = fields.get(2 * i);
            values[i] = fields.get(2 * i + 1);
        }
    }

    /** Reads a status line and the headers after it, up to the empty line. */
    static ResponseHead read(Http1Connection connection) throws IOException {
        String statusLine = connection.readLine();
        if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.") || statusLine.charAt(8) != ' ') {
            throw new IOException("The provider did not answer with HTTP/1.x");
        }
        int status = statusCode(statusLine);
        boolean http11 = statusLine.charAt(7) != '0';
        List<String> fields = new ArrayList<>(32);
        for (String line = connection.readLine(); !line.isEmpty(); line = connection.readLine()) {
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (fields.isEmpty()) {
                    throw new IOException("The response headers begin with a continuation line");
                }
                int last = fields.size() - 1;
                fields.set(last, fields.get(last) + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("The response has a malformed header line");
            }
            if (fields.size() / 2 >= MAX_HEADERS) {
                throw new IOException("The response has more than " + MAX_HEADERS + " headers");
            }
            fields.add(line.substring(0, colon).strip());
            fields.add(line.substring(colon + 1).strip());
        }
        return new ResponseHead(status, http11, fields);
    }

    private static int statusCode(String statusLine) throws IOException {
        int code = 0;
        for (int i = 9; i < 12; i++) {
            char c = statusLine.charAt(i);
            if (c < '0' || c > '9') {
                throw new IOException("The provider's status line has no status code");
            }
            code = code * 10 + (c - '0');
        }
        if (statusLine.length() > 12 && statusLine.charAt(12) != ' ') {
            throw new IOException("The provider's status line has no status code");
        }
        return code;
    }

    /** The first value of a header. */
    Optional<String> first(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return Optional.of(values[i]);
            }
        }
        return Optional.empty();
    }

    /**
     * The headers whose name (as received, in any case) {@code wanted} accepts, by lower-case name;
     * a repeated header's values are joined with {@code ", "}. Nothing is allocated for a response
     * with none of them, the usual case.
     */
    Map<String, String> select(Predicate<String> wanted) {
        Map<String, String> selected = Map.of();
        for (int i = 0; i < names.length; i++) {
            if (wanted.test(names[i])) {
                if (selected.isEmpty()) {
                    selected = new LinkedHashMap<>();
                }
                selected.merge(names[i].toLowerCase(Locale.ROOT), values[i], (a, b) -> a + ", " + b);
            }
        }
        return selected;
    }

    /** Every header as received, in order, a repeated one once per line. */
    void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < names.length; i++) {
            action.accept(names[i], values[i]);
        }
    }

    /** Whether a comma-separated header (Connection, Transfer-Encoding) lists {@code token}. */
    boolean lists(String name, String token) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                for (String item : values[i].split(",")) {
                    if (item.strip().equalsIgnoreCase(token)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The declared body length: -1 when there is none.
     *
     * @throws IOException if it is not a number, or repeated with different values
     */
    long contentLength() throws IOException {
        long length = -1;
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase("Content-Length")) {
                long value;
                try {
                    value = Long.parseLong(values[i]);
                } catch (NumberFormatException e) {
                    throw new IOException("The response has an invalid Content-Length");
                }
                if (value < 0 || (length >= 0 && value != length)) {
                    throw new IOException("The response has an invalid Content-Length");
                }
                length = value;
            }
        }
        return length;
    }

    /** The {@code timeout} of a Keep-Alive header, in nanoseconds; 0 when absent. */
    long keepAliveNanos() {
        Optional<String> header = first("Keep-Alive");
        if (header.isEmpty()) {
            return 0;
        }
        for (String param : header.get().split(",")) {
            String[] pair = param.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().toLowerCase(Locale.ROOT).equals("timeout")) {
                try {
                    long seconds = Long.parseLong(pair[1].strip());
                    // A second less than the server's figure, so the pool gives it up first.
                    return seconds > 1 ? (seconds - 1) * 1_000_000_000L : 500_000_000L;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
