package dev.switchboard.access;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * How access control is set up, from the environment: whether it is on ({@code SWITCHBOARD_AUTH},
 * default on), the level users have on resources they were not given one on
 * ({@code SWITCHBOARD_DEFAULT_PERMISSION}, default {@code NO_PERMISSIONS}), and how long a browser
 * session lasts ({@code SWITCHBOARD_SESSION_HOURS}, default 12).
 */
public record AccessSettings(boolean enabled, Permission defaultPermission, Duration sessionLifetime) {

    public static final String AUTH_ENV = "SWITCHBOARD_AUTH";
    public static final String DEFAULT_PERMISSION_ENV = "SWITCHBOARD_DEFAULT_PERMISSION";
    public static final String SESSION_HOURS_ENV = "SWITCHBOARD_SESSION_HOURS";
    private static final int MAX_SESSION_HOURS = 24 * 30;

    /** The settings in {@code env}, with {@code authOption} ({@code --auth}) taking precedence when given. */
    public static AccessSettings fromEnv(Map<String, String> env, java.util.Optional<String> authOption) {
        String auth = authOption.orElse(env.getOrDefault(AUTH_ENV, "on")).strip().toLowerCase(Locale.ROOT);
        boolean enabled = switch (auth) {
            case "on", "true", "1", "" -> true;
            case "off", "false", "0" -> false;
            default -> throw new IllegalArgumentException(AUTH_ENV + " (or --auth) must be on or off, got '" + auth + "'");
        };
        Permission fallback;
        try {
            fallback = Permission.parse(env.getOrDefault(DEFAULT_PERMISSION_ENV, "NO_PERMISSIONS"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(DEFAULT_PERMISSION_ENV + ": " + e.getMessage());
        }
        String hours = env.getOrDefault(SESSION_HOURS_ENV, "12").strip();
        int sessionHours;
        try {
            sessionHours = Integer.parseInt(hours);
        } catch (NumberFormatException e) {
            sessionHours = -1;
        }
        if (sessionHours < 1 || sessionHours > MAX_SESSION_HOURS) {
            throw new IllegalArgumentException(SESSION_HOURS_ENV + " must be a whole number of hours from 1 to "
                    + MAX_SESSION_HOURS + ", got '" + hours + "'");
        }
        return new AccessSettings(enabled, fallback, Duration.ofHours(sessionHours));
    }

    /** Authentication on, defaults otherwise. */
    public static AccessSettings defaults() {
        return new AccessSettings(true, Permission.NO_PERMISSIONS, Duration.ofHours(12));
    }
}
