package dev.switchboard.server;

import dev.switchboard.access.Principal;
import dev.switchboard.api.CallerGoneException;
import dev.switchboard.api.InvocationApi;
import dev.switchboard.api.InvocationRoute;
import dev.switchboard.api.Outcome;
import dev.switchboard.api.RoutingHeaders;
import dev.switchboard.api.proxy.ProxyHandler;
import dev.switchboard.core.ErrorFormat;
import dev.switchboard.core.GatewayException;
import dev.switchboard.limits.CallLimits;
import dev.switchboard.provider.Caller;
import dev.switchboard.telemetry.CallTrace;
import dev.switchboard.telemetry.Tracing;
import dev.switchboard.usage.UsageRecord;
import dev.switchboard.usage.UsageRecorder;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import java.util.function.Function;

/**
 * One call to an invocation route or the raw proxy, from its arrival to its record: the caller
 * authenticated, the body read under the shared budget (the proxy streams it instead), the
 * hang-up watch, the handler, the failure answered in the route's format, and then the call's
 * usage record and the end of its span. A call that leaves its connection unusable closes it.
 */
final class CallHandler {

    private static final HeaderName VIA = HeaderNames.create("Via");

    private final ConnectionGuard connections;
    private final BodyBudget bodies;
    private final HangUpWatch hangUps;
    private final Hops hops;
    private final Authenticator authenticator;
    private final UsageRecorder usage;
    private final Tracing tracing;
    private final Drain drain;
    private final CallLimits limits;

    CallHandler(ConnectionGuard connections, BodyBudget bodies, HangUpWatch hangUps, Hops hops,
                Authenticator authenticator, UsageRecorder usage, Tracing tracing, Drain drain, CallLimits limits) {
        this.connections = connections;
        this.bodies = bodies;
        this.hangUps = hangUps;
        this.hops = hops;
        this.authenticator = authenticator;
        this.usage = usage;
        this.tracing = tracing;
        this.drain = drain;
        this.limits = limits;
    }

    void invocation(InvocationRoute route, ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        try (CallTrace trace = tracing.call(req.prologue().method().text(), route.path(), header(req))) {
            invocation(route, req, res, start, trace);
        }
    }

    private void invocation(InvocationRoute route, ServerRequest req, ServerResponse res, long start,
                            CallTrace trace) {
        ConnectionGuard.Tracked connection = connections.of(req.remotePeer().address()).orElse(null);
        HelidonExchange exchange = new HelidonExchange(req, res, start, trace);
        RequestBodies.Body body = RequestBodies.Body.NONE;
        HangUpWatch.Watched watched = null;
        Caller caller = null;
        Outcome outcome;
        try {
            exchange.authenticated(HelidonRequests.admit(authenticator, req, res, true));
            caller = drain.enter(hops.caller(req.headers().values(VIA)));
            body = RequestBodies.read(req, InvocationApi.MAX_BODY_BYTES, bodies, connection);
            if (connection != null) {
                watched = hangUps.watch(connection.channel, caller);
            }
            exchange.begin(body.bytes(), caller, watched);
            outcome = route.handler().handle(exchange);
        } catch (CallerGoneException gone) {
            outcome = Outcome.failed("", new GatewayException.CallerGone());
        } catch (RuntimeException e) {
            outcome = Outcome.failed("", ErrorResponses.classify(e));
        } finally {
            if (watched != null) {
                watched.stop();
            }
            body.close();
            if (caller != null) {
                drain.leave(caller);
            }
        }
        boolean unfit = settle(route.path(), outcome, res, route.errors(), exchange.principal(), exchange.answered(),
                exchange.status(), exchange.streamed(), start, exchange.answeredNanos(), trace);
        if (unfit || (watched != null && watched.spoiled())) {
            throw new CloseConnectionException("The connection cannot carry another request");
        }
    }

    /** A request's headers looked up by name, for a caller's trace context. */
    private static Function<String, Optional<String>> header(ServerRequest req) {
        return name -> req.headers().first(HeaderNames.create(name));
    }

