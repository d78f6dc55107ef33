package dev.switchboard.provider.http;

import java.net.URI;
import java.util.Locale;

/**
 * Where a connection goes: scheme, host and port. Connections are pooled per origin.
 *
 * @param host the host name or IP literal, lower case, IPv6 without brackets
 */
public record Origin(boolean https, String host, int port) {

    public Origin {
        if (host.isEmpty() || port <= 0 || port > 65_535) {
            throw new IllegalArgumentException("Not a usable origin: " + host + ":" + port);
        }
    }

    /**
     * The origin of an {@code http} or {@code https} URL.
     *
     * @throws IllegalArgumentException for another scheme or a URL without a host
     */
    public static Origin of(URI uri) {
        String scheme = uri.getScheme();
        boolean https;
        if ("https".equalsIgnoreCase(scheme)) {
            https = true;
        } else if ("http".equalsIgnoreCase(scheme)) {
            https = false;
        } else {
            throw new IllegalArgumentException("Only http and https URLs can be called, not " + scheme);
        }
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("The URL has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        return new Origin(https, host.toLowerCase(Locale.ROOT), port);
    }

    /** The value of a Host header: the host, and the port unless it is the scheme's default. */
    public String authority() {
        return port == (https ? 443 : 80) ? bracketedHost() : hostAndPort();
    }

    /** {@code host:port}, as a CONNECT request names its target. */
    public String hostAndPort() {
        return bracketedHost() + ":" + port;
    }

    /** {@code scheme://host:port}, with the port always written. */
    @Override
    public String toString() {
        return (https ? "https://" : "http://") + hostAndPort();
    }

    private String bracketedHost() {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }
}
