package dev.switchboard.config;

import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.Timeouts;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * An endpoint's own timeouts in milliseconds; an empty one keeps the gateway default. {@code totalMs}
 * bounds a whole answer, streamed or not; left out, an answer that is not a stream has the default
 * bound ({@link Timeouts#DEFAULT_ANSWER}) and a stream has none.
 */
public record TimeoutOverrides(OptionalLong connectMs, OptionalLong firstByteMs, OptionalLong idleMs,
                               OptionalLong totalMs) {

    public static final TimeoutOverrides NONE = new TimeoutOverrides(OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty());

    private static final long MAX_MS = 3_600_000;

    public TimeoutOverrides {
        check("connect_ms", connectMs);
        check("first_byte_ms", firstByteMs);
        check("idle_ms", idleMs);
        check("total_ms", totalMs);
    }

    public Timeouts applyTo(Timeouts defaults) {
        return new Timeouts(duration(connectMs, defaults.connect()), duration(firstByteMs, defaults.firstByte()),
                duration(idleMs, defaults.idle()), duration(totalMs, defaults.answer()),
                duration(totalMs, defaults.stream()));
    }

    public boolean isEmpty() {
        return connectMs.isEmpty() && firstByteMs.isEmpty() && idleMs.isEmpty() && totalMs.isEmpty();
    }

    private static Duration duration(OptionalLong ms, Duration fallback) {
        return ms.isPresent() ? Duration.ofMillis(ms.getAsLong()) : fallback;
    }

    private static void check(String name, OptionalLong value) {
        if (value.isPresent() && (value.getAsLong() < 1 || value.getAsLong() > MAX_MS)) {
            throw new GatewayException.InvalidRequest("timeouts." + name + " must be from 1 to " + MAX_MS
                    + " milliseconds; got " + value.getAsLong());
        }
    }
}