    /**
     * What follows a handler's outcome: its failure answered in the route's error format, with the
     * routing headers that name what failed, unless the answer has begun (a caller who left gets
     * nothing), then the call's record. Returns whether the failure leaves the connection unfit for
     * another request (the caller left, or its body timed out).
     * The call's span ends here too, with the record's figures.
     */
    private boolean settle(String path, Outcome outcome, ServerResponse res, ErrorFormat errors, Principal principal,
                           boolean answered, int answeredStatus, boolean streamed, long start, long answeredNanos,
                           CallTrace trace) {
        boolean unfit = false;
        if (outcome.failure().isPresent()) {
            GatewayException failure = outcome.failure().get();
            // A call refused while the gateway drains closes its connection too, so the caller's next
            // call opens one elsewhere.
            unfit = failure instanceof GatewayException.CallerGone || failure instanceof GatewayException.RequestTimeout
                    || failure instanceof GatewayException.ShuttingDown;
            if (!answered && !(failure instanceof GatewayException.CallerGone)) {
                if (failure instanceof GatewayException.ShuttingDown) {
                    res.header(HeaderNames.CONNECTION, "close");
                }
                RoutingHeaders.ofFailure(outcome).forEach(res::header);
                ErrorResponses.send(res, errors, failure);
            }
        }
        UsageRecord record = CallRecords.of(path, outcome, principal, answered ? answeredStatus : outcome.status(),
                streamed, start, answeredNanos, System.nanoTime(), usage.pricer());
        trace.ended(record);
        usage.record(record);
        if (!record.endpointId().isEmpty()) {
            limits.settled(record.endpointId(), principal, record.cost(), record.usage());
        }
        return unfit;
    }

    /**
     * The raw proxy: like {@link #invocation}, but the body is never read whole here. The
     * handler streams it to the provider as it arrives, under the same body time-out.
     */
    void proxy(ProxyHandler handler, ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        try (CallTrace trace = tracing.call(req.prologue().method().text(), ProxyHandler.PATH, header(req))) {
            trace.proxied(req.path().path());
            proxy(handler, req, res, start, trace);
        }
    }

    private void proxy(ProxyHandler handler, ServerRequest req, ServerResponse res, long start,
                       CallTrace trace) {
        ConnectionGuard.Tracked connection = connections.of(req.remotePeer().address()).orElse(null);
        HelidonProxyExchange exchange = null;
        Caller caller = null;
        Outcome outcome;
        try {
            Principal principal = HelidonRequests.admit(authenticator, req, res, true);
            caller = drain.enter(hops.caller(req.headers().values(VIA)));
            exchange = new HelidonProxyExchange(req, res, start, caller, principal, connection, hangUps);
            outcome = handler.handle(exchange);
        } catch (CallerGoneException gone) {
            outcome = Outcome.failed("", new GatewayException.CallerGone());
        } catch (RuntimeException e) {
            outcome = Outcome.failed("", ErrorResponses.classify(e));
        } finally {
            if (exchange != null) {
                exchange.stopWatching();
            }
            if (caller != null) {
                drain.leave(caller);
            }
        }
        boolean answered = exchange != null && exchange.answered();
        // A body the provider did not take whole (a refusal before it was read, say) is still on the
        // wire: the answer says the connection closes, so the caller does not send another on it.
        boolean bodyLeft = outcome.failure().isPresent() && req.content().hasEntity() && !req.content().consumed();
        if (bodyLeft && !answered) {
            res.header(HeaderNames.CONNECTION, "close");
        }
        boolean unfit = settle(ProxyHandler.PATH, outcome, res, handler.errors(),
                exchange == null ? Principal.OPEN : exchange.principal(), answered, answered ? exchange.status() : 0,
                answered && ProxyHandler.streams(exchange.contentType()), start, answered ? exchange.answeredNanos() : 0,
                trace);
        // A cut answer, or a body the provider did not take whole, leaves the connection unusable.
        boolean closeAfter = unfit || outcome.streamFailed() || bodyLeft;
        if (closeAfter) {
            throw new CloseConnectionException("The connection cannot carry another request");
        }
    }
}
