package dev.switchboard.api;

import dev.switchboard.access.Access;
import dev.switchboard.core.ErrorFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One invocation route: method, a path pattern in the server's syntax ({@code {name}} segments),
 * what it requires of the caller (checked by the handler once it knows the endpoint), the surface's
 * error format, and the handler. A handler's failure (an {@link Outcome} with one, or
 * a {@code GatewayException} thrown before the endpoint was known) is rendered by the server with
 * {@code errors}, unless the handler has already started answering.
 */
public record InvocationRoute(String method, String path, Access access, ErrorFormat errors, Handler handler) {

    /** Handles one exchange and says what it came to. */
    @FunctionalInterface
    public interface Handler {

        /** Handles the exchange on the calling thread, blocking on whatever it waits for. */
        Outcome handle(Exchange exchange);

        /**
         * Handles the exchange, waiting for nothing when the exchange's {@link Exchange#upstream()}
         * does not block: the stage completes once the outcome is known (on the thread that
         * completed the last wait). By default, {@link #handle} on the calling thread.
         */
        default CompletionStage<Outcome> handleAsync(Exchange exchange) {
            return CompletableFuture.completedFuture(handle(exchange));
        }
    }
}
