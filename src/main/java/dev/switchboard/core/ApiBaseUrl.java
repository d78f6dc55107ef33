package dev.switchboard.core;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An {@code api_base} as written: its host, and a copy safe to echo in messages. Numeric hosts are
 * read as the URL standard (and {@code inet_aton}) reads them: one to four parts, each decimal, octal (leading 0) or hex (0x), the
 * last filling the remaining bytes, so {@code 2130706433}, {@code 0177.0.0.1} and {@code 0x7f.1} all
 * mean 127.0.0.1, whatever {@code java.net.URI} or {@code InetAddress} make of them.
 */
final class ApiBaseUrl {

    private static final Pattern NUMERIC_PART = Pattern.compile("0[xX][0-9a-fA-F]*|[0-9]+");
    private static final Pattern CANONICAL_PART = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern PORT = Pattern.compile(":[0-9]*$");
    private static final Pattern QUERY = Pattern.compile("[?#].*$", Pattern.DOTALL);
    private static final int MAX_ECHO = 200;

    private ApiBaseUrl() {
    }

    /**
     * The host of {@code uri} without IPv6 brackets. When {@code java.net.URI} parses no host (it
     * gives none for {@code 127.1} or {@code 0x7f.1}), the host is taken from the raw authority.
     */
    static Optional<String> of(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            String authority = uri.getRawAuthority();
            if (authority == null) {
                return Optional.empty();
            }
            host = PORT.matcher(authority.substring(authority.lastIndexOf('@') + 1)).replaceFirst("");
            if (host.contains(":") || host.contains("[")) {
                return Optional.empty(); // nothing a client would connect to
            }
        }
        host = unbracket(host);
        return host.isEmpty() ? Optional.empty() : Optional.of(host);
    }

    /**
     * {@code url} with the query and everything from the authority to the last {@code @} before it
     * replaced by {@code ***} (over-redacting rather than leaking a password with a slash in it),
     * cut to a sane length.
     */
    static String redact(String url) {
        String safe = QUERY.matcher(url.strip()).replaceFirst("?***");
        int slashes = safe.indexOf("//");
        int start = slashes < 0 ? 0 : slashes + 2;
        int at = safe.lastIndexOf('@');
        if (at >= start) {
            safe = safe.substring(0, start) + "***" + safe.substring(at);
        }
        return safe.length() > MAX_ECHO ? safe.substring(0, MAX_ECHO) + "..." : safe;
    }

    static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Whether the last dot-separated part of {@code host} is a number, so the URL standard reads it as IPv4. */
    static boolean endsInNumber(String host) {
        String[] parts = withoutTrailingDot(host).split("\\.", -1);
        return NUMERIC_PART.matcher(parts[parts.length - 1]).matches();
    }

    private static boolean isNumeric(String host) {
        String[] parts = withoutTrailingDot(host).split("\\.", -1);
        for (String part : parts) {
            if (!NUMERIC_PART.matcher(part).matches()) {
                return false;
            }
        }
        return parts.length <= 4;
    }

    /** The four bytes a numeric host means; empty if a part is not a number or is out of range. */
    static Optional<byte[]> ipv4(String host) {
        if (!isNumeric(host)) {
            return Optional.empty();
        }
        String[] parts = withoutTrailingDot(host).split("\\.");
        long value = 0;
        for (int i = 0; i < parts.length; i++) {
            long part = number(parts[i]);
            int bytesLeft = i == parts.length - 1 ? 4 - i : 1;
            if (part < 0 || part >= 1L << (8 * bytesLeft)) {
                return Optional.empty();
            }
            value = i == parts.length - 1 ? value << (8 * bytesLeft) | part : value << 8 | part;
        }
        return Optional.of(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    static String dotted(byte[] v4) {
        return (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff);
    }

    /** Whether a numeric host is written as four plain decimal numbers, e.g. {@code 127.0.0.1}. */
    static boolean isCanonicalIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!CANONICAL_PART.matcher(part).matches() || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** A part's value, or -1 if it has too many digits to be a byte or address. */
    private static long number(String part) {
        boolean hex = part.length() >= 2 && (part.charAt(1) == 'x' || part.charAt(1) == 'X');
        String digits = hex ? part.substring(2) : part;
        int radix = hex ? 16 : part.length() > 1 && part.charAt(0) == '0' ? 8 : 10;
        if (digits.isEmpty()) {
            return 0;
        }
        digits = digits.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 11) {
            return -1;
        }
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            return -1; // e.g. 8 or 9 in an octal part
        }
    }

    private static String withoutTrailingDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
