package dev.switchboard.routing;

import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.Call;
import dev.switchboard.provider.Caller;
import dev.switchboard.provider.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
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

    public Invoker(Supplier<RandomGenerator> random) {
        this(random, AttemptObserver.NONE);
    }

    /** An invoker that tells {@code observer} of every attempt (metrics, traces). */
    public Invoker(Supplier<RandomGenerator> random, AttemptObserver observer) {
        this.random = random;
        this.observer = observer;
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
     * Runs {@code attempt} on each target of the plan in turn, noting each in {@code trail}, on the
     * calling thread. A caller that hung up ends the walk: whatever the attempt then reports is the
     * hang-up, and no other target is tried.
     */
    public <T> Served<T> run(EndpointSnapshot endpoint, Caller caller, Trail trail, Function<Call, T> attempt) {
        CompletableFuture<Served<T>> walk = runAsync(endpoint, caller, trail,
                call -> CompletableFuture.completedFuture(attempt.apply(call))).toCompletableFuture();
        try {
            return walk.getNow(null);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Runs the plan as {@link #run} does, with attempts that may complete later (on an event loop):
     * each attempt starts once the one before has failed, on the thread that completed it. The
     * stage fails with the failure {@link #run} would throw. With attempts that complete at once,
     * the whole walk happens on the calling thread and the stage is complete on return.
     */
    public <T> CompletionStage<Served<T>> runAsync(EndpointSnapshot endpoint, Caller caller, Trail trail,
                                                   Function<Call, CompletionStage<T>> attempt) {
        CompletableFuture<Served<T>> served = new CompletableFuture<>();
        new Walk<>(endpoint, Router.plan(endpoint, random.get()), caller, trail, attempt, served).next();
        return served;
    }

    /** One call's walk along its plan. */
    private final class Walk<T> {
        private final EndpointSnapshot endpoint;
        private final List<Target> plan;
        private final Caller caller;
        private final Trail trail;
        private final Function<Call, CompletionStage<T>> attempt;
        private final CompletableFuture<Served<T>> served;
        private final List<String> failures = new ArrayList<>();
        private GatewayException last;
        private int index;

        Walk(EndpointSnapshot endpoint, List<Target> plan, Caller caller, Trail trail,
             Function<Call, CompletionStage<T>> attempt, CompletableFuture<Served<T>> served) {
            this.endpoint = endpoint;
            this.plan = plan;
            this.caller = caller;
            this.trail = trail;
            this.attempt = attempt;
            this.served = served;
        }

        /** Tries the next target, or ends the walk with the failures so far. */
        void next() {
            if (index == plan.size()) {
                served.completeExceptionally(exhausted());
                return;
            }
            Target target = plan.get(index++);
            long start = System.nanoTime();
            trail.last = target;
            trail.attempts++;
            AttemptObserver.Scope scope = observer.start(endpoint, target, trail.attempts);
            CompletionStage<T> result;
            try {
                if (caller.gone()) {
                    throw new GatewayException.CallerGone();
                }
                result = attempt.apply(new Call(target, endpoint.timeouts(), caller));
            } catch (RuntimeException e) {
                settle(target, start, scope, null, e);
                return;
            }
            result.whenComplete((value, failure) -> settle(target, start, scope, value, failure));
        }

        private void settle(Target target, long start, AttemptObserver.Scope scope, T value, Throwable failure) {
            trail.upstreamNanos += System.nanoTime() - start;
            if (failure == null) {
                scope.succeeded();
                served.complete(new Served<>(value, target, trail.attempts, trail.upstreamNanos));
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (!(cause instanceof GatewayException e)) {
                scope.failed(new GatewayException.Internal("The attempt failed unexpectedly", cause));
                served.completeExceptionally(cause);
                return;
            }
            scope.failed(e);
            if (caller.gone()) {
                served.completeExceptionally(new GatewayException.CallerGone());
                return;
            }
            if (!e.retryable()) {
                served.completeExceptionally(e);
                return;
            }
            last = e;
            failures.add(target.label() + ": " + describe(e));
            LOG.info("Endpoint '{}': attempt {} on {} failed ({}){}", endpoint.name(), failures.size(),
                    target.label(), describe(e), failures.size() < plan.size() ? "; trying the next target" : "");
            next();
        }

        private GatewayException exhausted() {
            if (plan.size() == 1) {
                return last;
            }
            StringBuilder message = new StringBuilder("All " + plan.size() + " attempts for endpoint '"
                    + endpoint.name() + "' failed: ");
            for (int i = 0; i < failures.size(); i++) {
                message.append(i == 0 ? "" : "; ").append(i + 1).append(") ").append(failures.get(i));
            }
            return new GatewayException.AllAttemptsFailed(last.status(), message.toString());
        }
    }

    private static String describe(GatewayException e) {
        return e instanceof GatewayException.Upstream ? "HTTP " + e.status() + ": " + e.getMessage() : e.getMessage();
    }
}
