package dev.switchboard.routing;

import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.RetryPolicy;
import dev.switchboard.provider.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * A circuit breaker per target, shared by every endpoint that routes to it (a target is a model
 * definition: one provider, model and key). A target that fails {@code failures} times in a row, in
 * a way that may pass by itself ({@link RetryPolicy#passesByItself}), cools down: for {@code cooldown}
 * the plans of every endpoint leave it out while another target can serve. Then one call is let
 * through as a probe; if it succeeds the target is back, if it fails it cools down again. Any
 * answer that shows the provider is up (a success, or a client error such as a 400) ends the run of
 * failures. A target is never left out of a plan that would otherwise be empty: with nothing else to
 * try, the gateway tries it rather than fail the call itself.
 *
 * <p>Targets that never failed cost a map lookup per attempt and nothing else.
 */
public final class Cooldowns implements AttemptObserver {

    /**
     * When a target cools down: after {@code failures} failures in a row (0 turns cooldowns off),
     * for {@code cooldown}.
     */
    public record Settings(int failures, Duration cooldown) {
        public static final Settings DEFAULT = new Settings(5, Duration.ofSeconds(30));
        public static final Settings OFF = new Settings(0, Duration.ZERO);
        static final String FAILURES_ENV = "SWITCHBOARD_COOLDOWN_FAILURES";
        static final String SECONDS_ENV = "SWITCHBOARD_COOLDOWN_SECONDS";

        public Settings {
            if (failures < 0 || cooldown.isNegative()) {
                throw new IllegalArgumentException("cooldown settings must not be negative");
            }
        }

        /** From {@code SWITCHBOARD_COOLDOWN_FAILURES} and {@code SWITCHBOARD_COOLDOWN_SECONDS}, else the defaults. */
        public static Settings fromEnv(Map<String, String> env) {
            return new Settings(number(env, FAILURES_ENV, DEFAULT.failures()),
                    Duration.ofSeconds(number(env, SECONDS_ENV, (int) DEFAULT.cooldown().toSeconds())));
        }

        private static int number(Map<String, String> env, String name, int otherwise) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                return otherwise;
            }
            try {
                int parsed = Integer.parseInt(value.trim());
                if (parsed >= 0) {
                    return parsed;
                }
            } catch (NumberFormatException ignored) {
                // Refused below, naming the variable.
            }
            throw new IllegalArgumentException(name + " must be a whole number, 0 or more; got '" + value + "'");
        }
    }

    /** Where a target stands: serving, cooling down (left out of plans), or on probation (its next call is a probe). */
    public enum Phase { OK, COOLING_DOWN, PROBING }

    /** A target's state as the API shows it; {@code coolingUntilMillis} is epoch time, or 0. */
    public record State(String definitionId, String provider, String modelName, Phase phase,
                        int consecutiveFailures, long coolingUntilMillis) { }

    /** Told when a target starts cooling down (for the metrics). */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (target, cooling) -> { };

        /** {@code target} starts cooling down; {@code cooling} tells, later, whether it still is or is on probation. */
        void cooling(Target target, BooleanSupplier cooling);
    }

    private final Settings settings;
    private final LongSupplier nanos;
    private final LongSupplier millis;
    private final Listener listener;
    private final Map<String, Breaker> breakers = new ConcurrentHashMap<>();

    public Cooldowns(Settings settings, Listener listener) {
        this(settings, listener, System::nanoTime, System::currentTimeMillis);
    }

    /** With the clocks given (tests move time by hand). */
    Cooldowns(Settings settings, Listener listener, LongSupplier nanos, LongSupplier millis) {
        this.settings = settings;
        this.listener = listener;
        this.nanos = nanos;
        this.millis = millis;
    }

    /** Whether plans should leave {@code target} out now (it cools down, or another call probes it). */
    public boolean coolingDown(Target target) {
        Breaker breaker = breakers.get(target.definitionId());
        return breaker != null && breaker.leftOut(nanos.getAsLong());
    }

    /** The targets that failed lately or cool down now, by model definition id. */
    public List<State> states() {
        long now = nanos.getAsLong();
        long wall = millis.getAsLong();
        List<State> states = new ArrayList<>();
        breakers.forEach((id, breaker) -> breaker.state(now, wall).ifPresent(states::add));
        return states;
    }

    @Override
    public Scope start(EndpointSnapshot endpoint, Target target, int number) {
        if (settings.failures() == 0) {
            return Scope.NONE;
        }
        Breaker known = breakers.get(target.definitionId());
        boolean probe = known != null && known.claimProbe(nanos.getAsLong());
        return new Scope() {
            @Override
            public void succeeded() {
                Breaker breaker = breakers.get(target.definitionId());
                if (breaker != null) {
                    breaker.reset();
                }
            }

            @Override
            public void failed(GatewayException failure) {
                if (failure instanceof GatewayException.CallerGone) {
                    if (probe) {
                        known.releaseProbe();
                    }
                } else if (RetryPolicy.passesByItself(failure)) {
                    Breaker breaker = breakers.computeIfAbsent(target.definitionId(), id -> new Breaker(target));
                    if (breaker.failed(target, nanos.getAsLong(), millis.getAsLong(), settings)) {
                        listener.cooling(target, breaker::cooling);
                    }
                } else {
                    succeeded();
                }
            }
        };
    }

    /** One target's run of failures and cooldown. Reads are lock-free; changes hold its lock. */
    private static final class Breaker {
        private volatile Target target;
        private volatile int failures;
        /** When the cooldown ends (System.nanoTime), or 0 while the target serves. */
        private volatile long coolingUntil;
        private volatile long coolingUntilWall;
        private volatile boolean probing;

        Breaker(Target target) {
            this.target = target;
        }

        /** Whether the target is cooling down or on probation, not yet back. */
        boolean cooling() {
            return coolingUntil != 0;
        }

        boolean leftOut(long now) {
            long until = coolingUntil;
            return until != 0 && (now - until < 0 || probing);
        }

        /** Claims the probe if the cooldown is over and nobody probes; whether this call is the probe. */
        synchronized boolean claimProbe(long now) {
            if (coolingUntil == 0 || now - coolingUntil < 0 || probing) {
                return false;
            }
            probing = true;
            return true;
        }

        synchronized void releaseProbe() {
            probing = false;
        }

        synchronized void reset() {
            if (failures != 0 || coolingUntil != 0 || probing) {
                failures = 0;
                coolingUntil = 0;
                coolingUntilWall = 0;
                probing = false;
            }
        }

        /** Counts a failure; whether the target starts cooling down with it. */
        synchronized boolean failed(Target latest, long now, long wall, Settings settings) {
            target = latest;
            failures++;
            boolean wasProbe = probing;
            probing = false;
            if (wasProbe || coolingUntil == 0 && failures >= settings.failures()) {
                long length = settings.cooldown().toNanos();
                coolingUntil = now + Math.max(length, 1);
                coolingUntilWall = wall + settings.cooldown().toMillis();
                return true;
            }
            return false;
        }

        Optional<State> state(long now, long wall) {
            Target t = target;
            int count = failures;
            long until = coolingUntil;
            if (count == 0 && until == 0) {
                return Optional.empty();
            }
            // Once the cooldown is over the target is on probation: the next call to it is the probe.
            Phase phase = until == 0 ? Phase.OK : now - until < 0 ? Phase.COOLING_DOWN : Phase.PROBING;
            return Optional.of(new State(t.definitionId(), t.provider(), t.modelName(), phase, count,
                    phase == Phase.COOLING_DOWN ? coolingUntilWall : 0));
        }
    }
}
