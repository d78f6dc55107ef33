package dev.switchboard.api;

import dev.switchboard.access.Principal;
import dev.switchboard.provider.Caller;
import java.util.Map;
import java.util.Optional;

/**
 * One invocation as a surface handler sees it, independent of the HTTP server: the request body and
 * path parameters, and two ways to answer — a whole response, or a stream of server-sent events.
 */
public interface Exchange {

    /** The request body, already limited in size by the server. */
    byte[] body();

    Optional<String> pathParam(String name);

    Optional<String> header(String name);

    /** The first value of a query parameter. */
    Optional<String> query(String name);

    /** The caller, as provider calls made for it see it: its {@code Via} chain and whether it hung up. */
    Caller caller();

    /** Who is calling, as the server authenticated them. */
    Principal principal();

    /** Told what the call asks for once its body was read (a chat, embeddings, a token count), for its trace. */
    default void asks(Surface.Request request) {
    }

    /** {@link System#nanoTime()} when the request arrived, for the overhead header. */
    long startNanos();

    void respond(int status, Map<String, String> headers, String contentType, byte[] body);

    /**
     * Sends status 200 with {@code text/event-stream} and the headers now, and returns the sink for
     * the events. Once this is called, failures must be reported as events, not as a status.
     */
    EventSink openStream(Map<String, String> headers);
}
