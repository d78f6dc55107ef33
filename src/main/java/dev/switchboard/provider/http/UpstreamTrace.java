package dev.switchboard.provider.http;

import java.util.List;
import java.util.Map;

/**
 * Joins each request to a provider to the trace of the attempt making it. The client calls it on
 * the attempt's own thread, as the request is about to be written and once its answer's head
 * arrived. {@link #NONE}, used while tracing is off, adds nothing and costs nothing.
 */
public interface UpstreamTrace {

    /** Traces nothing. */
    UpstreamTrace NONE = new UpstreamTrace() {
        @Override
        public List<Map.Entry<String, String>> headers(String host, int port) {
            return List.of();
        }

        @Override
        public void answered(int status) {
        }
    };

    /** The header names that carry a trace: a caller's own are not sent when the gateway adds its. */
    List<String> NAMES = List.of("traceparent", "tracestate");

    /**
     * The headers that carry the current trace to {@code host:port} (W3C {@code traceparent} and
     * {@code tracestate}); none when no trace is current.
     */
    List<Map.Entry<String, String>> headers(String host, int port);

    /** The provider answered with {@code status}. */
    void answered(int status);

    /** Whether {@code name} is one of {@link #NAMES} and {@code trace} has headers to replace it with. */
    static boolean replaced(String name, List<Map.Entry<String, String>> trace) {
        if (trace.isEmpty()) {
            return false;
        }
        for (String traceName : NAMES) {
            if (traceName.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
