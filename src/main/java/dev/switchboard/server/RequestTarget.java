package dev.switchboard.server;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Checks the raw path, query string and fragment of a request before anything decodes them: the
 * characters RFC 3986 allows there and well-formed percent escapes (the rules of Helidon's own
 * validation, which the server turns off so that it can answer in the caller's format), and
 * escaped bytes that are UTF-8 (Helidon would decode others to U+FFFD and pass them on). A problem
 * is described by where and what, never by quoting what was sent: a Gemini caller's API key
 * travels in {@code ?key=}.
 */
final class RequestTarget {

    private static final String SUB_DELIMS = "!$&'()*+,;=";

    private RequestTarget() {
    }

    /** What is wrong with a request target, or empty when every part is well formed. */
    static Optional<String> problem(String rawPath, String rawQuery, Optional<String> rawFragment) {
        return problem("path", rawPath, false)
                .or(() -> parsesAsUri(rawPath) ? Optional.empty()
                        : Optional.of("The URL's path is not valid: it does not parse as a URI path"))
                .or(() -> problem("query string", rawQuery, true))
                .or(() -> rawFragment.flatMap(fragment -> problem("fragment", fragment, true)));
    }

    private static Optional<String> problem(String part, String raw, boolean questionMarkAllowed) {
        String prefix = "The URL's " + part + " is not valid: ";
        boolean escaped = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                    return Optional.of(prefix + "a '%' must be followed by two hexadecimal digits "
                            + "(a literal '%' is sent as %25)");
                }
                escaped = true;
                i += 2;
            } else if (!allowed(c, questionMarkAllowed)) {
                return Optional.of(prefix + "it contains a character that must be percent-encoded");
            }
        }
        if (escaped && !escapesAreUtf8(raw)) {
            return Optional.of(prefix + "its percent-encoded bytes are not valid UTF-8");
        }
        return Optional.empty();
    }

    /**
     * Helidon's routing decodes the path with {@link URI}, as its own path validation checks. An
     * absolute path made only of the characters {@link #allowed} lets through always parses, so the
     * common case skips the parser (it runs on every request).
     */
    private static boolean parsesAsUri(String rawPath) {
        if (rawPath.length() > 1 && rawPath.charAt(0) == '/' && rawPath.charAt(1) != '/') {
            return true;
        }
        try {
            URI.create(rawPath.startsWith("//") ? rawPath.substring(1) : rawPath);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** pchar (unreserved, sub-delims, ':' and '@') and '/', plus '?' outside the path. */
    private static boolean allowed(char c, boolean questionMarkAllowed) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~'
                || SUB_DELIMS.indexOf(c) >= 0 || c == ':' || c == '@' || c == '/'
                || (c == '?' && questionMarkAllowed);
    }

    /** Called once every escape is known to be well formed and every other character ASCII. */
    private static boolean escapesAreUtf8(String raw) {
        byte[] bytes = new byte[raw.length()];
        int length = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                bytes[length++] = (byte) (hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2)));
                i += 2;
            } else {
                bytes[length++] = (byte) c;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
