package dev.switchboard.provider;

import java.util.Map;
import java.util.Set;

/**
 * Where the raw proxy route sends a target's calls and how it authenticates them: the provider's
 * base URL (no trailing slash; the caller's path goes after it), the provider's authentication
 * headers (secrets, never logged), query parameters the provider needs when the caller gave none
 * (Azure's {@code api-version}), and query parameters a caller may use to carry its own credentials
 * (Google's {@code key}), which are never forwarded.
 */
public record ProxyTarget(String baseUrl, Map<String, String> headers, Map<String, String> defaultQuery,
                          Set<String> credentialQuery) {

    public ProxyTarget {
        if (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        headers = Map.copyOf(headers);
        defaultQuery = Map.copyOf(defaultQuery);
        credentialQuery = Set.copyOf(credentialQuery);
    }

    /** A base URL and its authentication headers, with no query rules. */
    public ProxyTarget(String baseUrl, Map<String, String> headers) {
        this(baseUrl, headers, Map.of(), Set.of());
    }
}
