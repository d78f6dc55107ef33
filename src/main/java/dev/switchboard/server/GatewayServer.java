package dev.switchboard.server;

import dev.switchboard.access.Access;
import dev.switchboard.access.AccessControl;
import dev.switchboard.access.Capability;
import dev.switchboard.access.Principal;
import dev.switchboard.access.ResourceKind;
import dev.switchboard.admin.AdminRequest;
import dev.switchboard.admin.AdminRoute;
import dev.switchboard.admin.ManagementApi;
import dev.switchboard.api.InvocationApi;
import dev.switchboard.api.InvocationRoute;
import dev.switchboard.api.mlflow.DetailErrorFormat;
import dev.switchboard.api.proxy.ProxyHandler;
import dev.switchboard.core.GatewayException;
import dev.switchboard.limits.CallLimits;
import dev.switchboard.telemetry.Tracing;
import dev.switchboard.usage.UsageRecorder;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the route table of every API, on Helidon's virtual-thread web server. This is
 * the only package that knows the HTTP framework.
 */
public final class GatewayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    private static final HeaderName NOSNIFF_HEADER = HeaderNames.create("X-Content-Type-Options");
    /** Request lines up to this long are read, so a longer one's 414 can still answer in its route's format. */
    private static final int READ_REQUEST_LINE = 64 * 1024;
    private static final int ACCEPT_BACKLOG = 8192;
    private static final long RESTART_FIRST_PAUSE_MILLIS = 50;
    private static final long WATCH_PERIOD_MILLIS = 500;
    private static final long RESTART_MAX_PAUSE_MILLIS = 2000;

    private final String host;
    private final RequestGuard guard;
    private final ServerLimits limits;
    private final ManagementApi management;
    private final InvocationApi invocations;
    private final Optional<ProxyHandler> proxy;
    private final UsageRecorder usage;
    private final Tracing tracing;
    private final RouteErrorFormats errorFormats;
    private final ConnectionGuard connections;
    private final BodyBudget bodies;
    private final HangUpWatch hangUps;
    private final Hops hops;
    private final Authenticator authenticator;
    private final SessionRoutes sessions;
    private final CallHandler calls;
    private final Drain drain;
    private final AtomicReference<WebServer> server = new AtomicReference<>();
    /** Whether this replica cannot reach its database (it serves what it has): {@code /health} says so. */
    private volatile BooleanSupplier degraded = () -> false;
    private final List<MountedRoute> mounting = new ArrayList<>();
    private volatile List<MountedRoute> mounted = List.of();
    private volatile int port;
    private volatile boolean closing;
    private Thread watchdog;

    private GatewayServer(String host, ServerLimits limits, ManagementApi management, InvocationApi invocations,
                          Optional<ProxyHandler> proxy, UsageRecorder usage, Tracing tracing, RequestGuard guard,
                          Optional<AccessControl> access, CallLimits callLimits) {
        this.host = host;
        this.guard = guard;
        this.limits = limits;
        this.management = management;
        this.invocations = invocations;
        this.proxy = proxy;
        this.usage = usage;
        this.tracing = tracing;
        this.errorFormats = new RouteErrorFormats(invocations.routes(),
                proxy.map(p -> Map.of(ProxyHandler.PREFIX, p.errors())).orElse(Map.of()));
        this.connections = new ConnectionGuard(limits);
        this.bodies = new BodyBudget(limits.bodyMemory());
        this.hangUps = new HangUpWatch(limits.hangUpCheckAfter());
        this.hops = Hops.random(limits.maxHops());
        this.authenticator = access.map(Authenticator::new).orElse(Authenticator.OFF);
        this.sessions = new SessionRoutes(authenticator);
        this.drain = new Drain(limits.drainTimeout(), limits.drainDelay());
        this.calls = new CallHandler(connections, bodies, hangUps, hops, authenticator, usage, tracing, drain,
                callLimits);
    }

    /**
     * Starts listening with the default limits and guard, without authentication or the raw proxy
     * route; port 0 picks a free port (see {@link #port()}).
     */
    public static GatewayServer start(String host, int port, ManagementApi management, InvocationApi invocations,
                                      UsageRecorder usage) {
        return start(host, port, ServerLimits.defaults(), management, invocations, Optional.empty(), usage,
                Tracing.OFF, RequestGuard.fromEnv(host, Map.of()), Optional.empty(), CallLimits.NONE);
    }

    /**
     * Starts listening, with the raw proxy route, {@code access} resolving every caller and
     * {@code tracing} making each call's span; port 0 picks a free port (see {@link #port()}).
     */
    public static GatewayServer start(String host, int port, ServerLimits limits, ManagementApi management,
                                      InvocationApi invocations, ProxyHandler proxy, UsageRecorder usage,
                                      Tracing tracing, RequestGuard guard, AccessControl access) {
        return start(host, port, limits, management, invocations, Optional.of(proxy), usage, tracing, guard,
                Optional.of(access), CallLimits.NONE);
    }

    /** As above, each call's cost and usage told to {@code callLimits} once it ended (its budgets). */
    public static GatewayServer start(String host, int port, ServerLimits limits, ManagementApi management,
                                      InvocationApi invocations, ProxyHandler proxy, UsageRecorder usage,
                                      Tracing tracing, RequestGuard guard, AccessControl access, CallLimits callLimits) {
        return start(host, port, limits, management, invocations, Optional.of(proxy), usage, tracing, guard,
                Optional.of(access), callLimits);
    }

    private static GatewayServer start(String host, int port, ServerLimits limits, ManagementApi management,
                                       InvocationApi invocations, Optional<ProxyHandler> proxy,
                                       UsageRecorder usage, Tracing tracing, RequestGuard guard,
                                       Optional<AccessControl> access, CallLimits callLimits) {
        prepareVirtualThreadIo();
        GatewayServer gateway = new GatewayServer(host, limits, management, invocations, proxy, usage, tracing,
                guard, access, callLimits);
        try {
            WebServer started = gateway.listen(port);
            gateway.port = started.port();
            gateway.server.set(started);
        } catch (RuntimeException e) {
            gateway.closeGuards();
            throw e;
        }
        gateway.watchdog = Thread.ofPlatform().daemon().name("switchboard-listener-watch").start(gateway::watchListener);
        return gateway;
    }

    /** Every route the server answers, with what each requires of its caller. */
    public List<MountedRoute> routes() {
        return mounted;
    }

    /** One route as mounted: its method, its full path pattern and what it requires. */
    public record MountedRoute(String method, String path, Access access) {
    }

    /** Mounts a route and records it in {@link #routes()}. */
    private void mount(HttpRouting.Builder routing, String method, String path, Access access, Handler handler) {
        routing.route(Method.create(method), path, handler);
        mounting.add(new MountedRoute(method, path, access));
    }

    private WebServer listen(int onPort) {
        HttpRouting.Builder routing = HttpRouting.builder();
        mounting.clear();
        routing.addFilter(new Doorman());
        routing.addFilter((chain, req, res) -> guard.filter(chain, req, res, errorFormats));
        // A load balancer reads 503 as "send elsewhere" while the gateway drains on its way out.
        mount(routing, "GET", "/health", Access.PUBLIC, (req, res) -> {
            if (drain.draining()) {
                json(res, 503, "{\"status\":\"DRAINING\"}");
            } else if (degraded.getAsBoolean()) {
                // Still 200: the replica serves calls from the configuration it has.
                json(res, 200, "{\"status\":\"DEGRADED\",\"message\":\"The database does not answer: serving the "
                        + "configuration this replica has, and refusing changes, until it does\"}");
            } else {
                json(res, 200, "{\"status\":\"OK\"}");
            }
        });
        mount(routing, "GET", "/metrics", Access.ADMIN, (req, res) -> {
            // The metrics name every endpoint and their traffic: an admin's to read (Prometheus can
            // send an admin's gateway key as a bearer token).
            try {
                HelidonRequests.admit(authenticator, req, res, false).requireAdmin("read the metrics");
            } catch (GatewayException e) {
                ErrorResponses.sendMlflow(res, e);
                return;
            }
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            res.send(usage.metrics().scrape().getBytes(StandardCharsets.UTF_8));
        });
        // Routes are tried in order: invocations, the hot path, before the many management routes.
        mountInvocations(routing);
        mountManagement(routing);
        mountUi(routing, new UiAssets("ui"));
        mounted = List.copyOf(mounting);
        routing.any((req, res) -> ErrorResponses.sendMlflow(res, new GatewayException.RouteNotFound(
                req.path().path())));
        // What escapes a handler (an Error, say) answers in the format of the route that was called.
        routing.error(Throwable.class, (req, res, failure) -> ErrorResponses.send(res,
                errorFormats.forPath(req.prologue().uriPath().rawPath()), failure));
        return WebServer.builder()
                .host(host)
                .port(onPort)
                .shutdownGracePeriod(Duration.ofSeconds(10))
                .connectionOptions(connections.socketOptions(SocketOptions.builder().tcpNoDelay(true).build()))
                // Connections beyond this wait in the kernel's accept queue, so the listener never runs
                // the process out of descriptors (which would end Helidon's accept loop for good).
                .maxTcpConnections(limits.maxConnections())
                // A deep accept queue (the kernel caps it at net.core.somaxconn) holds connections beyond the cap
                // rather than dropping their SYNs, which clients would retry only after a second.
                .backlog(ACCEPT_BACKLOG)
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
                        .maxPrologueLength(READ_REQUEST_LINE)
                        .addSendListener(new EarlyErrors.DrainBeforeClose(connections))
                        .build())
                .directHandlers(DirectHandlers.builder()
                        .addHandler(DirectHandler.EventType.BAD_REQUEST, EarlyErrors.handler(errorFormats))
                        .addHandler(DirectHandler.EventType.INTERNAL_ERROR, EarlyErrors.handler(errorFormats))
                        .build())
                .routing(routing)
                .build()
                .start();
    }

    public int port() {
        return port;
    }

    /** Has {@code /health} report {@code DEGRADED} while {@code degraded} says so. */
    public void reportDegradedWhen(BooleanSupplier degraded) {
        this.degraded = degraded;
    }

    /**
     * Drains ({@link Drain}: {@code /health} says so, new calls are refused, calls in flight finish or
     * are ended), then stops listening.
     */
    @Override
    public void close() {
        drain.run();
        closing = true;
        if (watchdog != null) {
            watchdog.interrupt();
        }
        WebServer current = server.get();
        if (current != null) {
            current.stop();
        }
        closeGuards();
    }

    private void closeGuards() {
        connections.close();
        hangUps.close();
    }

    /**
     * Helidon ends its listener for good when accepting fails (out of file descriptors, say), and its
     * accept thread then waits on itself, so nothing reports it: the process would live on with its
     * port closed. A watchdog connects to the port every half second; when that is refused, a new
     * listener is started on the same port, retrying with a growing pause until it binds. A probe
     * that fails for any other reason (no descriptor for it either) proves nothing and is retried.
     */
    private void watchListener() {
        InetSocketAddress probe = new InetSocketAddress(probeHost(), port);
        long pause = RESTART_FIRST_PAUSE_MILLIS;
        while (!closing) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return;
            }
            if (listening(probe) || closing) {
                pause = WATCH_PERIOD_MILLIS;
                continue;
            }
            LOG.error("The listener on port {} stopped unexpectedly (see the error before); starting a new one", port);
            try {
                WebServer restarted = listen(port);
                server.set(restarted);
                LOG.info("Listening again on port {}", port);
                pause = WATCH_PERIOD_MILLIS;
            } catch (RuntimeException e) {
                pause = Math.min(RESTART_MAX_PAUSE_MILLIS, pause * 2);
                LOG.warn("Could not listen on port {} yet ({}); retrying in {} ms", port, e.getMessage(), pause);
            }
        }
    }

    private static boolean listening(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 1000);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private String probeHost() {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? "127.0.0.1" : host;
    }

    /**
     * Makes the JVM set up what virtual threads wait on sockets with, now: it does so on first use,
     * and if that first use came while the process had no file descriptor left, every later socket
     * wait of every virtual thread would fail for the life of the process.
     */
    private static void prepareVirtualThreadIo() {
        try {
            Pipe pipe = Pipe.open();
            try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
                Thread reader = Thread.ofVirtual().start(() -> {
                    try {
                        source.read(ByteBuffer.allocate(1));
                    } catch (IOException e) {
                        // only the wait mattered
                    }
                });
                Thread.sleep(10);
                sink.write(ByteBuffer.wrap(new byte[] {1}));
                reader.join(5000);
            }
        } catch (IOException e) {
            LOG.warn("Could not prepare virtual-thread I/O at start-up: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Every request passes here first: the connection's deadlines move on (head in, answer out),
     * over-long and malformed targets are refused, and a caller's {@code Connection: close} is honoured.
     */
    private final class Doorman implements Filter {
        @Override
        public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
            ConnectionGuard.Tracked connection = connections.of(req.remotePeer().address()).orElse(null);
            if (connection != null) {
                connection.headArrived(req.content().hasEntity());
            }
            try {
                checkTarget(chain, req, res, errorFormats, limits.maxRequestLine());
            } finally {
                if (connection != null) {
                    connection.answered();
                }
            }
        }
    }

    /** Refuses a malformed path, query string or fragment before any route decodes it. */
    private static void checkTarget(FilterChain chain, RoutingRequest req, RoutingResponse res,
                                    RouteErrorFormats errorFormats, int maxRequestLine) {
        HttpPrologue prologue = req.prologue();
        String rawPath = prologue.uriPath().rawPath();
        if (rawPath.length() + prologue.query().rawValue().length() > maxRequestLine) {
            ErrorResponses.send(res, errorFormats.forPath(rawPath), new GatewayException.UriTooLong(maxRequestLine));
            throw new CloseConnectionException("The request line was too long");
        }
        Optional<String> problem = RequestTarget.problem(rawPath, prologue.query().rawValue(),
                prologue.fragment().hasValue() ? Optional.of(prologue.fragment().rawValue()) : Optional.empty());
        if (problem.isPresent()) {
            ErrorResponses.send(res, errorFormats.forPath(rawPath), new GatewayException.InvalidRequest(problem.get()));
            if (askedToClose(req)) {
                throw new CloseConnectionException("The caller asked to close the connection");
            }
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

    private void mountManagement(HttpRouting.Builder routing) {
        for (String prefix : AdminRoute.Base.GATEWAY.prefixes()) {
            mount(routing, "GET", prefix + SessionRoutes.SESSION, Access.PUBLIC, (req, res) -> handleSession(req, res,
                    () -> sessions.session(req, res)));
            mount(routing, "POST", prefix + SessionRoutes.SIGN_IN, Access.PUBLIC, (req, res) -> handleSession(req, res,
                    () -> {
                try (RequestBodies.Body body = readBody(req)) {
                    sessions.signIn(req, res, body.bytes());
                }
            }));
            mount(routing, "POST", prefix + SessionRoutes.SIGN_OUT, Access.PUBLIC, (req, res) -> handleSession(req, res,
                    () -> sessions.signOut(req, res)));
        }
        Set<String> paths = new LinkedHashSet<>();
        for (AdminRoute route : management.routes()) {
            for (String prefix : route.base().prefixes()) {
                paths.add(prefix + route.path());
                mount(routing, route.method(), prefix + route.path(), route.access(),
                        (req, res) -> handleManagement(route, req, res));
            }
            for (String alias : ManagementApi.ALIASES.getOrDefault(route.path(), List.of())) {
                mount(routing, route.method(), alias, route.access(), (req, res) -> handleManagement(route, req, res));
            }
        }
        for (String path : paths) {
            routing.any(path, (req, res) -> ErrorResponses.sendMlflow(res,
                    new GatewayException.MethodNotAllowed(req.prologue().method().text(), req.path().path())));
        }
    }

    private void mountInvocations(HttpRouting.Builder routing) {
        for (InvocationRoute route : invocations.routes()) {
            mount(routing, route.method(), route.path(), route.access(),
                    (req, res) -> calls.invocation(route, req, res));
        }
        proxy.ifPresent(handler -> {
            routing.route(method -> ProxyHandler.METHODS.contains(method.text()), PathMatchers.create(ProxyHandler.PATH),
                    (req, res) -> calls.proxy(handler, req, res));
            ProxyHandler.METHODS.stream().sorted().forEach(method -> mounting.add(new MountedRoute(method,
                    ProxyHandler.PATH, Access.on(ResourceKind.ENDPOINT, Capability.USE))));
        });
        routing.any("/gateway/*", (req, res) -> ErrorResponses.send(res, DetailErrorFormat.INSTANCE,
                new GatewayException.RouteNotFound(req.path().path())));
    }

    private void mountUi(HttpRouting.Builder routing, UiAssets ui) {
        mount(routing, "GET", "/", Access.PUBLIC, (req, res) -> sendAsset(res, ui.index(), req.path().path()));
        mount(routing, "GET", "/index.html", Access.PUBLIC, (req, res) -> sendAsset(res, ui.index(),
                req.path().path()));
        mount(routing, "GET", "/assets/{name}", Access.PUBLIC, (req, res) -> sendAsset(res,
                ui.asset(req.path().pathParameters().get("name")),
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

    private void handleManagement(AdminRoute route, ServerRequest req, ServerResponse res) {
        handleSession(req, res, () -> {
            Principal principal = HelidonRequests.admit(authenticator, req, res, false);
            try (RequestBodies.Body body = readBody(req)) {
                AdminRoute.Answer answer = route.answer(AdminRequest.of(query(req), body.bytes(), principal));
                res.header(HeaderNames.CONTENT_TYPE, answer.contentType());
                answer.fileName().ifPresent(name -> res.header(HeaderNames.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + name + "\""));
                res.send(answer.body());
            }
        });
    }

    /** Runs a management or session route, answering its failure in MLflow's shape. */
    private static void handleSession(ServerRequest req, ServerResponse res, Runnable route) {
        try {
            route.run();
        } catch (RuntimeException e) {
            ErrorResponses.sendMlflow(res, e);
            if (e instanceof GatewayException.RequestTimeout) {
                throw new CloseConnectionException("The request body did not arrive in time");
            }
        }
    }

    /** A management request's body, read whole under the management API's limit. */
    private RequestBodies.Body readBody(ServerRequest req) {
        ConnectionGuard.Tracked connection = connections.of(req.remotePeer().address()).orElse(null);
        return RequestBodies.read(req, ManagementApi.MAX_BODY_BYTES, bodies, connection);
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
