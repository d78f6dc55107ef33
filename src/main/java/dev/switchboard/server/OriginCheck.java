package dev.switchboard.server;

import java.util.Optional;
import java.util.Set;

/**
 * A request that changes something (POST, PUT, PATCH, DELETE) and carries an {@code Origin}
 * header comes from a web page; it is accepted only from the gateway's own pages (the origin's
 * host and port are those of the {@code Host} header) and from the origins of {@link CorsPolicy}.
 * Browsers send Origin with every such request; SDKs, scripts and curl send none and pass.
 */
final class OriginCheck {

    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private OriginCheck() {
    }

    /** Why the request is refused, or empty when it may proceed. */
    static Optional<String> refusal(String method, Optional<String> origin, Optional<String> host, CorsPolicy cors) {
        if (!CHANGING.contains(method) || origin.isEmpty()) {
            return Optional.empty();
        }
        boolean own = host.isPresent() && WebOrigin.parse(origin.get()).map(o -> o.sameHostAs(host.get())).orElse(false);
        if (own || cors.allows(origin.get())) {
            return Optional.empty();
        }
        return Optional.of("A web page of origin '" + JsonContentType.printable(origin.get()) + "' may not call "
                + method + " here: it is not the gateway's own origin and not in " + CorsPolicy.ENV
                + " (comma-separated origins such as https://app.example.com)");
    }
}
