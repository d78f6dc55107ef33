package dev.switchboard.api;

import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Usage;
import dev.switchboard.provider.Target;
import dev.switchboard.routing.Invoker;
import java.util.Optional;

/**
 * What one invocation came to, as its handler returns it: the endpoint the caller named (empty
 * when the request never named one) and, once found, the endpoint itself; the target that served it
 * (or the last one that failed it), how many attempts it took and the time they spent upstream, the
 * status, the usage the provider reported, whether a stream failed after it started, and the
 * failure that ended the call before an answer, which the server renders in the route's error
 * format. The server turns it into metrics and the call's usage record.
 */
public record Outcome(String endpoint, Optional<EndpointSnapshot> resolved, Optional<Target> target, int attempts,
                      int status, long upstreamNanos, Usage usage, boolean streamFailed,
                      Optional<GatewayException> failure) {

    /** The status of a call whose caller hung up before its answer: nginx's "client closed request". */
    public static final int CALLER_GONE = 499;

    /** A call that failed before it found its endpoint; the server answers with {@code failure}. */
    public static Outcome failed(String endpoint, GatewayException failure) {
        return new Outcome(endpoint, Optional.empty(), Optional.empty(), 0, statusOf(failure), 0, Usage.NONE, false,
                Optional.of(failure));
    }

    /** A call to {@code endpoint} that failed before any answer, after the attempts in {@code trail}. */
    public static Outcome failed(EndpointSnapshot endpoint, Invoker.Trail trail, GatewayException failure) {
        return new Outcome(endpoint.name(), Optional.of(endpoint), trail.last(), trail.attempts(), statusOf(failure),
                trail.upstreamNanos(), Usage.NONE, false, Optional.of(failure));
    }

    /** A call a target served, answered 200 with {@code usage}. */
    public static Outcome served(EndpointSnapshot endpoint, Invoker.Served<?> served, long moreUpstreamNanos,
                                 Usage usage, boolean streamFailed) {
        return new Outcome(endpoint.name(), Optional.of(endpoint), Optional.of(served.target()), served.attempts(),
                200, served.upstreamNanos() + moreUpstreamNanos, usage, streamFailed, Optional.empty());
    }

    /** A call answered 200 without a target (a listing). */
    public static Outcome answered() {
        return new Outcome("", Optional.empty(), Optional.empty(), 0, 200, 0, Usage.NONE, false, Optional.empty());
    }

    private static int statusOf(GatewayException failure) {
        return failure instanceof GatewayException.CallerGone ? CALLER_GONE : failure.status();
    }
}
