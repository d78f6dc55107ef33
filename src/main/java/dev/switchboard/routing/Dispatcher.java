package dev.switchboard.routing;

import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.ChatRequest;
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
 * Runs a call's attempts against an endpoint through the {@link Invoker}, finding each target's
 * provider in the registry: the handler gives the attempt and chooses, per target, to pass through
 * or translate.
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

    public <T> Invoker.Served<T> run(EndpointSnapshot endpoint, Caller caller, Invoker.Trail trail,
                                     Function<Call, T> attempt) {
        return invoker.run(endpoint, caller, trail, attempt);
    }

    /**
     * One streaming attempt: starts the stream and reads until its first events, so that a target
     * that fails before then is treated like any failed attempt, and the caller never sees a stream
     * that fell over early.
     */
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
