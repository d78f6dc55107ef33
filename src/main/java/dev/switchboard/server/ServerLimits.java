package dev.switchboard.server;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What the listener allows each connection and all of them together, from the environment.
 *
 * @param maxConnections     open connections at once; more wait in the kernel's accept queue
 * @param headerTimeout      a new connection's time to send a complete request head
 * @param bodyTimeout        a request's time to send its whole body once the head arrived
 * @param idleTimeout        a kept-alive connection's time, after an answer, to send its next request head
 * @param bodyMemory         bytes that request bodies being read and handled may hold in all
 * @param maxRequestLine     the longest request line read; longer ones get a 414
 * @param maxHops            the most {@code Via} entries (gateways and proxies passed) an invocation may carry
 * @param hangUpCheckAfter   how long a call waits on its provider before the gateway watches for the caller hanging up
 * @param drainTimeout       on a stop, how long calls in flight may run before they are ended ({@link Drain})
 * @param drainDelay         on a stop, how long new calls are still served while {@code /health} says draining
 */
public record ServerLimits(int maxConnections, Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout,
                           long bodyMemory, int maxRequestLine, int maxHops, Duration hangUpCheckAfter,
                           Duration drainTimeout, Duration drainDelay) {

    /** File descriptors kept free for the database, logs, the JVM and upstream connections' spare. */
    private static final int RESERVED_DESCRIPTORS = 128;

    public ServerLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("SWITCHBOARD_MAX_CONNECTIONS must be at least 1, not " + maxConnections);
        }
        positive("SWITCHBOARD_HEADER_TIMEOUT", headerTimeout);
        positive("SWITCHBOARD_BODY_TIMEOUT", bodyTimeout);
        positive("SWITCHBOARD_IDLE_TIMEOUT", idleTimeout);
        if (bodyMemory < 1) {
            throw new IllegalArgumentException("SWITCHBOARD_MAX_BODY_MEMORY must be positive");
        }
        if (maxRequestLine < 256) {
            throw new IllegalArgumentException("The request line limit must be at least 256 bytes");
        }
        if (maxHops < 1) {
            throw new IllegalArgumentException("SWITCHBOARD_MAX_HOPS must be at least 1, not " + maxHops);
        }
        if (drainTimeout.isNegative() || drainDelay.isNegative()) {
            throw new IllegalArgumentException("SWITCHBOARD_DRAIN_TIMEOUT and SWITCHBOARD_DRAIN_DELAY must not be negative");
        }
    }

    /** The defaults for this process (connections and body memory scale with its descriptors and heap). */
    public static ServerLimits defaults() {
        return fromEnv(Map.of());
    }

    /**
     * Reads {@code SWITCHBOARD_MAX_CONNECTIONS}, {@code SWITCHBOARD_HEADER_TIMEOUT},
     * {@code SWITCHBOARD_BODY_TIMEOUT}, {@code SWITCHBOARD_IDLE_TIMEOUT} (durations such as {@code 10s},
     * {@code 500ms}, {@code 2m}; a bare number is seconds), {@code SWITCHBOARD_MAX_BODY_MEMORY}
     * (bytes, or with a {@code k}, {@code m} or {@code g} suffix) and {@code SWITCHBOARD_MAX_HOPS}.
     */
    public static ServerLimits fromEnv(Map<String, String> env) {
        return new ServerLimits(
                read(env, "SWITCHBOARD_MAX_CONNECTIONS", Integer::parseInt, defaultMaxConnections()),
                read(env, "SWITCHBOARD_HEADER_TIMEOUT", ServerLimits::duration, Duration.ofSeconds(10)),
                read(env, "SWITCHBOARD_BODY_TIMEOUT", ServerLimits::duration, Duration.ofSeconds(60)),
                read(env, "SWITCHBOARD_IDLE_TIMEOUT", ServerLimits::duration, Duration.ofSeconds(75)),
                read(env, "SWITCHBOARD_MAX_BODY_MEMORY", ServerLimits::bytes, Runtime.getRuntime().maxMemory() / 4),
                16 * 1024,
                read(env, "SWITCHBOARD_MAX_HOPS", Integer::parseInt, Hops.DEFAULT_MAX),
                Duration.ofMillis(500),
                read(env, "SWITCHBOARD_DRAIN_TIMEOUT", ServerLimits::duration, Duration.ofSeconds(20)),
                read(env, "SWITCHBOARD_DRAIN_DELAY", ServerLimits::duration, Duration.ZERO));
    }

    /** The same limits with another value for one of them (tests, embedding). */
    public ServerLimits withMaxConnections(int value) {
        return new ServerLimits(value, headerTimeout, bodyTimeout, idleTimeout, bodyMemory, maxRequestLine, maxHops,
                hangUpCheckAfter, drainTimeout, drainDelay);
    }

    public ServerLimits withTimeouts(Duration header, Duration body, Duration idle) {
        return new ServerLimits(maxConnections, header, body, idle, bodyMemory, maxRequestLine, maxHops,
                hangUpCheckAfter, drainTimeout, drainDelay);
    }

    public ServerLimits withBodyMemory(long value) {
        return new ServerLimits(maxConnections, headerTimeout, bodyTimeout, idleTimeout, value, maxRequestLine, maxHops,
                hangUpCheckAfter, drainTimeout, drainDelay);
    }

    /**
     * Half of the descriptors left after a reserve: each inbound call may hold one upstream
     * connection too, so the listener never runs the process out of descriptors by itself.
     */
    static int defaultMaxConnections() {
        long descriptors = 65_536;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            descriptors = unix.getMaxFileDescriptorCount();
        }
        return (int) Math.max(16, Math.min(1_000_000, (descriptors - RESERVED_DESCRIPTORS) / 2));
    }

    private static <T> T read(Map<String, String> env, String name, Function<String, T> parse, T fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return parse.apply(value.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " is not valid: '" + value.trim() + "'"
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        }
    }

    /**
     * The duration in the variable {@code name} ({@code 10s}, {@code 500ms}, {@code 2m}; a bare
     * number is seconds), or {@code fallback} when it is unset; one that does not parse is refused
     * naming the variable.
     */
    public static Duration durationFromEnv(Map<String, String> env, String name, Duration fallback) {
        return read(env, name, ServerLimits::duration, fallback);
    }

    static Duration duration(String text) {
        String value = text.toLowerCase(Locale.ROOT);
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).trim()));
        }
        long unit = switch (value.charAt(value.length() - 1)) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            default -> 0;
        };
        return unit == 0 ? Duration.ofSeconds(Long.parseLong(value))
                : Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1).trim()) * unit);
    }

    static long bytes(String text) {
        String value = text.toLowerCase(Locale.ROOT);
        if (value.endsWith("b")) {
            value = value.substring(0, value.length() - 1);
        }
        long unit = switch (value.charAt(value.length() - 1)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1;
        };
        return unit == 1 ? Long.parseLong(value) : Long.parseLong(value.substring(0, value.length() - 1).trim()) * unit;
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
