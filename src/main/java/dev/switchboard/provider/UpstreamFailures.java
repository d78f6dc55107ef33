package dev.switchboard.provider;

import dev.switchboard.core.GatewayException;
import dev.switchboard.core.WireFormat;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what went wrong talking to a provider into the gateway's upstream errors: I/O failures
 * ({@link #classify}) and answers with a status other than 2xx ({@link #answered}).
 */
public final class UpstreamFailures {

    private static final int MAX_ERROR_BODY = 1024 * 1024;

    private UpstreamFailures() {
    }

    /**
     * The error a provider's non-2xx answer stands for; closes the answer. This is where an upstream
     * error is made from what the provider sent, so the call's keys are masked here ({@link KeyMask}),
     * in the body and in the message, and no later path (relaying the body, a surface's error shape,
     * a log line) can carry them. The provider's {@code format} reads the message from the (masked)
     * body, and decides which callers may have the body relayed as it came.
     */
    public static GatewayException answered(UpstreamResponse response, Target target, WireFormat format) {
        try (response) {
            int status = response.status();
            if (status >= 300 && status < 400) {
                return redirected(status, response.header("Location"), target);
            }
            KeyMask mask = KeyMask.of(target);
            byte[] body = mask.apply(response.readAll(MAX_ERROR_BODY));
            String message = format.errorMessage(body).map(mask::apply).orElse("HTTP " + status);
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers(name -> format.relaysHeader(name)
                    || GatewayException.Upstream.RETRY_HEADERS.contains(name.toLowerCase(Locale.ROOT)))
                    .forEach((name, value) -> headers.put(name, mask.apply(value)));
            return new GatewayException.Upstream(status, message, format, body, response.contentType(), headers);
        }
    }

    /**
     * A redirect is never followed (it would take the key elsewhere) nor relayed (the caller would
     * get the gateway's own status without the Location): it is a 502 naming the target and only the
     * host it points to. Another target may well work, so it is retryable like any broken target.
     */
    private static GatewayException redirected(int status, Optional<String> location, Target target) {
        String where = location.map(UpstreamFailures::hostOf).orElse(" without a Location");
        return new GatewayException.UpstreamUnavailable(target.label() + ": the provider answered with a redirect (HTTP "
                + status + ")" + where + ", which the gateway does not follow; check the api_base of its API key", null);
    }

    private static String hostOf(String location) {
        try {
            URI uri = new URI(location.trim());
            if (uri.getHost() != null) {
                return " to " + uri.getHost();
            }
            return uri.isAbsolute() ? " to an address without a host" : " to another path on the same host";
        } catch (URISyntaxException e) {
            return " to an address that is not a valid URL";
        }
    }

    /** A provider's answer with the target's keys masked, for relaying it as it came otherwise. */
    public static byte[] maskKeys(byte[] body, Target target) {
        return KeyMask.of(target).apply(body);
    }

    public static GatewayException classify(Throwable failure, String doing) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof GatewayException known) {
                return known;
            }
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                // The JDK's own messages ("Read timed out") add nothing; the client's name the time-out.
                String which = t.getMessage() == null || t.getMessage().endsWith("timed out") ? "" : ": " + t.getMessage();
                return new GatewayException.UpstreamTimeout("Timed out " + doing + which);
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
