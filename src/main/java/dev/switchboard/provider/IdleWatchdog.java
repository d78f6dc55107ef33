package dev.switchboard.provider;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes upstream responses that made no progress for longer than their idle timeout. One daemon
 * thread checks every watched response a few times a second; a watched response only updates a
 * timestamp per read, so the hot path stays cheap.
 */
public final class IdleWatchdog implements AutoCloseable {

    /** Something the watchdog can time out. */
    interface Watched {
        long idleNanos();

        long lastActivityNanos();

        void expire();
    }

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    public IdleWatchdog(Duration period) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-idle-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::check, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    void watch(Watched w) {
        watched.add(w);
    }

    void unwatch(Watched w) {
        watched.remove(w);
    }

    private void check() {
        long now = System.nanoTime();
        for (Watched w : watched) {
            if (now - w.lastActivityNanos() > w.idleNanos()) {
                watched.remove(w);
                w.expire();
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
