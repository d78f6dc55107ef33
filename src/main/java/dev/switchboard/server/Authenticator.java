package dev.switchboard.server;

import dev.switchboard.access.AccessControl;
import dev.switchboard.access.GatewayKeys;
import dev.switchboard.access.Principal;
import dev.switchboard.access.Tokens;
import dev.switchboard.core.GatewayException;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
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
 */
final class Authenticator {

    static final String SESSION_COOKIE = "switchboard_session";
    static final HeaderName CSRF_HEADER = HeaderNames.create("X-CSRF-Token");
    private static final HeaderName X_API_KEY = HeaderNames.create("x-api-key");
    private static final HeaderName X_GOOG_API_KEY = HeaderNames.create("x-goog-api-key");
    private static final HeaderName SEC_FETCH_MODE = HeaderNames.create("Sec-Fetch-Mode");
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
    AccessControl.SignedIn signIn(String username, String password, ServerRequest req) {
        return access.signIn(username, password, address(req));
    }

    void signOut(AccessControl.SignedIn session) {
        access.signOut(session.sessionId());
    }

    /**
     * The request's principal; a 401 when it has no valid credentials, a 403 for a cookie write
     * without its CSRF token, a 429 after too many wrong passwords.
     *
     * @param queryKey whether {@code ?key=} is read (the invocation routes, for Google's SDKs)
     */
    Principal principal(ServerRequest req, boolean queryKey) {
        if (!enabled()) {
            return Principal.OPEN;
        }
        return fromCredentials(req, queryKey).orElseThrow(() -> new GatewayException.Unauthenticated(MISSING));
    }

    /**
     * The request's principal, as {@link #principal}; a refusal for want of credentials carries the
     * challenge that tells the client how to authenticate.
     */
    Principal admit(ServerRequest req, ServerResponse res, boolean queryKey) {
        try {
            return principal(req, queryKey);
        } catch (GatewayException.Unauthenticated e) {
            res.header(HeaderNames.WWW_AUTHENTICATE, challenge(req));
            throw e;
        }
    }

    /** The principal the request's credentials name, if it sends any (for routes open to everyone). */
    Optional<Principal> optionalPrincipal(ServerRequest req) {
        return enabled() ? fromCredentials(req, false) : Optional.of(Principal.OPEN);
    }

    /** The signed-in session the request's cookie names, if valid. */
    Optional<AccessControl.SignedIn> session(ServerRequest req) {
        return enabled() ? sessionId(req).flatMap(access::bySession) : Optional.empty();
    }

    private Optional<Principal> fromCredentials(ServerRequest req, boolean queryKey) {
        ServerRequestHeaders headers = req.headers();
        Optional<String> authorization = headers.first(HeaderNames.AUTHORIZATION).filter(v -> !v.isBlank());
        if (authorization.isPresent()) {
            return Optional.of(fromAuthorization(authorization.get(), req));
        }
        Optional<String> key = headers.first(X_API_KEY).filter(v -> !v.isBlank())
                .or(() -> headers.first(X_GOOG_API_KEY).filter(v -> !v.isBlank()))
                .or(() -> queryKey ? req.query().first("key").asOptional().filter(v -> !v.isBlank())
                        : Optional.empty());
        if (key.isPresent()) {
            return Optional.of(gatewayKey(key.get().strip()));
        }
        Optional<String> sessionId = sessionId(req);
        if (sessionId.isEmpty()) {
            return Optional.empty();
        }
        AccessControl.SignedIn signedIn = access.bySession(sessionId.get()).orElseThrow(() ->
                new GatewayException.Unauthenticated("Your session has ended: sign in again"));
        if (!SAFE_METHODS.contains(req.prologue().method().text())) {
            Optional<String> token = headers.first(CSRF_HEADER);
            if (token.isEmpty() || !Tokens.same(token.get(), signedIn.csrfToken())) {
                throw new GatewayException.Forbidden("A change made with a session cookie must send the session's "
                        + "CSRF token in " + CSRF_HEADER.defaultCase());
            }
        }
        return Optional.of(signedIn.user());
    }

    private Principal fromAuthorization(String value, ServerRequest req) {
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        String credentials = space < 0 ? "" : value.substring(space + 1).strip();
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
            return access.byPassword(pair.substring(0, colon), pair.substring(colon + 1), address(req));
        }
        throw new GatewayException.Unauthenticated("Unsupported Authorization scheme: use Bearer with a gateway key, "
                + "or Basic");
    }

    private Principal gatewayKey(String key) {
        return access.keys().principal(key).orElseThrow(() -> new GatewayException.Unauthenticated(
                "Not a gateway key: Switchboard's keys start with " + GatewayKeys.PREFIX
                        + " (the provider's own key is never the caller's)"));
    }

    private static Optional<String> sessionId(ServerRequest req) {
        return req.headers().cookies().first(SESSION_COOKIE).asOptional().filter(id -> !id.isBlank());
    }

    static String address(ServerRequest req) {
        return req.remotePeer().host();
    }

    /**
     * The challenge a 401 carries: Basic for clients that may prompt for a password (curl, MLflow's
     * client, a browser navigating), Bearer for a page's own fetches, so the browser shows no dialog.
     */
    static String challenge(ServerRequest req) {
        boolean pageFetch = req.headers().first(SEC_FETCH_MODE).filter(mode -> !mode.equals("navigate")).isPresent();
        return pageFetch ? "Bearer realm=\"Switchboard\"" : "Basic realm=\"Switchboard\", charset=\"UTF-8\"";
    }
}
