package dev.switchboard.api;

import dev.switchboard.access.Access;
import dev.switchboard.core.ErrorFormat;

/**
 * One invocation route: method, a path pattern in the server's syntax ({@code {name}} segments),
 * what it requires of the caller (checked by the handler once it knows the endpoint), the surface's
 * error format, and the handler. A handler's failure (an {@link Outcome} with one, or
 * a {@code GatewayException} thrown before the endpoint was known) is rendered by the server with
 * {@code errors}, unless the handler has already started answering.
 */
public record InvocationRoute(String method, String path, Access access, ErrorFormat errors, Handler handler) {

    /** Handles one exchange on the caller's (virtual) thread and says what it came to. */
    @FunctionalInterface
    public interface Handler {
        Outcome handle(Exchange exchange);
    }
}
