package dev.switchboard.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * A web origin, {@code scheme://host[:port]}, as browsers serialise it in the {@code Origin}
 * header: lower-case, and without the scheme's default port, so two spellings of one origin
 * compare equal. Only http and https origins exist here; anything else ({@code null}, a path)
 * does not parse.
 */
record WebOrigin(String scheme, String host, int port) {

    /** The origin {@code text} names, or empty if it is not an http(s) origin. */
    static Optional<WebOrigin> parse(String text) {
        String trimmed = text.strip();
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null
                || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        return Optional.of(new WebOrigin(scheme, uri.getHost().toLowerCase(Locale.ROOT),
                uri.getPort() < 0 ? defaultPort(scheme) : uri.getPort()));
    }

    /**
     * Whether this origin is the gateway as the request reached it: the same host and port as the
     * {@code Host} header (a missing port there meaning this origin's default). The scheme is not
     * compared: behind a TLS proxy the gateway's page is https while the gateway itself speaks http.
     */
    boolean sameHostAs(String hostHeader) {
        return parse(scheme + "://" + hostHeader.strip())
                .map(own -> own.host.equals(host) && own.port == port)
                .orElse(false);
    }

    @Override
    public String toString() {
        return scheme + "://" + host + (port == defaultPort(scheme) ? "" : ":" + port);
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }
}
