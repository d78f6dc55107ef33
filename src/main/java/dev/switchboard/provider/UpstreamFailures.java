package dev.switchboard.provider;

import dev.switchboard.core.GatewayException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

/** Turns I/O failures talking to a provider into the gateway's retryable upstream errors. */
public final class UpstreamFailures {

    private UpstreamFailures() {
    }

    public static GatewayException classify(Throwable failure, String doing) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof GatewayException known) {
                return known;
            }
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                return new GatewayException.UpstreamTimeout("Timed out " + doing);
            }
            if (t instanceof ConnectException) {
                return new GatewayException.UpstreamUnavailable("Connection refused", failure);
            }
            if (t instanceof UnknownHostException) {
                return new GatewayException.UpstreamUnavailable("Unknown host " + t.getMessage(), failure);
            }
            if (t instanceof NoRouteToHostException) {
                return new GatewayException.UpstreamUnavailable("No route to host", failure);
            }
        }
        String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new GatewayException.UpstreamUnavailable("Connection failed while " + doing + ": " + detail, failure);
    }
}
