package dev.switchboard.routing;

import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.RetryPolicy;
import dev.switchboard.provider.Call;
import dev.switchboard.provider.Caller;
import dev.switchboard.provider.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a request's plan: tries each target until one succeeds or one fails in a way another target
 * cannot fix (a non-retryable error, such as the provider's 400, goes straight back to the caller).
 * An attempt "succeeds" once it has reached the point of no return, e.g. a stream's first event.
 */
public final class Invoker {

    private static final Logger LOG = LoggerFactory.getLogger(Invoker.class);

    private final Supplier<RandomGenerator> random;
    private final AttemptObserver observer;
    private final Pause pause;
    private final Cooldowns cooldowns;

    public Invoker(Supplier<RandomGenerator> random) {
        this(random, AttemptObserver.NONE);
    }

    /** An invoker that tells {@code observer} of every attempt (metrics, traces). */
    public Invoker(Supplier<RandomGenerator> random, AttemptObserver observer) {
        this(random, observer, Pause.SLEEP);
    }

    /** An invoker that waits before a retry with {@code pause} (tests pass one that only notes the wait). */
    public Invoker(Supplier<RandomGenerator> random, AttemptObserver observer, Pause pause) {
        this(random, observer, pause, new Cooldowns(Cooldowns.Settings.OFF, Cooldowns.Listener.NONE));
    }

    /**
     * An invoker whose plans leave out the targets {@code cooldowns} says cool down, and that tells
     * it of every attempt.
     */
    public Invoker(Supplier<RandomGenerator> random, AttemptObserver observer, Pause pause, Cooldowns cooldowns) {
        this.random = random;
        this.observer = AttemptObserver.both(observer, cooldowns);
        this.pause = pause;
        this.cooldowns = cooldowns;
    }

    /** How the invoker waits before trying a target again. */
    @FunctionalInterface
    public interface Pause {

        /** Sleeps on the call's (virtual) thread, waking early if the caller hangs up or the call is ended. */
        Pause SLEEP = (delay, caller) -> {
            long end = System.nanoTime() + delay.toNanos();
            try {
                for (long left = delay.toNanos(); left > 0 && !caller.gone() && caller.ended().isEmpty();
                        left = end - System.nanoTime()) {
                    Thread.sleep(Duration.ofNanos(Math.min(left, 100_000_000L)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GatewayException.CallerGone();
            }
        };

        /** Waits {@code delay}, or less if {@code caller} leaves meanwhile. */
        void pause(Duration delay, Caller caller);
    }

    /** The successful attempt's result, its target, how many attempts it took, and their time upstream. */
    public record Served<T>(T value, Target target, int attempts, long upstreamNanos) { }

    /**
     * What a walk has tried so far: the last target and the number of attempts, so that a call no
     * target served can still be recorded against the target that failed it. One per call.
     */
    public static final class Trail {
        private Target last;
        private int attempts;
        private long upstreamNanos;

        public Optional<Target> last() {
            return Optional.ofNullable(last);
        }

        public int attempts() {
            return attempts;
        }

        /** The time the attempts spent upstream. */
        public long upstreamNanos() {
            return upstreamNanos;
        }
    }

    /** Runs the plan as {@link #run(EndpointSnapshot, Caller, Trail, Function)} does, keeping no trail. */
    public <T> Served<T> run(EndpointSnapshot endpoint, Caller caller, Function<Call, T> attempt) {
        return run(endpoint, caller, new Trail(), attempt);
    }

    /**
     * Runs {@code attempt} on each target of the plan in turn, noting each in {@code trail}. A caller
     * that hung up ends the walk: whatever the attempt then reports is the hang-up, and no other
     * target is tried.
     */
    public <T> Served<T> run(EndpointSnapshot endpoint, Caller caller, Trail trail, Function<Call, T> attempt) {
        RandomGenerator random = this.random.get();
        List<Target> plan = Router.plan(endpoint, random, cooldowns::coolingDown);
        RetryPolicy retries = endpoint.retries();
        List<String> failures = new ArrayList<>();
        GatewayException last = null;
        for (int t = 0; t < plan.size(); t++) {
            Target target = plan.get(t);
            for (int retry = 0; ; retry++) {
                long start = System.nanoTime();
                trail.last = target;
                trail.attempts++;
                AttemptObserver.Scope scope = observer.start(endpoint, target, trail.attempts);
                try {
                    stopIfOver(caller);
                    T value = attempt.apply(new Call(target, endpoint.timeouts(), caller));
                    trail.upstreamNanos += System.nanoTime() - start;
                    scope.succeeded();
                    return new Served<>(value, target, trail.attempts, trail.upstreamNanos);
                } catch (GatewayException e) {
                    trail.upstreamNanos += System.nanoTime() - start;
                    scope.failed(e);
                    stopIfOver(caller);
                    if (!e.retryable()) {
                        throw e;
                    }
                    last = e;
                    failures.add(target.label() + ": " + describe(e));
                    Optional<Duration> delay = retries.delayBefore(retry + 1, e, random);
                    boolean more = delay.isPresent() || t + 1 < plan.size();
                    LOG.info("Endpoint '{}': attempt {} on {} failed ({}){}", endpoint.name(), trail.attempts,
                            target.label(), describe(e), delay.map(d -> "; trying it again in " + d.toMillis() + " ms")
                                    .orElse(more ? "; trying the next target" : ""));
                    if (delay.isEmpty()) {
                        break;
                    }
                    pause.pause(delay.get(), caller);
                    stopIfOver(caller);
                } catch (RuntimeException e) {
                    trail.upstreamNanos += System.nanoTime() - start;
                    scope.failed(new GatewayException.Internal("The attempt failed unexpectedly", e));
                    throw e;
                }
            }
        }
        if (failures.size() == 1) {
            throw last;
        }
        StringBuilder message = new StringBuilder("All " + failures.size() + " attempts for endpoint '"
                + endpoint.name() + "' failed: ");
        for (int i = 0; i < failures.size(); i++) {
            message.append(i == 0 ? "" : "; ").append(i + 1).append(") ").append(failures.get(i));
        }
        throw new GatewayException.AllAttemptsFailed(last.status(), message.toString());
    }

    /**
     * Ends the walk if the call is over whatever the targets do: the caller hung up (whatever an
     * attempt then reports is the hang-up), or the gateway ended the call (it is shutting down).
     */
    private static void stopIfOver(Caller caller) {
        if (caller.gone()) {
            throw new GatewayException.CallerGone();
        }
        if (caller.ended().isPresent()) {
            throw caller.ended().get();
        }
    }

    private static String describe(GatewayException e) {
        return e instanceof GatewayException.Upstream ? "HTTP " + e.status() + ": " + e.getMessage() : e.getMessage();
    }
}
