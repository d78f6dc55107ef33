package dev.switchboard.server;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The web origins, other than the gateway's own, whose pages may call the gateway from a
 * browser: {@value #ENV}, comma-separated exact origins ({@code https://app.example.com}), or
 * {@code *} for any. Unset, no other origin may. Immutable and thread-safe.
 */
final class CorsPolicy {

    static final String ENV = "SWITCHBOARD_CORS_ORIGINS";

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

    /** Whether every origin is allowed ({@code *}). */
    boolean allowsAny() {
        return anyOrigin;
    }

    /** The configured origins, for the start-up log. */
    String describe() {
        return anyOrigin ? "any origin" : origins.isEmpty() ? "none" : String.join(", ",
                origins.stream().map(WebOrigin::toString).toList());
    }
}
