package dev.switchboard.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.access.Capability;
import dev.switchboard.access.ResourceKind;
import dev.switchboard.config.ConfigSnapshot;
import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.EmbeddingRequest;
import dev.switchboard.core.EmbeddingResponse;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.TokenEstimate;
import dev.switchboard.core.Usage;
import dev.switchboard.core.WireFormat;
import dev.switchboard.limits.CallLimits;
import dev.switchboard.provider.Call;
import dev.switchboard.provider.Provider;
import dev.switchboard.provider.UpstreamResponse;
import dev.switchboard.routing.Dispatcher;
import dev.switchboard.routing.Invoker;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one invocation handler, the same for every surface: find the endpoint the request names,
 * plan the attempts, and for each attempt pass the caller's body through when the target speaks
 * the caller's format (only the model replaced; the answer or stream relayed as it comes), or
 * translate through the canonical model when it does not; chat, embeddings and token counts alike.
 * It returns the call's {@link Outcome}; a failure before the answer is in the outcome for the
 * server to render in the surface's format.
 */
public final class Invocations {

    private static final int MAX_RESPONSE = 64 * 1024 * 1024;
    /** Embeddings answers can be far larger than chat answers (many inputs, long vectors). */
    private static final int MAX_EMBEDDINGS_RESPONSE = 256 * 1024 * 1024;

    private final Supplier<ConfigSnapshot> config;
    private final Dispatcher dispatcher;
    private final CallLimits limits;

