package dev.switchboard.server;

import dev.switchboard.core.GatewayException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Map;
import java.util.Optional;

/**
 * What keeps a web page from driving the gateway through a visitor's browser, checked by a filter
 * before any route runs: bodies must be declared JSON ({@link JsonContentType}). A refused request
 * is answered in the error format of the route it was sent to, and its body is never read.
 * Immutable and thread-safe.
 */
public final class RequestGuard {

    private RequestGuard() {
    }

    /** The guard for a server listening on {@code listenHost}, with the settings in {@code env}. */
    public static RequestGuard fromEnv(String listenHost, Map<String, String> env) {
        return new RequestGuard();
    }

    /** Answers a refused request, or passes it on to the routes. */
    void filter(FilterChain chain, RoutingRequest req, RoutingResponse res, RouteErrorFormats formats) {
        Optional<GatewayException> refusal = refusal(req);
        if (refusal.isPresent()) {
            ErrorResponses.send(res, formats.forPath(req.prologue().uriPath().rawPath()), refusal.get());
            return;
        }
        chain.proceed();
    }

    private Optional<GatewayException> refusal(RoutingRequest req) {
        String method = req.prologue().method().text();
        return JsonContentType.problem(method, hasBody(req), req.headers().first(HeaderNames.CONTENT_TYPE))
                .map(GatewayException.UnsupportedMediaType::new);
    }

    private static boolean hasBody(RoutingRequest req) {
        return req.headers().contentLength().orElse(0) > 0 || req.headers().contains(HeaderNames.TRANSFER_ENCODING);
    }
}
