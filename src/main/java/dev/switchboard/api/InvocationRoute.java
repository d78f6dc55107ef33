package dev.switchboard.api;

/**
 * One invocation route: method, a path pattern in the server's syntax ({@code {name}} segments),
 * the surface's error format, and the handler. Handlers throw {@code GatewayException}s; the server
 * renders them with {@code errors} unless the handler has already started answering.
 */
public record InvocationRoute(String method, String path, ErrorFormat errors, Handler handler) {

    /** Handles one exchange on the caller's (virtual) thread. */
    @FunctionalInterface
    public interface Handler {
        void handle(Exchange exchange);
    }
}
