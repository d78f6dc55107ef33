package dev.switchboard.routing;

import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.EmbeddingRequest;
import dev.switchboard.core.EmbeddingResponse;
import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.Call;
import dev.switchboard.provider.Caller;
import dev.switchboard.provider.ChatStream;
import dev.switchboard.provider.Provider;
import dev.switchboard.provider.ProviderRegistry;
import dev.switchboard.provider.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs canonical requests against an endpoint through the {@link Invoker}, finding each target's
 * provider in the registry. Surfaces that can pass requests through use {@link #run} with their
 * own attempt and {@link #provider} to choose per target.
 */
public final class Dispatcher {

    private final ProviderRegistry providers;
    private final Invoker invoker;

    public Dispatcher(ProviderRegistry providers, Invoker invoker) {
        this.providers = providers;
        this.invoker = invoker;
    }

    /** The provider of a target; a provider the gateway cannot call makes the target unusable. */
    public Provider provider(Target target) {
        return providers.require(target);
    }

    public <T> Invoker.Outcome<T> run(EndpointSnapshot endpoint, Caller caller, Function<Call, T> attempt) {
        return invoker.run(endpoint, caller, attempt);
    }

    public Invoker.Outcome<ChatResponse> chat(EndpointSnapshot endpoint, Caller caller, ChatRequest request) {
        return invoker.run(endpoint, caller, call -> provider(call.target()).chat(request, call));
    }

    public Invoker.Outcome<EmbeddingResponse> embed(EndpointSnapshot endpoint, Caller caller,
                                                    EmbeddingRequest request) {
        return invoker.run(endpoint, caller, call -> provider(call.target()).embed(request, call));
    }

    /**
     * Opens a stream on the first target that delivers its first events; a target that fails before
     * then is treated like any failed attempt, so the caller never sees a stream that fell over early.
     */
    public Invoker.Outcome<OpenStream> chatStream(EndpointSnapshot endpoint, Caller caller, ChatRequest request) {
        return invoker.run(endpoint, caller, call -> openStream(provider(call.target()), request, call));
    }

    /** One attempt of {@link #chatStream}: starts the stream and reads until its first events. */
    public OpenStream openStream(Provider provider, ChatRequest request, Call call) {
        ChatStream stream = provider.chatStream(request, call);
        try {
            List<ChatEvent> first = new ArrayList<>();
            while (first.isEmpty()) {
                Optional<List<ChatEvent>> next = stream.next();
                if (next.isEmpty()) {
                    throw new GatewayException.UpstreamUnavailable(
                            "The provider ended the stream before sending anything", null);
                }
                first.addAll(next.get());
            }
            return new OpenStream(stream, first);
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /** A stream that has produced its first events ({@code first}), with the rest still to read. */
    public record OpenStream(ChatStream rest, List<ChatEvent> first) {
        public OpenStream {
            first = List.copyOf(first);
        }
    }
}
