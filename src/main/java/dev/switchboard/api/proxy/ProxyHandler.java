package dev.switchboard.api.proxy;

import dev.switchboard.access.Capability;
import dev.switchboard.access.ResourceKind;
import dev.switchboard.api.CallerGoneException;
import dev.switchboard.api.Outcome;
import dev.switchboard.api.RoutingHeaders;
import dev.switchboard.config.ConfigSnapshot;
import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.ErrorFormat;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Usage;
import dev.switchboard.limits.CallLimits;
import dev.switchboard.provider.ProxyTarget;
import dev.switchboard.provider.Transport;
import dev.switchboard.provider.UpstreamFailures;
import dev.switchboard.provider.UpstreamResponse;
import dev.switchboard.provider.http.StreamedRequest;
import dev.switchboard.routing.Dispatcher;
import dev.switchboard.routing.Invoker;
import dev.switchboard.wire.openai.OpenAiErrorFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The raw proxy route, {@code /gateway/proxy/{endpoint}/{path...}}: any method, sent to the first
 * usable target of the endpoint's plan at {@code <provider base URL>/<path>?<query>} with the
 * provider's stored key, the caller's body streamed up and the provider's answer (status, end-to-end
 * headers, body) streamed back byte for byte; nothing in either body is read or changed. A target
 * whose connection fails before any byte of the request was sent lets the next one try; after that
 * nothing can (the body was read once). The provider's error status is relayed like any answer.
 * Failures before an answer are {@code {"error": {"message", "type", ...}}}.
 */
public final class ProxyHandler {

    /** The route's path, in the server's pattern syntax. */
    public static final String PATH = "/gateway/proxy/{endpoint}/{+path}";
    /** Every path under this is the proxy's, for errors raised before routing. */
    public static final String PREFIX = "/gateway/proxy/";
    public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

    private static final int PIECE = 16 * 1024;
    private static final int MAX_ERROR_BODY = 1024 * 1024;
    private static final Set<String> STREAM_TYPES = Set.of("text/event-stream", "application/x-ndjson");

    private final Supplier<ConfigSnapshot> config;
    private final Dispatcher dispatcher;
    private final Transport transport;
    private final CallLimits limits;

    public ProxyHandler(Supplier<ConfigSnapshot> config, Dispatcher dispatcher, Transport transport) {
        this(config, dispatcher, transport, CallLimits.NONE);
    }

