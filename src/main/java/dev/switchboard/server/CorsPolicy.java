package dev.switchboard.server;

import dev.switchboard.api.RoutingHeaders;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The web origins, other than the gateway's own, whose pages may call the gateway from a
 * browser: {@value #ENV}, comma-separated exact origins ({@code https://app.example.com}), or
 * {@code *} for any. Unset, no other origin may, and no response carries CORS headers. Set, a
 * preflight from such an origin is answered with every method and the headers it asks for (so SDKs
 * in a browser page work), and answers to its requests name it in
 * {@code Access-Control-Allow-Origin}. Credentials are never allowed: the gateway has no cookies.
 * Immutable and thread-safe.
 */
final class CorsPolicy {

    static final String ENV = "SWITCHBOARD_CORS_ORIGINS";

    private static final String METHODS = "GET, POST, PUT, PATCH, DELETE";
    private static final String MAX_AGE_SECONDS = "600";
    private static final Pattern HEADER_LIST = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~, -]*");

    private final boolean anyOrigin;
    private final Set<WebOrigin> origins;

    private CorsPolicy(boolean anyOrigin, Set<WebOrigin> origins) {
        this.anyOrigin = anyOrigin;
        this.origins = Set.copyOf(origins);
    }

    /**
     * Reads {@value #ENV} from {@code env}.
     *
     * @throws IllegalArgumentException naming an entry that is not an http(s) origin
     */
    static CorsPolicy fromEnv(Map<String, String> env) {
        boolean any = false;
        Set<WebOrigin> origins = new LinkedHashSet<>();
        for (String item : Arrays.stream(env.getOrDefault(ENV, "").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList()) {
            if (item.equals("*")) {
                any = true;
            } else {
                origins.add(WebOrigin.parse(item).orElseThrow(() -> new IllegalArgumentException(ENV
                        + " must list origins such as https://app.example.com (scheme, host and optional port, "
                        + "no path), or '*' for any, got '" + item + "'")));
            }
        }
        return new CorsPolicy(any, origins);
    }

    /** Whether any origin is configured; if not, the gateway sends no CORS headers at all. */
    boolean configured() {
        return anyOrigin || !origins.isEmpty();
    }

    /** Whether a page of {@code origin} (an Origin header, possibly {@code null}) may call the gateway. */
    boolean allows(String origin) {
        return anyOrigin || WebOrigin.parse(origin).map(origins::contains).orElse(false);
    }

    /** The headers for an answer to a request from {@code origin}, which {@link #allows} admits. */
    Map<String, String> responseHeaders(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
        headers.put("Access-Control-Expose-Headers", String.join(", ", RoutingHeaders.NAMES));
        return headers;
    }

    /**
     * The headers for a preflight from {@code origin}, which {@link #allows} admits, asking to send
     * {@code requestedHeaders} (its Access-Control-Request-Headers; echoed when it is a plain
     * list of header names) and perhaps from a public page to a private address (Chrome's Private
     * Network Access, allowed too: the operator named the origin).
     */
    Map<String, String> preflightHeaders(String origin, Optional<String> requestedHeaders, boolean privateNetwork) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
        headers.put("Access-Control-Allow-Methods", METHODS);
        requestedHeaders.filter(list -> HEADER_LIST.matcher(list).matches() && !list.isBlank())
                .ifPresent(list -> headers.put("Access-Control-Allow-Headers", list));
        if (privateNetwork) {
            headers.put("Access-Control-Allow-Private-Network", "true");
        }
        headers.put("Access-Control-Max-Age", MAX_AGE_SECONDS);
        return headers;
    }

    /** The configured origins, for the start-up log. */
    String describe() {
        return anyOrigin ? "any origin" : origins.isEmpty() ? "none" : String.join(", ",
                origins.stream().map(WebOrigin::toString).toList());
    }
}
