package dev.switchboard.usage;

import java.time.Duration;
import java.util.Map;

/**
 * How usage is kept, from the environment: how long calls are kept ({@code
 * SWITCHBOARD_USAGE_RETENTION_DAYS}, 30 by default), how long their hourly roll-ups are kept
 * ({@code SWITCHBOARD_USAGE_ROLLUP_RETENTION_DAYS}, 400 by default, at least as long as calls), and
 * how many records may wait for the writer ({@code SWITCHBOARD_USAGE_QUEUE}, 20,000 by default):
 * past that, records are dropped and counted, never waited for.
 */
public record UsageSettings(Duration callRetention, Duration rollupRetention, int queueCapacity) {

    public static final String RETENTION_ENV = "SWITCHBOARD_USAGE_RETENTION_DAYS";
    public static final String ROLLUP_RETENTION_ENV = "SWITCHBOARD_USAGE_ROLLUP_RETENTION_DAYS";
    public static final String QUEUE_ENV = "SWITCHBOARD_USAGE_QUEUE";

    public UsageSettings {
        if (rollupRetention.compareTo(callRetention) < 0) {
            throw new IllegalArgumentException(ROLLUP_RETENTION_ENV + " (" + rollupRetention.toDays()
                    + ") must be at least " + RETENTION_ENV + " (" + callRetention.toDays() + ")");
        }
    }

    public static UsageSettings defaults() {
        return new UsageSettings(Duration.ofDays(30), Duration.ofDays(400), 20_000);
    }

    public static UsageSettings fromEnv(Map<String, String> env) {
        return new UsageSettings(Duration.ofDays(number(env, RETENTION_ENV, 30, 1, 3650)),
                Duration.ofDays(number(env, ROLLUP_RETENTION_ENV, 400, 1, 36500)),
                (int) number(env, QUEUE_ENV, 20_000, 1, 10_000_000));
    }

    private static long number(Map<String, String> env, String name, long fallback, long min, long max) {
        String value = env.getOrDefault(name, Long.toString(fallback)).strip();
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            parsed = min - 1;
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max
                    + ", got '" + value + "'");
        }
        return parsed;
    }
}
