package dev.switchboard.provider;

import dev.switchboard.core.GatewayException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * How an attempt's request reaches its provider and its whole answer comes back: on the caller's
 * own thread, blocking ({@link #BLOCKING}, through the provider's {@link Transport}), or on the
 * event loop that serves the caller's connection, where the stage completes later on that loop.
 * The handler that decides what to send is the same for both; the server chooses the transport.
 */
public interface Upstream {

    /**
     * Sends {@code request} for {@code call}; the stage completes with the answer if its status is
     * 2xx, read whole up to {@code limit} bytes, or fails with the {@link GatewayException} the
     * failure stands for (a provider's error status as {@link UpstreamFailures#answered} reads it).
     * A blocking implementation may also throw it.
     */
    CompletionStage<Answer> exchange(Provider provider, UpstreamRequest request, Call call, int limit);

    /** Sends on the calling thread through the provider's own transport, and reads the answer there. */
    Upstream BLOCKING = (provider, request, call, limit) -> {
        try (UpstreamResponse response = provider.send(request, call)) {
            return CompletableFuture.completedFuture(new Answer(response.readAll(limit), response::headers));
        }
    };

    /** A provider's successful answer: its body, and its headers for those a caller relies on. */
    record Answer(byte[] body, Headers headers) {

        /** The headers whose name (in any case) {@code wanted} accepts, as {@link UpstreamResponse#headers} gives them. */
        public Map<String, String> headers(Predicate<String> wanted) {
            return headers.select(wanted);
        }
    }

    /** A response's headers, selected by name as {@link UpstreamResponse#headers} does. */
    @FunctionalInterface
    interface Headers {
        Map<String, String> select(Predicate<String> wanted);
    }
}
