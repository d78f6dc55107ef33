package dev.switchboard.api.proxy;

import dev.switchboard.access.Principal;
import dev.switchboard.provider.Caller;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One call of the raw proxy route as its handler sees it, independent of the HTTP server: the
 * request as it came (method, the raw path after the endpoint, the raw query, every header), its
 * body as a stream still arriving, and one way to answer, streamed.
 */
public interface ProxyExchange {

    String method();

    /** The endpoint named in the path, decoded. */
    String endpoint();

    /** The path after {@code /gateway/proxy/{endpoint}/}, still percent-encoded; may be empty. */
    String rawPath();

    /** The query string without its {@code ?}, still percent-encoded; empty when there is none. */
    String rawQuery();

    /** Every request header, in order, a repeated one once per value. */
    List<Map.Entry<String, String>> headers();

    /**
     * The body as it arrives, when the request has one. A read fails with an {@link java.io.IOException}
     * whose cause is the {@link dev.switchboard.core.GatewayException} to answer with (the body did
     * not arrive in time, or ended before its declared length).
     */
    Optional<InputStream> body();

    /** The body's declared length, or -1 when it is sent chunked (or there is none). */
    long declaredLength();

    Caller caller();

    /** Who is calling, as the server authenticated them. */
    Principal principal();

    /** {@link System#nanoTime()} when the request arrived. */
    long startNanos();

    /**
     * Sends the status and {@code headers} now and returns the stream for the body: with
     * {@code length} as its Content-Length when it is 0 or more, chunked otherwise (for HEAD, the
     * length only describes). Writes that fail because the caller left throw
     * {@link dev.switchboard.api.CallerGoneException}. Close it to end the answer; after a failure
     * mid-body, do not close it but return an outcome that says so, and the connection is cut.
     */
    OutputStream respond(int status, List<Map.Entry<String, String>> headers, long length);
}
