package dev.switchboard.server;

import dev.switchboard.admin.AdminRequest;
import dev.switchboard.admin.AdminRoute;
import dev.switchboard.admin.ManagementApi;
import dev.switchboard.api.CallInfo;
import dev.switchboard.api.InvocationApi;
import dev.switchboard.api.InvocationRoute;
import dev.switchboard.api.mlflow.DetailErrorFormat;
import dev.switchboard.core.GatewayException;
import dev.switchboard.usage.CallRecord;
import dev.switchboard.usage.GatewayMetrics;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The HTTP server: the route table of every API, on Helidon's virtual-thread web server. This is
 * the only package that knows the HTTP framework.
 */
public final class GatewayServer implements AutoCloseable {

    private static final HeaderName NOSNIFF_HEADER = HeaderNames.create("X-Content-Type-Options");

    private final WebServer server;

    private GatewayServer(WebServer server) {
        this.server = server;
    }

    /** Starts listening; port 0 picks a free port (see {@link #port()}). */
    public static GatewayServer start(String host, int port, ManagementApi management, InvocationApi invocations,
                                      GatewayMetrics metrics, RequestGuard guard) {
        RouteErrorFormats errorFormats = new RouteErrorFormats(invocations.routes());
        HttpRouting.Builder routing = HttpRouting.builder();
        routing.addFilter((chain, req, res) -> checkTarget(chain, req, res, errorFormats));
        routing.addFilter((chain, req, res) -> guard.filter(chain, req, res, errorFormats));
        routing.get("/health", (req, res) -> json(res, 200, "{\"status\":\"OK\"}"));
        routing.get("/metrics", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            res.send(metrics.scrape().getBytes(StandardCharsets.UTF_8));
        });
        // Routes are tried in order: invocations, the hot path, before the many management routes.
        mountInvocations(routing, invocations, metrics);
        mountManagement(routing, management);
        mountUi(routing, new UiAssets("ui"));
        routing.any((req, res) -> ErrorResponses.sendMlflow(res, new GatewayException.RouteNotFound(
                req.path().path())));
        routing.error(Throwable.class, (req, res, failure) -> ErrorResponses.sendMlflow(res, failure));
        WebServer server = WebServer.builder()
                .host(host)
                .port(port)
                .shutdownGracePeriod(Duration.ofSeconds(10))
                .connectionOptions(options -> options.tcpNoDelay(true))
                // Blocking sockets: NIO channels hold two 8 KB buffers per connection, blocking
                // sockets one, and each open stream is a connection.
                .useNio(false)
                // Every response header is the gateway's own, and values from configuration are
                // made header-safe where they are set (RoutingHeaders); checking each again on
                // every response was ~4% of a pass-through call's samples in a JFR profile.
                .addProtocol(Http1Config.builder().validateResponseHeaders(false)
                        // Helidon would refuse a malformed path or query before routing with a bare
                        // 400; checkTarget applies the same rules and answers in the caller's format.
                        .validatePath(false)
                        .validatePrologue(false)
                        .build())
                .directHandlers(DirectHandlers.builder()
                        .addHandler(DirectHandler.EventType.BAD_REQUEST, ErrorResponses.badRequests(errorFormats))
                        .build())
                .routing(routing)
                .build()
                .start();
        return new GatewayServer(server);
    }

    public int port() {
        return server.port();
    }

    /** Stops accepting connections and lets requests in flight finish (up to a grace period). */
    @Override
    public void close() {
        server.stop();
    }

    /** Refuses a malformed path, query string or fragment before any route decodes it. */
    private static void checkTarget(FilterChain chain, RoutingRequest req, RoutingResponse res,
                                    RouteErrorFormats errorFormats) {
        HttpPrologue prologue = req.prologue();
        String rawPath = prologue.uriPath().rawPath();
        Optional<String> problem = RequestTarget.problem(rawPath, prologue.query().rawValue(),
                prologue.fragment().hasValue() ? Optional.of(prologue.fragment().rawValue()) : Optional.empty());
        if (problem.isPresent()) {
            ErrorResponses.send(res, errorFormats.forPath(rawPath), new GatewayException.InvalidRequest(problem.get()));
            return;
        }
        chain.proceed();
        if (askedToClose(req)) {
            // Helidon answers "Connection: close" but keeps the socket open; this closes it once
            // the response is out (the exception is Helidon's way to end a connection).
            throw new CloseConnectionException("The caller asked to close the connection");
        }
    }

    private static boolean askedToClose(RoutingRequest req) {
        return req.headers().contains(HeaderNames.CONNECTION)
                && req.headers().get(HeaderNames.CONNECTION).allValues(true).stream()
                .anyMatch(value -> value.equalsIgnoreCase("close"));
    }

    private static void mountManagement(HttpRouting.Builder routing, ManagementApi management) {
        for (String prefix : ManagementApi.PREFIXES) {
            Set<String> paths = new LinkedHashSet<>();
            for (AdminRoute route : management.routes()) {
                paths.add(route.path());
                routing.route(Method.create(route.method()), prefix + route.path(),
                        (req, res) -> handleManagement(route, req, res));
            }
            for (AdminRoute route : management.routes()) {
                for (String alias : ManagementApi.ALIASES.getOrDefault(route.path(), List.of())) {
                    if (prefix.equals(ManagementApi.PREFIXES.getFirst())) {
                        routing.route(Method.create(route.method()), alias,
                                (req, res) -> handleManagement(route, req, res));
                    }
                }
            }
            for (String path : paths) {
                routing.any(prefix + path, (req, res) -> ErrorResponses.sendMlflow(res,
                        new GatewayException.MethodNotAllowed(req.prologue().method().text(), req.path().path())));
            }
        }
    }

    private static void mountInvocations(HttpRouting.Builder routing, InvocationApi invocations,
                                         GatewayMetrics metrics) {
        for (InvocationRoute route : invocations.routes()) {
            routing.route(Method.create(route.method()), route.path(),
                    (req, res) -> handleInvocation(route, req, res, metrics));
        }
        routing.any("/gateway/*", (req, res) -> ErrorResponses.send(res, DetailErrorFormat.INSTANCE,
                new GatewayException.RouteNotFound(req.path().path())));
    }

    private static void mountUi(HttpRouting.Builder routing, UiAssets ui) {
        routing.get("/", (req, res) -> sendAsset(res, ui.index(), req.path().path()));
        routing.get("/index.html", (req, res) -> sendAsset(res, ui.index(), req.path().path()));
        routing.get("/assets/{name}", (req, res) -> sendAsset(res, ui.asset(req.path().pathParameters().get("name")),
                req.path().path()));
    }

    private static void sendAsset(ServerResponse res, Optional<UiAssets.Asset> asset, String path) {
        if (asset.isEmpty()) {
            ErrorResponses.sendMlflow(res, new GatewayException.RouteNotFound(path));
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, asset.get().contentType());
        res.header(HeaderNames.CACHE_CONTROL, asset.get().cacheControl());
        res.header(NOSNIFF_HEADER, "nosniff");
        res.send(asset.get().bytes());
    }

    private static void handleInvocation(InvocationRoute route, ServerRequest req, ServerResponse res,
                                         GatewayMetrics metrics) {
        long start = System.nanoTime();
        HelidonExchange exchange = new HelidonExchange(req, res, start);
        int status;
        try {
            exchange.readBody(InvocationApi.MAX_BODY_BYTES);
            route.handler().handle(exchange);
            status = exchange.status();
        } catch (RuntimeException e) {
            GatewayException error = ErrorResponses.classify(e);
            if (!exchange.answered()) {
                ErrorResponses.send(res, route.errors(), error);
            }
            status = exchange.answered() ? exchange.status() : error.status();
        }
        CallInfo info = exchange.info();
        long duration = System.nanoTime() - start;
        metrics.record(new CallRecord(route.path(), info.endpoint(), info.target(), status, exchange.streamed(),
                info.isStreamFailed(), info.attempts(), duration, Math.max(0, duration - info.upstreamNanos()),
                info.usage()));
    }

    private static void handleManagement(AdminRoute route, ServerRequest req, ServerResponse res) {
        try {
            byte[] body = RequestBodies.read(req, ManagementApi.MAX_BODY_BYTES);
            byte[] response = route.invoke(AdminRequest.of(query(req), body));
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(response);
        } catch (RuntimeException e) {
            ErrorResponses.sendMlflow(res, e);
        }
    }

    private static Map<String, List<String>> query(ServerRequest req) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String name : req.query().names()) {
            query.put(name, req.query().all(name));
        }
        return query;
    }

    private static void json(ServerResponse res, int status, String body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body.getBytes(StandardCharsets.UTF_8));
    }
}
