package dev.switchboard.server;

import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.Caller;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A graceful stop. When the gateway is told to stop (SIGTERM), {@code /health} answers 503
 * {@code DRAINING} at once, so a load balancer stops sending; calls keep being served for
 * {@code delay} (the time a load balancer takes to notice), then new calls are refused with 503 in
 * their route's format. Calls in flight, streams included, may finish for up to {@code grace}; any
 * still running then is ended: its provider call is closed and its caller gets a 503, or, for a
 * stream that has begun, one error event in its format saying the gateway is shutting down.
 *
 * <p>Settings ({@link ServerLimits}): {@code SWITCHBOARD_DRAIN_TIMEOUT} (grace, 20 s by default, below
 * Kubernetes' default grace period of 30 s) and {@code SWITCHBOARD_DRAIN_DELAY} (delay, 0 by default).
 */
final class Drain {

    private static final Logger LOG = LoggerFactory.getLogger(Drain.class);
    /** How long ended calls get to write their last answer before the listener stops. */
    private static final Duration LAST_WORDS = Duration.ofSeconds(2);
    private static final String REFUSAL = "The gateway is shutting down; send the call again (to another replica)";

    private final Duration grace;
    private final Duration delay;
    private final Set<Caller> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;
    private volatile boolean refusing;

    /** Calls in flight may run for {@code grace}; new ones are served for {@code delay} first. */
    Drain(Duration grace, Duration delay) {
        this.grace = grace;
        this.delay = delay;
    }

    /** Whether the gateway is draining: {@code /health} says so. */
    boolean draining() {
        return draining;
    }

    /**
     * A call starts: it is counted in and returned, or, while new calls are refused, refused with
     * {@link GatewayException.ShuttingDown}.
     */
    Caller enter(Caller caller) {
        if (refusing) {
            throw new GatewayException.ShuttingDown(REFUSAL);
        }
        inFlight.add(caller);
        return caller;
    }

    /** A call {@link #enter}ed has been answered. */
    void leave(Caller caller) {
        inFlight.remove(caller);
    }

    /** Drains: returns once every call has finished or been ended (at most delay + grace + a moment). */
    void run() {
        draining = true;
        LOG.info("Draining: /health answers 503; {} call(s) in flight", inFlight.size());
        sleep(delay);
        refusing = true;
        if (!await(grace)) {
            int left = inFlight.size();
            LOG.warn("Draining: {} call(s) still running after {} s are ended", left, grace.toSeconds());
            GatewayException ended = new GatewayException.ShuttingDown(
                    "The gateway is shutting down: the call was ended after " + grace.toSeconds()
                            + " s of draining");
            inFlight.forEach(caller -> caller.end(ended));
            await(LAST_WORDS);
        }
    }

    /** Waits until no call is in flight, or {@code limit} passes; whether none is left. */
    private boolean await(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!inFlight.isEmpty()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            sleep(Duration.ofMillis(20));
        }
        return true;
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
