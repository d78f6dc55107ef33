package dev.switchboard.server;

import dev.switchboard.access.AccessControl;
import dev.switchboard.access.GatewayKeys;
import dev.switchboard.access.Principal;
import dev.switchboard.access.Tokens;
import dev.switchboard.core.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a request's {@link Principal}, once, from its credentials, in this order: a gateway key
 * where each SDK sends its API key ({@code Authorization: Bearer}, {@code x-api-key},
 * {@code x-goog-api-key}, and on invocation routes {@code ?key=}), HTTP Basic (what MLflow clients
 * send), then the browser's session cookie. Credentials that are present but wrong are a 401, never
 * a fall-back to the next kind. A write made with the session cookie must carry the session's
 * CSRF token in {@link #CSRF_HEADER}. With authentication off, everyone is {@link Principal#OPEN}.
 *
 * <p>It reads requests through {@link InboundRequest}, so each HTTP server the gateway runs
 * authenticates alike; a server answering a 401 from here sets {@code WWW-Authenticate} to
 * {@link #challenge}.
 */
final class Authenticator {

    static final String SESSION_COOKIE = "switchboard_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String AUTHORIZATION = "Authorization";
    private static final String X_API_KEY = "x-api-key";
    private static final String X_GOOG_API_KEY = "x-goog-api-key";
    private static final String SEC_FETCH_MODE = "Sec-Fetch-Mode";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    static final String MISSING = "Authentication required: send a gateway key (Authorization: Bearer sb-...), "
            + "or a user name and password (HTTP Basic), or sign in";

    /** No authentication: every caller is {@link Principal#OPEN}. */
    static final Authenticator OFF = new Authenticator(null);

    /** Null for {@link #OFF}. */
    private final AccessControl access;

    Authenticator(AccessControl access) {
        this.access = access;
    }

    boolean enabled() {
        return access != null && access.enabled();
    }

    /** How long a browser session lasts. */
    java.time.Duration sessionLifetime() {
        return access.settings().sessionLifetime();
    }

    /** Checks a password and opens a browser session. */
    AccessControl.SignedIn signIn(String username, String password, InboundRequest req) {
        return access.signIn(username, password, req.remoteHost());
    }

    void signOut(AccessControl.SignedIn session) {
        access.signOut(session.sessionId());
    }

    /**
     * The request's principal; a 401 when it has no valid credentials, a 403 for a cookie write
     * without its CSRF token, a 429 after too many wrong passwords. A server answering the 401 sets
     * {@code WWW-Authenticate} to {@link #challenge}.
     *
     * @param queryKey whether {@code ?key=} is read (the invocation routes, for Google's SDKs)
     */
    Principal principal(InboundRequest req, boolean queryKey) {
        if (!enabled()) {
            return Principal.OPEN;
        }
        return fromCredentials(req, queryKey).orElseThrow(() -> new GatewayException.Unauthenticated(MISSING));
    }

    /** The principal the request's credentials name, if it sends any (for routes open to everyone). */
    Optional<Principal> optionalPrincipal(InboundRequest req) {
        return enabled() ? fromCredentials(req, false) : Optional.of(Principal.OPEN);
    }

    /** The signed-in session the request's cookie names, if valid. */
    Optional<AccessControl.SignedIn> session(InboundRequest req) {
        return enabled() ? sessionId(req).flatMap(access::bySession) : Optional.empty();
    }

    /** Reads the credentials in this class's order. */
    private Optional<Principal> fromCredentials(InboundRequest req, boolean queryKey) {
        Optional<String> authorization = authorization(req);
        if (authorization.isPresent()) {
            return Optional.of(fromAuthorization(authorization.get(), req));
        }
        Optional<String> key = keyHeaderOrQuery(req, queryKey);
        if (key.isPresent()) {
            return Optional.of(gatewayKey(key.get().strip()));
        }
        Optional<String> sessionId = sessionId(req);
        if (sessionId.isEmpty()) {
            return Optional.empty();
        }
        AccessControl.SignedIn signedIn = access.bySession(sessionId.get()).orElseThrow(() ->
                new GatewayException.Unauthenticated("Your session has ended: sign in again"));
        if (!SAFE_METHODS.contains(req.method())) {
            Optional<String> token = req.header(CSRF_HEADER);
            if (token.isEmpty() || !Tokens.same(token.get(), signedIn.csrfToken())) {
                throw new GatewayException.Forbidden("A change made with a session cookie must send the session's "
                        + "CSRF token in " + CSRF_HEADER);
            }
        }
        return Optional.of(signedIn.user());
    }

    private static Optional<String> authorization(InboundRequest req) {
        return req.header(AUTHORIZATION).filter(v -> !v.isBlank());
    }

    /** A gateway key sent where an SDK sends its API key, other than {@code Authorization}. */
    private static Optional<String> keyHeaderOrQuery(InboundRequest req, boolean queryKey) {
        return req.header(X_API_KEY).filter(v -> !v.isBlank())
                .or(() -> req.header(X_GOOG_API_KEY).filter(v -> !v.isBlank()))
                .or(() -> queryKey ? req.query("key").filter(v -> !v.isBlank()) : Optional.empty());
    }

    private Principal fromAuthorization(String value, InboundRequest req) {
        String scheme = scheme(value);
        String credentials = value.substring(scheme.length()).strip();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return gatewayKey(credentials);
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new GatewayException.Unauthenticated("Malformed HTTP Basic credentials");
            }
            int colon = pair.indexOf(':');
            if (colon < 0) {
                throw new GatewayException.Unauthenticated("Malformed HTTP Basic credentials");
            }
            return access.byPassword(pair.substring(0, colon), pair.substring(colon + 1), req.remoteHost());
        }
        throw new GatewayException.Unauthenticated("Unsupported Authorization scheme: use Bearer with a gateway key, "
                + "or Basic");
    }

    /** An {@code Authorization} value's scheme: what comes before its first space. */
    private static String scheme(String authorization) {
        int space = authorization.indexOf(' ');
        return space < 0 ? authorization : authorization.substring(0, space);
    }

    private Principal gatewayKey(String key) {
        return access.keys().principal(key).orElseThrow(() -> new GatewayException.Unauthenticated(
                "Not a gateway key: Switchboard's keys start with " + GatewayKeys.PREFIX
                        + " (the provider's own key is never the caller's)"));
    }

    private static Optional<String> sessionId(InboundRequest req) {
        return req.cookie(SESSION_COOKIE).filter(id -> !id.isBlank());
    }

    /**
     * The challenge a 401 carries: Basic for clients that may prompt for a password (curl, MLflow's
     * client, a browser navigating), Bearer for a page's own fetches, so the browser shows no dialog.
     */
    static String challenge(InboundRequest req) {
        boolean pageFetch = req.header(SEC_FETCH_MODE).filter(mode -> !mode.equals("navigate")).isPresent();
        return pageFetch ? "Bearer realm=\"Switchboard\"" : "Basic realm=\"Switchboard\", charset=\"UTF-8\"";
    }
}
