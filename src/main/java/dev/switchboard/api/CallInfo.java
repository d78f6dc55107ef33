package dev.switchboard.api;

import dev.switchboard.core.Usage;
import dev.switchboard.routing.Invoker;

/**
 * What a handler learned about its call, for the server to record when the call ends: the
 * endpoint, the target that served it, the attempts, the time spent upstream, and the tokens the
 * provider reported. One per exchange, used by one thread.
 */
public final class CallInfo {

    private String endpoint = "";
    private String target = "";
    private int attempts;
    private long upstreamNanos;
    private Usage usage = Usage.NONE;
    private boolean streamFailed;
    private boolean stopped;

    /** Records the outcome of routing (called once the target is known). */
    public void served(String endpointName, Invoker.Outcome<?> outcome) {
        endpoint = endpointName;
        target = outcome.target().label();
        attempts = outcome.attempts();
        upstreamNanos = outcome.upstreamNanos();
    }

    public void endpoint(String endpointName) {
        endpoint = endpointName;
    }

    public void usage(Usage reported) {
        usage = reported;
    }

    /** Adds time spent waiting on the provider after the routing outcome (e.g. relaying a stream). */
    public void addUpstreamNanos(long nanos) {
        upstreamNanos += nanos;
    }

    public void streamFailed() {
        streamFailed = true;
    }

    /** Notes that the provider's stream reported its stop reason (it ended properly). */
    public void stopped() {
        stopped = true;
    }

    public boolean sawStop() {
        return stopped;
    }

    public String endpoint() {
        return endpoint;
    }

    public String target() {
        return target;
    }

    public int attempts() {
        return attempts;
    }

    public long upstreamNanos() {
        return upstreamNanos;
    }

    public Usage usage() {
        return usage;
    }

    public boolean isStreamFailed() {
        return streamFailed;
    }
}
