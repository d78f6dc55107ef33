package dev.switchboard.server;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every route reads JSON, so a request must say it sends JSON: {@code application/json} or an
 * {@code application/*+json} type, with any parameters. A browser sends text/plain, form and
 * multipart bodies from any web page without asking the server first (no CORS preflight); insisting
 * on JSON makes a cross-site request preflighted, and so refused unless CORS allows its origin.
 * POST, PUT and PATCH must declare JSON even without a body: the management API also reads fields
 * from the query string. Other methods need it only when they carry a body.
 */
final class JsonContentType {

    static final String WANTED = "application/json";
    private static final Set<String> ALWAYS_CHECKED = Set.of("POST", "PUT", "PATCH");
    private static final int MAX_ECHO = 100;

    private JsonContentType() {
    }

    /** Why a request may not be read as JSON, or empty when it may (or carries nothing to read). */
    static Optional<String> problem(String method, boolean hasBody, Optional<String> contentType) {
        if (!hasBody && !ALWAYS_CHECKED.contains(method)) {
            return Optional.empty();
        }
        if (contentType.isEmpty() || contentType.get().isBlank()) {
            return Optional.of("The request has no Content-Type; send a JSON body with 'Content-Type: "
                    + WANTED + "'");
        }
        String type = mediaType(contentType.get());
        if (isJson(type)) {
            return Optional.empty();
        }
        return Optional.of("Content-Type '" + printable(type) + "' is not accepted; send a JSON body with "
                + "'Content-Type: " + WANTED + "'");
    }

    /** The type and subtype, lower-case, without parameters. */
    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static boolean isJson(String type) {
        return type.equals(WANTED)
                || type.startsWith("application/") && type.endsWith("+json") && type.length() > "application/+json".length()
                && type.indexOf('/', "application/".length()) < 0;
    }

    /** A caller's header value, safe to echo: printable ASCII, cut short. */
    static String printable(String value) {
        StringBuilder safe = new StringBuilder();
        for (int i = 0; i < value.length() && safe.length() < MAX_ECHO; i++) {
            char c = value.charAt(i);
            safe.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return value.length() > MAX_ECHO ? safe + "..." : safe.toString();
    }
}
