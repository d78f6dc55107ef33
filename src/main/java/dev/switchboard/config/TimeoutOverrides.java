package dev.switchboard.config;

import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.Timeouts;
import java.time.Duration;
import java.util.OptionalLong;

/** An endpoint's own timeouts in milliseconds; an empty one keeps the gateway default. */
public record TimeoutOverrides(OptionalLong connectMs, OptionalLong firstByteMs, OptionalLong idleMs) {

    public static final TimeoutOverrides NONE = new TimeoutOverrides(OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty());

    private static final long MAX_MS = 3_600_000;

    public TimeoutOverrides {
        check("connect_ms", connectMs);
        check("first_byte_ms", firstByteMs);
        check("idle_ms", idleMs);
    }

    public Timeouts applyTo(Timeouts defaults) {
        return new Timeouts(duration(connectMs, defaults.connect()), duration(firstByteMs, defaults.firstByte()),
                duration(idleMs, defaults.idle()));
    }

    public boolean isEmpty() {
        return connectMs.isEmpty() && firstByteMs.isEmpty() && idleMs.isEmpty();
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
