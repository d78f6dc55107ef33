package dev.switchboard.api;

import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Usage;
import dev.switchboard.routing.Invoker;
import java.util.Optional;

/**
 * What one invocation came to, as its handler returns it: the endpoint the caller named (empty
 * when the request never named one), the target that served it (empty if none did), how many
 * attempts it took and the time they spent upstream, the status, the usage the provider reported,
 * whether a stream failed after it started, and the failure that ended the call before an answer,
 * which the server renders in the route's error format. The server turns it into metrics (and the
 * call record, once usage is stored); nothing else about a call is written anywhere.
 */
public record Outcome(String endpoint, String target, int attempts, int status, long upstreamNanos, Usage usage,
                      boolean streamFailed, Optional<GatewayException> failure) {

    /** The status of a call whose caller hung up before its answer: nginx's "client closed request". */
    public static final int CALLER_GONE = 499;

    /** A call that failed before any answer; the server answers with {@code failure}. */
    public static Outcome failed(String endpoint, GatewayException failure) {
        int status = failure instanceof GatewayException.CallerGone ? CALLER_GONE : failure.status();
        return new Outcome(endpoint, "", 0, status, 0, Usage.NONE, false, Optional.of(failure));
    }

    /** A call a target served, answered 200 with {@code usage}. */
    public static Outcome served(String endpoint, Invoker.Served<?> served, long moreUpstreamNanos, Usage usage,
                                 boolean streamFailed) {
        return new Outcome(endpoint, served.target().label(), served.attempts(), 200,
                served.upstreamNanos() + moreUpstreamNanos, usage, streamFailed, Optional.empty());
    }

    /** A call answered 200 without a target (a listing). */
    public static Outcome answered() {
        return new Outcome("", "", 0, 200, 0, Usage.NONE, false, Optional.empty());
    }
}
