package dev.switchboard.access;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed password attempts, per user name and per client address: after {@code perUser}
 * (or {@code perAddress}) failures within the window, further attempts are refused until the
 * oldest failure leaves the window. A success clears the user's failures. The maps are bounded:
 * past {@link #MAX_TRACKED} names or addresses, the oldest entries are forgotten.
 */
public final class SignInThrottle {

    static final int MAX_TRACKED = 10_000;

    private final InstantSource clock;
    private final long windowMillis;
    private final int perUser;
    private final int perAddress;
    private final Map<String, Deque<Long>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> byAddress = new ConcurrentHashMap<>();

    public SignInThrottle(InstantSource clock, Duration window, int perUser, int perAddress) {
        this.clock = clock;
        this.windowMillis = window.toMillis();
        this.perUser = perUser;
        this.perAddress = perAddress;
    }

    /** Seconds until {@code username} may try again from {@code address}; empty if it may now. */
    public OptionalLong blockedFor(String username, String address) {
        long now = clock.millis();
        long wait = Math.max(wait(byUser, username, perUser, now), wait(byAddress, address, perAddress, now));
        return wait > 0 ? OptionalLong.of((wait + 999) / 1000) : OptionalLong.empty();
    }

    public void failed(String username, String address) {
        long now = clock.millis();
        record(byUser, username, perUser, now);
        record(byAddress, address, perAddress, now);
    }

    public void succeeded(String username) {
        byUser.remove(username);
    }

    private long wait(Map<String, Deque<Long>> failures, String key, int limit, long now) {
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            prune(times, now);
            return times.size() >= limit ? times.peekFirst() + windowMillis - now : 0;
        }
    }

    private void record(Map<String, Deque<Long>> failures, String key, int limit, long now) {
        if (failures.size() >= MAX_TRACKED && !failures.containsKey(key)) {
            failures.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    prune(e.getValue(), now);
                    return e.getValue().isEmpty();
                }
            });
            if (failures.size() >= MAX_TRACKED) {
                failures.clear();
            }
        }
        Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            times.addLast(now);
            while (times.size() > limit) {
                times.removeFirst();
            }
        }
    }

    private void prune(Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() + windowMillis <= now) {
            times.removeFirst();
        }
    }
}
