package dev.switchboard.telemetry;

import dev.switchboard.provider.http.UpstreamTrace;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends the current attempt's context to the provider as W3C {@code traceparent} and
 * {@code tracestate}, so the provider's own traces join the gateway's, and notes on the attempt's
 * span where it went and what came back. Only W3C trace context crosses: baggage the caller sent is
 * not handed on to a third party.
 */
final class TraceHeaders implements UpstreamTrace {

    @Override
    public List<Map.Entry<String, String>> headers(String host, int port) {
        Context context = Context.current();
        Span attempt = context.get(AttemptSpans.KEY);
        if (attempt == null) {
            // Not an attempt (a catalog's model listing, say): no trace to join.
            return List.of();
        }
        attempt.setAttribute(SpanAttributes.SERVER_ADDRESS, host);
        attempt.setAttribute(SpanAttributes.SERVER_PORT, (long) port);
        List<Map.Entry<String, String>> headers = new ArrayList<>(2);
        W3CTraceContextPropagator.getInstance().inject(context, headers,
                (carrier, name, value) -> carrier.add(Map.entry(name, value)));
        return headers;
    }

    /** As the HTTP conventions have it for a client, a 4xx or 5xx answer makes the attempt an error. */
    @Override
    public void answered(int status) {
        Span attempt = Context.current().get(AttemptSpans.KEY);
        if (attempt == null) {
            return;
        }
        attempt.setAttribute(SpanAttributes.HTTP_STATUS, (long) status);
        if (status >= 400) {
            // The attempt's failure, if routing sees one, names its class over this.
            attempt.setAttribute(SpanAttributes.ERROR_TYPE, Integer.toString(status));
            attempt.setStatus(StatusCode.ERROR);
        }
    }
}
