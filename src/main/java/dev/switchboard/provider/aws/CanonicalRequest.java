package dev.switchboard.provider.aws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical form of a request that SigV4 signs, for every service but S3: the method, the
 * canonical URI, the canonical query string, the canonical headers, the signed header names and the
 * payload hash, one per line. Pure functions of their arguments.
 */
final class CanonicalRequest {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CanonicalRequest() {
    }

    /**
     * The canonical request text.
     *
     * @param canonical the {@linkplain #headers canonical headers} to sign, {@code host} and
     *     {@code x-amz-date} among them
     */
    static String of(String method, String path, List<Map.Entry<String, String>> query,
            Map<String, String> canonical, String payloadSha256) {
        StringBuilder out = new StringBuilder(256).append(method).append('\n')
                .append(uri(path)).append('\n')
                .append(query(query)).append('\n');
        canonical.forEach((name, value) -> out.append(name).append(':').append(value).append('\n'));
        return out.append('\n').append(signedHeaders(canonical)).append('\n').append(payloadSha256).toString();
    }

    /**
     * The canonical URI of a path as sent on the request line (so already percent-encoded once):
     * dot segments and empty segments removed, a trailing slash kept, and each segment encoded again.
     * A Bedrock model id sent as {@code v1%3A0} is therefore signed as {@code v1%253A0}: services
     * other than S3 expect the path encoded twice.
     */
    static String uri(String path) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(segment);
            }
        }
        StringBuilder out = new StringBuilder(path.length() + 16);
        for (String segment : segments) {
            out.append('/').append(encode(segment));
        }
        if (segments.isEmpty() || path.endsWith("/")) {
            out.append('/');
        }
        return out.toString();
    }

    /**
     * The canonical query string of decoded parameters: each name and value encoded, the pairs sorted
     * by encoded name and then by encoded value, a missing value written as {@code name=}.
     */
    static String query(List<Map.Entry<String, String>> parameters) {
        List<String[]> encoded = new ArrayList<>(parameters.size());
        for (Map.Entry<String, String> p : parameters) {
            encoded.add(new String[] {encode(p.getKey()), encode(p.getValue())});
        }
        encoded.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder out = new StringBuilder();
        for (String[] p : encoded) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    /**
     * Header names lowercased and sorted; each value trimmed with its runs of spaces collapsed to
     * one, and the values of a repeated name joined with commas in the order given.
     */
    static Map<String, String> headers(List<Map.Entry<String, String>> headers) {
        Map<String, String> canonical = new TreeMap<>();
        for (Map.Entry<String, String> header : headers) {
            canonical.merge(header.getKey().toLowerCase(Locale.ROOT), value(header.getValue()),
                    (first, next) -> first + "," + next);
        }
        return canonical;
    }

    static String signedHeaders(Map<String, String> canonicalHeaders) {
        return String.join(";", canonicalHeaders.keySet());
    }

    /** RFC 3986 percent-encoding of the UTF-8 bytes: only the unreserved characters stay as they are. */
    static String encode(String text) {
        StringBuilder out = null;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (unreserved(b)) {
                if (out != null) {
                    out.append((char) b);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(bytes.length + 16).append(text, 0, i);
            }
            out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
        }
        return out == null ? text : out.toString();
    }

    private static boolean unreserved(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '-' || b == '_' || b == '.' || b == '~';
    }

    private static String value(String raw) {
        String trimmed = raw.strip();
        StringBuilder out = new StringBuilder(trimmed.length());
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c != ' ' || out.isEmpty() || out.charAt(out.length() - 1) != ' ') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