    public Invocations(Supplier<ConfigSnapshot> config, Dispatcher dispatcher, CallLimits limits) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.limits = limits;
    }

    /** The handler of a route of {@code surface}. */
    public InvocationRoute.Handler of(Surface surface) {
        return exchange -> handle(surface, exchange);
    }

    private Outcome handle(Surface surface, Exchange exchange) {
        Lazy<ObjectNode> body = Lazy.of(() -> Bodies.object(exchange.body()));
        String name = surface.endpoint(exchange, body);
        EndpointSnapshot endpoint;
        try {
            endpoint = config.get().endpoint(name).orElseThrow(() -> surface.unknownEndpoint(name));
        } catch (GatewayException e) {
            return Outcome.failed(name, e);
        }
        Invoker.Trail trail = new Invoker.Trail();
        try {
            exchange.principal().require(ResourceKind.ENDPOINT, endpoint.id(), Capability.USE);
            limits.admit(endpoint.id(), exchange.principal());
            Surface.Request request = surface.request(exchange, body.get());
            exchange.asks(request);
            Attempts attempts = new Attempts(surface, exchange, endpoint, request.body(), trail);
            return switch (request) {
                case Surface.Request.Chat chat -> chat.stream() ? attempts.stream() : attempts.chat();
                case Surface.Request.Embed embed -> attempts.embed(embed.embeddings());
                case Surface.Request.CountTokens count -> attempts.countTokens(count.counting());
            };
        } catch (GatewayException e) {
            return Outcome.failed(endpoint, trail, e);
        }
    }

    /** The attempts of one call; the canonical request is decoded only if some target needs it. */
    private final class Attempts {
        private final Surface surface;
        private final WireFormat format;
        private final Exchange exchange;
        private final EndpointSnapshot endpoint;
        private final ObjectNode body;
        private final Invoker.Trail trail;

        Attempts(Surface surface, Exchange exchange, EndpointSnapshot endpoint, ObjectNode body, Invoker.Trail trail) {
            this.surface = surface;
            this.format = surface.format();
            this.exchange = exchange;
            this.endpoint = endpoint;
            this.body = body;
            this.trail = trail;
        }

        Outcome chat() {
            Lazy<ChatRequest> translation = Lazy.of(() -> format.decodeRequest(body, false));
            return answer(dispatcher.run(endpoint, exchange.caller(), trail, call -> {
                Provider provider = dispatcher.provider(call.target());
                if (passesThrough(provider, call) && provider.passesChatThrough()) {
                    ObjectNode sent = format.passThrough(body, call.target().modelName());
                    try (UpstreamResponse response = provider.send(format.chatOperation(false), sent, forwarded(),
                            call)) {
                        byte[] bytes = response.readAll(MAX_RESPONSE);
                        return new Answer(bytes, format.usage(bytes), response.headers(format::relaysHeader));
                    }
                }
                ChatResponse response = provider.chat(translation.get(), call);
                return new Answer(Bodies.write(format.encodeResponse(response, translation.get(), endpoint.name(),
                        call.target().modelName())), response.usage(), Map.of());
            }));
        }

        Outcome stream() {
            Lazy<ChatRequest> translation = Lazy.of(() -> format.decodeRequest(body, true));
            Invoker.Served<Opened> served = dispatcher.run(endpoint, exchange.caller(), trail, call -> {
                Provider provider = dispatcher.provider(call.target());
                if (passesThrough(provider, call) && provider.passesChatThrough()) {
                    ObjectNode sent = format.passThrough(body, call.target().modelName());
                    UpstreamResponse response = provider.send(format.chatOperation(true), sent, forwarded(), call);
                    return new Opened.Relay(StreamRelay.open(response, format.relay(body)),
                            response.headers(format::relaysHeader));
                }
                return new Opened.Translated(dispatcher.openStream(provider, translation.get(), call));
            });
            Map<String, String> headers = RoutingHeaders.of(endpoint.name(), served, exchange.startNanos());
            StreamEnd end = switch (served.value()) {
                case Opened.Relay relay -> relay.relay().to(exchange, with(headers, relay.headers()), surface.errors(),
                        endpoint.name());
                case Opened.Translated translated -> TranslatedStream.write(exchange, headers, translated.stream(),
                        format.streamEncoder(translation.get(), endpoint.name(), served.target().modelName()),
                        surface.errors(), endpoint.name());
            };
            return Outcome.served(endpoint, served, end.upstreamNanos(), end.usage(), end.failed());
        }

        Outcome embed(WireFormat.Embeddings embeddings) {
            Lazy<EmbeddingRequest> translation = Lazy.of(() -> embeddings.decodeRequest(body));
            return answer(dispatcher.run(endpoint, exchange.caller(), trail, call -> {
                Provider provider = dispatcher.provider(call.target());
                if (passesThrough(provider, call)) {
                    ObjectNode sent = embeddings.passThrough(body, call.target().modelName());
                    try (UpstreamResponse response = provider.send(embeddings.operation(), sent, forwarded(), call)) {
                        byte[] bytes = response.readAll(MAX_EMBEDDINGS_RESPONSE);
                        return new Answer(bytes, embeddings.usage(bytes), response.headers(format::relaysHeader));
                    }
                }
                EmbeddingResponse response = provider.embed(translation.get(), call);
                return new Answer(Bodies.write(embeddings.encodeResponse(response, call.target().modelName(),
                        translation.get())), response.usage(), Map.of());
            }));
        }

        /**
         * A count of the request's input tokens: passed through to a target of the caller's format,
         * translated for one whose format counts too (both exact), else the gateway's estimate
         * ({@link TokenEstimate}); the answer's {@code x-switchboard-token-count} header says which.
         * A count uses no tokens, so its usage is none.
         */
        Outcome countTokens(WireFormat.TokenCounting counting) {
            Lazy<ChatRequest> translation = Lazy.of(() -> counting.decodeRequest(body));
            return answer(dispatcher.run(endpoint, exchange.caller(), trail, call -> {
                Provider provider = dispatcher.provider(call.target());
                if (passesThrough(provider, call)) {
                    ObjectNode sent = counting.passThrough(body, call.target().modelName());
                    try (UpstreamResponse response = provider.send(counting.operation(), sent, forwarded(), call)) {
                        byte[] bytes = response.readAll(MAX_RESPONSE);
                        return new Answer(bytes, Usage.NONE, with(RoutingHeaders.tokenCount(true),
                                response.headers(format::relaysHeader)));
                    }
                }
                boolean exact = provider.wireFormat().tokenCounting().isPresent();
                long tokens = exact ? provider.countTokens(translation.get(), call) : TokenEstimate.of(translation.get());
                return new Answer(Bodies.write(counting.encodeCount(tokens)), Usage.NONE,
                        RoutingHeaders.tokenCount(exact));
            }));
        }

        private boolean passesThrough(Provider provider, Call call) {
            return surface.passesThrough() && provider.passesThrough(format, call.target());
        }

        /** The caller's headers a provider of the caller's format needs too. */
        private Map<String, String> forwarded() {
            Map<String, String> forwarded = Map.of();
            for (String name : format.forwardedHeaders()) {
                Optional<String> value = exchange.header(name);
                if (value.isPresent()) {
                    if (forwarded.isEmpty()) {
                        forwarded = new LinkedHashMap<>();
                    }
                    forwarded.put(name, value.get());
                }
            }
            return forwarded;
        }

        private Outcome answer(Invoker.Served<Answer> served) {
            exchange.respond(200, with(RoutingHeaders.of(endpoint.name(), served, exchange.startNanos()),
                    served.value().headers()), "application/json", served.value().body());
            return Outcome.served(endpoint, served, 0, served.value().usage(), false);
        }
    }

    /** The gateway's own headers, then the provider's relayed ones. */
    private static Map<String, String> with(Map<String, String> own, Map<String, String> relayed) {
        if (relayed.isEmpty()) {
            return own;
        }
        Map<String, String> all = new LinkedHashMap<>(own);
        relayed.forEach(all::putIfAbsent);
        return all;
    }

    /**
     * A whole answer for the caller, already in the caller's format, the usage it reported, and the
     * provider's headers relayed with it (on pass-through).
     */
    private record Answer(byte[] body, Usage usage, Map<String, String> headers) {
    }

    /** A streaming attempt that reached its first event: relayed as it comes, or translated. */
    private sealed interface Opened {
        record Relay(StreamRelay relay, Map<String, String> headers) implements Opened {
        }

        record Translated(Dispatcher.OpenStream stream) implements Opened {
        }
    }
}