    /** The raw proxy, each call checked against {@code limits} before a provider is called. */
    public ProxyHandler(Supplier<ConfigSnapshot> config, Dispatcher dispatcher, Transport transport,
                        CallLimits limits) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.transport = transport;
        this.limits = limits;
    }

    /** The shape of the route's own errors. */
    public ErrorFormat errors() {
        return OpenAiErrorFormat.INSTANCE;
    }

    /** Handles one call on the caller's (virtual) thread and says what it came to. */
    public Outcome handle(ProxyExchange exchange) {
        String name = exchange.endpoint();
        EndpointSnapshot endpoint;
        try {
            endpoint = config.get().endpoint(name).orElseThrow(() -> new GatewayException.NotFound(
                    "Endpoint '" + name + "' is not found: no gateway endpoint has that name"));
        } catch (GatewayException e) {
            return Outcome.failed(name, e);
        }
        Invoker.Trail trail = new Invoker.Trail();
        try {
            exchange.principal().require(ResourceKind.ENDPOINT, endpoint.id(), Capability.USE);
            limits.admit(endpoint.id(), exchange.principal());
            ProxyPath.check(exchange.rawPath());
            Invoker.Served<Attempt> served = dispatcher.run(endpoint, exchange.caller(), trail, call -> {
                ProxyTarget target = dispatcher.provider(call.target()).proxy(call.target());
                // A new request per attempt: an attempt that falls through sent nothing, so the body is untouched.
                StreamedRequest request = new StreamedRequest(exchange.method(),
                        ProxyHeaders.toProvider(exchange.headers(), target.headers()),
                        exchange.body().orElse(null), exchange.declaredLength());
                try {
                    return new Attempt(transport.proxy(ProxyPath.uri(target, exchange.rawPath(), exchange.rawQuery()),
                            request, call.timeouts(), call.caller()), Optional.empty());
                } catch (GatewayException e) {
                    if (e.retryable() && !request.sent()) {
                        throw e;
                    }
                    return new Attempt(null, Optional.of(e));
                }
            });
            if (served.value().failure().isPresent()) {
                GatewayException failure = served.value().failure().get();
                return Outcome.failed(endpoint, trail, failure);
            }
            return relay(exchange, endpoint, served);
        } catch (GatewayException e) {
            return Outcome.failed(endpoint, trail, e);
        }
    }

    /** Streams the provider's answer to the caller as it arrives, flushing whenever the provider pauses. */
    private static Outcome relay(ProxyExchange exchange, EndpointSnapshot endpoint, Invoker.Served<Attempt> served) {
        long relayStart = System.nanoTime();
        boolean failed = false;
        try (UpstreamResponse response = served.value().response()) {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            response.forEachHeader((name, value) -> headers.add(Map.entry(name, value)));
            List<Map.Entry<String, String>> relayed = new ArrayList<>(ProxyHeaders.toCaller(headers));
            RoutingHeaders.of(endpoint.name(), served, exchange.startNanos())
                    .forEach((name, value) -> relayed.add(Map.entry(name, value)));
            if (response.status() >= 400) {
                // An error is small and may quote the key: it goes back whole, with the key masked.
                byte[] body = UpstreamFailures.maskKeys(response.readAll(MAX_ERROR_BODY), served.target());
                try (OutputStream out = exchange.respond(response.status(), relayed,
                        exchange.method().equals("HEAD") ? length(response) : body.length)) {
                    out.write(body);
                }
                return outcome(endpoint, served, relayStart, false);
            }
            OutputStream out = exchange.respond(response.status(), relayed, length(response));
            InputStream in = response.body();
            byte[] piece = new byte[PIECE];
            try {
                for (int n = in.read(piece); n >= 0; n = in.read(piece)) {
                    out.write(piece, 0, n);
                    if (in.available() == 0) {
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // The provider failed mid-answer: the caller's connection is cut, so it sees a truncated body.
                failed = true;
            }
            if (!failed) {
                out.close();
            }
        } catch (CallerGoneException | IOException e) {
            return served(endpoint, served, Outcome.CALLER_GONE, relayStart, false,
                    Optional.of(new GatewayException.CallerGone()));
        } catch (GatewayException e) {
            // The error body could not be read whole: the answer has not started, so it is an error of ours.
            return served(endpoint, served, e.status(), relayStart, false, Optional.of(e));
        }
        return outcome(endpoint, served, relayStart, failed);
    }

    private static Outcome outcome(EndpointSnapshot endpoint, Invoker.Served<Attempt> served, long relayStart,
                                   boolean failed) {
        return served(endpoint, served, served.value().response().status(), relayStart, failed, Optional.empty());
    }

    /** A call a target answered (with {@code status}); the raw proxy reads no usage. */
    private static Outcome served(EndpointSnapshot endpoint, Invoker.Served<Attempt> served, int status,
                                  long relayStart, boolean failed, Optional<GatewayException> failure) {
        return new Outcome(endpoint.name(), Optional.of(endpoint), Optional.of(served.target()), served.attempts(),
                status, served.upstreamNanos() + System.nanoTime() - relayStart, Usage.NONE, failed, failure);
    }

    /** Whether an answer is a stream (server-sent events or NDJSON), as metrics count calls. */
    public static boolean streams(String contentType) {
        int semicolon = contentType.indexOf(';');
        return STREAM_TYPES.contains((semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT));
    }

    private static long length(UpstreamResponse response) {
        try {
            return response.header("Content-Length").map(String::strip).map(Long::parseLong).orElse(-1L);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** An attempt that reached the provider (its answer), or failed where no other target may try. */
    private record Attempt(UpstreamResponse response, Optional<GatewayException> failure) {
    }
}
