package dev.switchboard.provider;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Provider URLs parsed once: every call to a target builds the same few strings (a base URL from
 * the configuration, an operation's path), and parsing one into a {@link URI} on every request
 * costs more than the lookup. The cache is bounded; past its size it starts over, so URLs of
 * targets no longer configured do not stay.
 */
public final class Urls {

    private static final int MAX = 1024;
    private static final Map<String, URI> PARSED = new ConcurrentHashMap<>();

    private Urls() {
    }

    /** {@link URI#create}, remembered; an invalid URL throws {@link IllegalArgumentException} each time. */
    public static URI of(String url) {
        URI uri = PARSED.get(url);
        if (uri == null) {
            uri = URI.create(url);
            if (PARSED.size() >= MAX) {
                PARSED.clear();
            }
            PARSED.put(url, uri);
        }
        return uri;
    }
}
