package dev.switchboard.server;

import dev.switchboard.access.Principal;
import dev.switchboard.core.GatewayException;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Authentication on Helidon's requests: the {@link InboundRequest} view, and the 401's challenge set. */
final class HelidonRequests {

    /**
     * Header names as Helidon wants them, made once: creating one for a name Helidon does not know
     * allocates, and these are looked up on every call. The names come from our code, never from
     * requests, so the map stays as small as the set of names we read.
     */
    private static final ConcurrentHashMap<String, HeaderName> HEADER_NAMES = new ConcurrentHashMap<>();

    private HelidonRequests() {
    }

    /** A view of the request that reads it on demand. */
    static InboundRequest of(ServerRequest req) {
        return new View(req);
    }

    /**
     * The request's principal, per {@link Authenticator#principal}; a 401 carries the
     * {@link Authenticator#challenge challenge} that tells the client how to authenticate.
     */
    static Principal admit(Authenticator authenticator, ServerRequest req, ServerResponse res, boolean queryKey) {
        InboundRequest inbound = of(req);
        try {
            return authenticator.principal(inbound, queryKey);
        } catch (GatewayException.Unauthenticated e) {
            res.header(HeaderNames.WWW_AUTHENTICATE, Authenticator.challenge(inbound));
            throw e;
        }
    }

    private static HeaderName headerName(String name) {
        HeaderName made = HEADER_NAMES.get(name);
        return made != null ? made : HEADER_NAMES.computeIfAbsent(name, HeaderNames::create);
    }

    private record View(ServerRequest req) implements InboundRequest {

        @Override
        public String method() {
            return req.prologue().method().text();
        }

        @Override
        public Optional<String> header(String name) {
            return req.headers().first(headerName(name));
        }

        @Override
        public Optional<String> query(String name) {
            return req.query().first(name).asOptional();
        }

        @Override
        public Optional<String> cookie(String name) {
            return req.headers().cookies().first(name).asOptional();
        }

        @Override
        public String remoteHost() {
            return req.remotePeer().host();
        }
    }
}
