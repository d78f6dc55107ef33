package dev.switchboard.server;

import dev.switchboard.api.proxy.ProxyHandler;
import dev.switchboard.core.GatewayException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Map;
import java.util.Optional;

/**
 * What keeps a web page from driving the gateway through a visitor's browser, checked by a filter
 * before any route runs, in this order: the Host must be a name the gateway answers to
 * ({@link HostPolicy}; not checked for {@code /health}, whose fixed answer tells a page nothing and
 * whose callers, load balancers and container probes, name the gateway by whatever address they
 * dial); a CORS preflight is answered here when origins are configured ({@link CorsPolicy}); a
 * change sent by a web page must come from the gateway's own origin or a configured one
 * ({@link OriginCheck}); and bodies must be declared JSON ({@link JsonContentType}). A refused
 * request is answered in the error format of the route it was sent to, and its body is never read.
 * Thread-safe: one guard serves every request.
 */
public final class RequestGuard {

    private static final String HEALTH = "/health";

    private final HostPolicy hosts;
    private final CorsPolicy cors;

    private RequestGuard(HostPolicy hosts, CorsPolicy cors) {
        this.hosts = hosts;
        this.cors = cors;
    }

    /**
     * The guard for a server listening on {@code listenHost}, with the settings in {@code env}.
     *
     * @throws IllegalArgumentException if a setting cannot be read; the message names it
     */
    public static RequestGuard fromEnv(String listenHost, Map<String, String> env) {
        return new RequestGuard(HostPolicy.fromEnv(listenHost, env), CorsPolicy.fromEnv(env));
    }

    /** Whether a server listening on {@code listenHost} is reachable from this machine only. */
    public static boolean loopbackOnly(String listenHost) {
        return HostPolicy.isLoopback(listenHost);
    }

    /** What the guard allows, for the start-up log. */
    public String describe() {
        return "answering to Host " + hosts.describe() + "; other web origins allowed: " + cors.describe();
    }

    /** Answers a refused request or a preflight, or passes the request on to the routes. */
    void filter(FilterChain chain, RoutingRequest req, RoutingResponse res, RouteErrorFormats formats) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        boolean corsAllowed = cors.configured() && origin.isPresent() && cors.allows(origin.get());
        if (cors.configured()) {
            res.header(HeaderNames.VARY, "Origin");
        }
        if (corsAllowed) {
            cors.responseHeaders(origin.get()).forEach(res::header);
        }
        Optional<GatewayException> refusal = refusal(req, origin);
        if (refusal.isEmpty() && cors.configured() && isPreflight(req)) {
            if (corsAllowed) {
                answerPreflight(req, res, origin.get());
                return;
            }
            refusal = Optional.of(new GatewayException.Forbidden("A web page of origin '"
                    + JsonContentType.printable(origin.orElse("")) + "' may not call this gateway: it is not in "
                    + CorsPolicy.ENV));
        }
        if (refusal.isPresent()) {
            ErrorResponses.send(res, formats.forPath(req.prologue().uriPath().rawPath()), refusal.get());
            return;
        }
        chain.proceed();
    }

    private Optional<GatewayException> refusal(RoutingRequest req, Optional<String> origin) {
        return refusal(req.path().path(), req.prologue().method().text(), req.headers().first(HeaderNames.HOST), origin,
                hasBody(req), req.headers().first(HeaderNames.CONTENT_TYPE));
    }

    /**
     * Why a request is refused before any route sees it, if it is: a {@code Host} this gateway does
     * not answer to, a web page of a foreign origin, or a body that is not JSON where JSON is read.
     * Pure work on what the request's head says, for either server.
     */
    Optional<GatewayException> refusal(String path, String method, Optional<String> host, Optional<String> origin,
                                       boolean hasBody, Optional<String> contentType) {
        if (!path.equals(HEALTH)) {
            Optional<String> misdirected = hosts.refusal(host);
            if (misdirected.isPresent()) {
                return misdirected.map(GatewayException.MisdirectedRequest::new);
            }
        }
        Optional<String> foreign = OriginCheck.refusal(method, origin, host, cors);
        if (foreign.isPresent()) {
            return foreign.map(GatewayException.Forbidden::new);
        }
        if (path.startsWith(ProxyHandler.PREFIX)) {
            // The raw proxy carries the provider's own media (file uploads as multipart forms); a web
            // page of a foreign origin is still refused above, since browsers send Origin with such posts.
            return Optional.empty();
        }
        return JsonContentType.problem(method, hasBody, contentType).map(GatewayException.UnsupportedMediaType::new);
    }

    private static boolean isPreflight(RoutingRequest req) {
        return req.prologue().method().text().equals("OPTIONS") && req.headers().contains(HeaderNames.ORIGIN)
                && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    }

    private void answerPreflight(RoutingRequest req, RoutingResponse res, String origin) {
        boolean privateNetwork = req.headers().first(HeaderNames.create("Access-Control-Request-Private-Network"))
                .map("true"::equalsIgnoreCase).orElse(false);
        cors.preflightHeaders(origin, req.headers().first(HeaderNames.ACCESS_CONTROL_REQUEST_HEADERS), privateNetwork)
                .forEach(res::header);
        res.header(HeaderNames.VARY, "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        res.status(Status.NO_CONTENT_204);
        res.send();
    }

    private static boolean hasBody(RoutingRequest req) {
        return req.headers().contentLength().orElse(0) > 0 || req.headers().contains(HeaderNames.TRANSFER_ENCODING);
    }
}
