package dev.switchboard.access;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed password attempts: after {@code perUserAndAddress} failures for one user name from
 * one address, {@code perAddress} from one address whatever the names, or {@code perUser} for one
 * name from anywhere, further attempts of that kind are refused until the oldest failure leaves the
 * window. The per-name limit from anywhere is the highest, so that locking someone out takes many
 * guesses rather than a few. A success clears the name's failures. The maps are bounded: past
 * {@link #MAX_TRACKED} entries, stale ones are dropped, and if all are fresh, all are.
 */
public final class SignInThrottle {

    static final int MAX_TRACKED = 10_000;

    private final InstantSource clock;
    private final long windowMillis;
    private final int perUserAndAddress;
    private final int perAddress;
    private final int perUser;
    private final Map<String, Deque<Long>> byUserAndAddress = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> byUser = new ConcurrentHashMap<>();

    public SignInThrottle(InstantSource clock, Duration window, int perUserAndAddress, int perAddress, int perUser) {
        this.clock = clock;
        this.windowMillis = window.toMillis();
        this.perUserAndAddress = perUserAndAddress;
        this.perAddress = perAddress;
        this.perUser = perUser;
    }

    /** Seconds until {@code username} may try again from {@code address}; empty if it may now. */
    public OptionalLong blockedFor(String username, String address) {
        long now = clock.millis();
        long wait = Math.max(wait(byUserAndAddress, pair(username, address), perUserAndAddress, now),
                Math.max(wait(byAddress, address, perAddress, now), wait(byUser, username, perUser, now)));
        return wait > 0 ? OptionalLong.of((wait + 999) / 1000) : OptionalLong.empty();
    }

    public void failed(String username, String address) {
        long now = clock.millis();
        record(byUserAndAddress, pair(username, address), perUserAndAddress, now);
        record(byAddress, address, perAddress, now);
        record(byUser, username, perUser, now);
    }

    public void succeeded(String username, String address) {
        byUserAndAddress.remove(pair(username, address));
        byUser.remove(username);
    }

    private static String pair(String username, String address) {
        return username + '\0' + address;
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
