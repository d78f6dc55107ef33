package dev.switchboard.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.access.AccessControl;
import dev.switchboard.access.Principal;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Json;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The web UI's sign-in, under the gateway's management prefixes: {@code auth/session} (who is
 * signed in, and whether authentication is on; never a 401), {@code auth/sign-in} (a password for a
 * session cookie and its CSRF token) and {@code auth/sign-out}. The cookie is HttpOnly,
 * SameSite=Strict, and Secure when the request came over TLS (directly or, per
 * {@code X-Forwarded-Proto}, through a proxy).
 */
final class SessionRoutes {

    static final String SESSION = "auth/session";
    static final String SIGN_IN = "auth/sign-in";
    static final String SIGN_OUT = "auth/sign-out";
    private static final HeaderName FORWARDED_PROTO = HeaderNames.create("X-Forwarded-Proto");
    private static final ObjectMapper JSON = Json.mapper();

    private final Authenticator authenticator;

    SessionRoutes(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** {@code auth/session}: whether authentication is on, and the caller's user and CSRF token if any. */
    void session(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("auth_enabled", authenticator.enabled());
        if (authenticator.enabled()) {
            InboundRequest inbound = HelidonRequests.of(req);
            Optional<AccessControl.SignedIn> signedIn = authenticator.session(inbound);
            if (signedIn.isPresent()) {
                body.put("user", user(signedIn.get().user()));
                body.put("csrf_token", signedIn.get().csrfToken());
            } else {
                Optional<Principal> other;
                try {
                    other = authenticator.optionalPrincipal(inbound);
                } catch (GatewayException e) {
                    other = Optional.empty();
                }
                other.flatMap(Principal::user).ifPresent(user -> body.put("user", user(user)));
            }
        }
        send(res, body);
    }

    /** {@code auth/sign-in}: {@code {"username", "password"}} for a session. */
    void signIn(ServerRequest req, ServerResponse res, byte[] requestBody) {
        if (!authenticator.enabled()) {
            throw new GatewayException.InvalidState("Authentication is off: there is nothing to sign in to");
        }
        JsonNode body;
        try {
            body = JSON.readTree(requestBody);
        } catch (IOException e) {
            throw new GatewayException.InvalidRequest("Malformed JSON in request body");
        }
        String username = text(body, "username");
        String password = text(body, "password");
        AccessControl.SignedIn signedIn = authenticator.signIn(username, password, HelidonRequests.of(req));
        res.header(HeaderNames.SET_COOKIE, cookie(req, signedIn.sessionId(),
                authenticator.sessionLifetime().toSeconds()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("user", user(signedIn.user()));
        answer.put("csrf_token", signedIn.csrfToken());
        send(res, answer);
    }

    /** {@code auth/sign-out}: ends the cookie's session (its CSRF token checked like any cookie write). */
    void signOut(ServerRequest req, ServerResponse res) {
        InboundRequest inbound = HelidonRequests.of(req);
        Optional<AccessControl.SignedIn> signedIn = authenticator.session(inbound);
        if (signedIn.isPresent()) {
            authenticator.principal(inbound, false);
            authenticator.signOut(signedIn.get());
        }
        res.header(HeaderNames.SET_COOKIE, cookie(req, "", 0));
        send(res, Map.of());
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body == null ? null : body.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new GatewayException.InvalidRequest("Missing value for required parameter '" + field + "'");
        }
        return value.asText();
    }

    private static String cookie(ServerRequest req, String value, long maxAgeSeconds) {
        boolean secure = req.isSecure() || req.headers().first(FORWARDED_PROTO)
                .map(proto -> proto.strip().equalsIgnoreCase("https")).orElse(false);
        return Authenticator.SESSION_COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    private static Map<String, Object> user(Principal.User user) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", user.id());
        view.put("username", user.username());
        view.put("is_admin", user.isAdmin());
        return view;
    }

    private static void send(ServerResponse res, Map<String, Object> body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        try {
            res.send(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new GatewayException.Internal("Could not serialise the response", e);
        }
    }
}
