package dev.switchboard.server;

import dev.switchboard.core.ErrorFormat;
import dev.switchboard.core.GatewayException;
import io.helidon.http.HeaderNames;
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
        format.headers(error).forEach(res::header);
        error.headers().forEach(res::header);
        res.header(HeaderNames.CONTENT_TYPE, format.contentType());
        res.send(format.body(error));
    }
}
