package dev.switchboard.server;

import dev.switchboard.api.ErrorFormat;
import dev.switchboard.core.GatewayException;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP responses. The management API answers MLflow's
 * {@code {"error_code", "message"}}; unexpected exceptions become a generic 500 whose cause is
 * logged (without request bodies) and never sent.
 */
final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    private static final String MALFORMED_REQUEST =
            "The request is not valid HTTP: its request line or a header is malformed";

    private ErrorResponses() {
    }

    static GatewayException classify(Throwable failure) {
        if (failure instanceof GatewayException known) {
            if (known instanceof GatewayException.Internal && known.getCause() != null) {
                LOG.error("Internal error: {}", known.getMessage(), known.getCause());
            }
            return known;
        }
        LOG.error("Unexpected failure while handling a request", failure);
        return new GatewayException.Internal("Internal error; see the gateway log", failure);
    }

    /** Sends an MLflow-shaped error for the management API. */
    static void sendMlflow(ServerResponse res, Throwable failure) {
        send(res, ManagementErrorFormat.INSTANCE, classify(failure));
    }

    /** Sends an error in a surface's own format. */
    static void send(ServerResponse res, ErrorFormat format, Throwable failure) {
        GatewayException error = failure instanceof GatewayException known ? known : classify(failure);
        if (res.isSent()) {
            return;
        }
        res.status(error.status());
        res.header(HeaderNames.CONTENT_TYPE, format.contentType());
        res.send(format.body(error));
    }

    /**
     * Answers a 400 that Helidon raises before routing (a request line or header it cannot parse)
     * in the format of the path's surface, instead of its bare empty 400. The message is fixed: what
     * Helidon saw may hold a key. Other statuses (414 for a request line that is too long, ...) keep
     * Helidon's default answer.
     */
    static DirectHandler badRequests(RouteErrorFormats formats) {
        DirectHandler fallback = DirectHandler.defaultHandler();
        return (request, eventType, status, headers, message) -> {
            if (status.code() != Status.BAD_REQUEST_400.code()) {
                return fallback.handle(request, eventType, status, headers, message);
            }
            ErrorFormat format = formats.forPath(request.path());
            return DirectHandler.TransportResponse.builder()
                    .status(status)
                    .headers(headers)
                    .header(HeaderNames.CONTENT_TYPE, format.contentType())
                    .entity(format.body(new GatewayException.InvalidRequest(MALFORMED_REQUEST)))
                    .keepAlive(false)
                    .build();
        };
    }
}
