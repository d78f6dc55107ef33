package dev.switchboard.server;

import dev.switchboard.core.ErrorFormat;
import dev.switchboard.core.GatewayException;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Answers for requests Helidon refuses before routing (a request line or header it cannot parse, a
 * request line or head too long), in the format of the path's surface when the path was read, and
 * with the caller's unread input drained before the connection closes: closing a socket with input
 * still unread resets it, and the caller, still sending, would never read the answer.
 */
final class EarlyErrors {

    private static final String MALFORMED_REQUEST =
            "The request is not valid HTTP: its request line or a header is malformed, or its headers are over 16 KiB";
    private static final String UNREADABLE_HEAD =
            "The request head could not be read: its headers are over 16 KiB, or malformed";
    /** Set on the connection's thread between the direct handler and the response's first byte. */
    private static final ThreadLocal<Boolean> DRAIN = new ThreadLocal<>();
    private static final int DRAIN_QUIET_MILLIS = 200;
    private static final long DRAIN_MAX_BYTES = 4L * 1024 * 1024;
    private static final long DRAIN_MAX_NANOS = 3_000_000_000L;

    private EarlyErrors() {
    }

    /**
     * The handler of Helidon's "bad request" and pre-routing "internal error" events. The message is fixed: what Helidon saw may hold
     * a key. A request line too long to read leaves no path, so its 414 is in the management API's
     * format.
     */
    static DirectHandler handler(RouteErrorFormats formats) {
        return (request, eventType, status, headers, message) -> {
            // Helidon reports a head it could not parse (headers over its limit among them) as an internal error.
            GatewayException error = switch (status.code()) {
                case 414 -> new GatewayException.UriTooLong(64 * 1024);
                case 413 -> new GatewayException.InvalidRequest("The request is larger than the gateway reads");
                default -> eventType == DirectHandler.EventType.INTERNAL_ERROR
                        ? new GatewayException.InvalidRequest(UNREADABLE_HEAD)
                        : new GatewayException.InvalidRequest(MALFORMED_REQUEST);
            };
            ErrorFormat format = formats.forPath(request.path());
            DRAIN.set(Boolean.TRUE);
            return DirectHandler.TransportResponse.builder()
                    .status(error.status() == 400 ? Status.BAD_REQUEST_400 : status)
                    .headers(headers)
                    .header(HeaderNames.CONTENT_TYPE, format.contentType())
                    .entity(format.body(error))
                    .keepAlive(false)
                    .build();
        };
    }

    /** Drains the caller's input before an early error's answer is written and the connection closed. */
    static final class DrainBeforeClose implements Http1ConnectionListener {
        private final ConnectionGuard connections;

        DrainBeforeClose(ConnectionGuard connections) {
            this.connections = connections;
        }

        @Override
        public void status(ConnectionContext ctx, Status status) {
            if (DRAIN.get() == null) {
                return;
            }
            DRAIN.remove();
            connections.of(ctx.remotePeer().address()).ifPresent(connection -> drain(connection.channel.socket()));
        }

        /** Reads and drops what the caller still sends, until it pauses, ends, or sends too much. */
        private static void drain(Socket socket) {
            byte[] sink = new byte[16 * 1024];
            long drained = 0;
            long giveUp = System.nanoTime() + DRAIN_MAX_NANOS;
            try {
                int timeout = socket.getSoTimeout();
                socket.setSoTimeout(DRAIN_QUIET_MILLIS);
                try {
                    InputStream in = socket.getInputStream();
                    while (drained < DRAIN_MAX_BYTES && System.nanoTime() - giveUp < 0) {
                        int read = in.read(sink);
                        if (read < 0) {
                            break;
                        }
                        drained += read;
                    }
                } finally {
                    socket.setSoTimeout(timeout);
                }
            } catch (SocketTimeoutException e) {
                // the caller stopped sending: it is waiting for the answer
            } catch (IOException | RuntimeException e) {
                // the connection is closing anyway
            }
        }
    }
}
