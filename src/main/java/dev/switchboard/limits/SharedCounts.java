package dev.switchboard.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts per window that every replica adds to, without a call waiting for the database: each
 * replica counts in memory, and a writer adds what it counted to the {@link CounterStore} every
 * {@link Settings#flushEvery}, reading back what all replicas counted. With one replica (SQLite) the
 * count in memory is exact. With several ({@link Settings#shared}), a replica learns of the others'
 * counts one round late, so a window whose remaining amount the gateway uses up in fewer than
 * {@link #NEAR_ROUNDS} rounds (or that has less than 1 % left) is {@linkplain Counter#near counted
 * call by call}: its owner reads or adds to the store on each call.
 *
 * <p>Budgets and rate limits own one each; the owner's {@code round} runs after each write.
 */
public final class SharedCounts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedCounts.class);
    /** A window whose remaining amount the gateway uses in fewer rounds than this is counted call by call. */
    static final int NEAR_ROUNDS = 3;
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** How counts are shared: call by call near the limit when replicas share the database; how often they are written. */
    public record Settings(boolean shared, Duration flushEvery) {
        public static Settings of(boolean shared) {
            return new Settings(shared, shared ? Duration.ofMillis(100) : Duration.ofSeconds(1));
        }
    }

    private final CounterStore store;
    private final Settings settings;
    private final String what;
    private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();
    private Thread writer;
    private volatile boolean closing;
    private Runnable round = () -> { };
    private long lastWarn = System.nanoTime() - WARN_EVERY_NANOS;

    /** {@code what} names the counts in the one warning logged when the database does not answer. */
    SharedCounts(CounterStore store, Settings settings, String what) {
        this.store = store;
        this.settings = settings;
        this.what = what;
    }

    Settings settings() {
        return settings;
    }

    /** Starts the writer, which runs {@code round} every {@link Settings#flushEvery}. */
    void start(String threadName, Runnable round) {
        this.round = round;
        this.writer = Thread.ofPlatform().daemon().name(threadName).start(this::run);
    }

    /** The window's counter, made on first use. */
    Counter counter(CounterKey key) {
        Counter counter = counters.get(key);
        return counter != null ? counter : counters.computeIfAbsent(key, Counter::new);
    }

    private void run() {
        long every = settings.flushEvery().toNanos();
        while (!closing) {
            LockSupport.parkNanos(every);
            runRound();
        }
    }

    private void runRound() {
        try {
            round.run();
        } catch (RuntimeException e) {
            warn(e);
        }
    }

    /**
     * Adds what this replica counted, reads what every replica counted in the {@code live} windows
     * (those calls count in now), and forgets ended windows with nothing left to write.
     */
    void sync(Collection<Counter> live, long nowMillis) {
        Map<CounterKey, Counter> current = new HashMap<>();
        live.forEach(counter -> current.put(counter.key, counter));
        counters.keySet().removeIf(key -> key.endMillis() <= nowMillis && !current.containsKey(key)
                && counters.get(key).unwritten.sum() == 0);
        Map<CounterKey, Counter> counting = new HashMap<>();
        counters.forEach((key, counter) -> {
            if (counter.unwritten.sum() != 0) {
                counting.put(key, counter);
            }
        });
        write(counting);
        List<CounterKey> quiet = new ArrayList<>();
        current.forEach((key, counter) -> {
            if (!counting.containsKey(key)) {
                quiet.add(key);
            }
        });
        if (!quiet.isEmpty()) {
            store.read(quiet).forEach((key, total) -> current.get(key).learned(total));
        }
    }

    /** Adds the counter's unwritten amount to the store now (a window counted call by call); false if that failed. */
    boolean writeNow(Counter counter) {
        try {
            write(Map.of(counter.key, counter));
            return true;
        } catch (RuntimeException e) {
            warn(e); // kept as unwritten: the writer adds it once the database answers
            return false;
        }
    }

    /** Reads the window's count from the store; without the database, what this replica knows stands. */
    void refresh(Counter counter) {
        try {
            store.read(List.of(counter.key)).forEach((key, total) -> counter.learned(total));
        } catch (RuntimeException e) {
            warn(e);
        }
    }

    private void write(Map<CounterKey, Counter> counting) {
        if (counting.isEmpty()) {
            return;
        }
        Map<CounterKey, Long> adding = new HashMap<>();
        counting.forEach((key, counter) -> {
            long amount = counter.unwritten.sumThenReset();
            if (amount != 0) {
                adding.put(key, amount);
                counter.writing.add(amount);
            }
        });
        if (adding.isEmpty()) {
            return;
        }
        Map<CounterKey, Long> totals;
        try {
            totals = store.add(adding);
        } catch (RuntimeException e) {
            adding.forEach((key, amount) -> {
                Counter counter = counting.get(key);
                counter.writing.add(-amount);
                counter.unwritten.add(amount);
            });
            throw e;
        }
        adding.forEach((key, amount) -> {
            Counter counter = counting.get(key);
            counter.learned(totals.get(key));
            counter.writing.add(-amount);
        });
    }

    void warn(RuntimeException e) {
        long nowNanos = System.nanoTime();
        synchronized (this) {
            if (nowNanos - lastWarn < WARN_EVERY_NANOS) {
                return;
            }
            lastWarn = nowNanos;
        }
        LOG.warn("Could not share {} with the database (trying again): {}", what, e.getMessage());
    }

    /** Writes what is unwritten, then stops the writer. */
    @Override
    public void close() {
        closing = true;
        if (writer != null) {
            writer.interrupt();
            try {
                writer.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        runRound();
    }

    /** One window's count as this replica knows it. */
    static final class Counter {
        final CounterKey key;
        /** The window's count in the store, as last read or written. */
        private volatile long stored;
        /** What this replica counted and has not added to the store yet. */
        final LongAdder unwritten = new LongAdder();
        /** What is being added right now (neither unwritten nor in {@link #stored} yet). */
        private final LongAdder writing = new LongAdder();
        /** Whether calls in this window are counted one by one (near the amount, replicas sharing it). */
        volatile boolean near;
        /** The count from which calls are counted one by one, as the writer's last round judged it. */
        volatile long nearFrom = Long.MAX_VALUE;
        private long lastTotal = -1;
        private long lastNanos;

        Counter(CounterKey key) {
            this.key = key;
        }

        long total() {
            return stored + unwritten.sum() + writing.sum();
        }

        /** Whether the window is to be read before the next call: near its amount, or past where that starts. */
        boolean nearNow() {
            if (near || total() >= nearFrom) {
                near = true; // the writer's next round may say otherwise, after a rollover say
            }
            return near;
        }

        synchronized void learned(long total) {
            if (total > stored) {
                stored = total;
            }
        }

        /**
         * Decides whether the window is counted call by call: when replicas share it and what remains
         * of {@code amount} is less than the gateway counts in {@link #NEAR_ROUNDS} rounds at the pace
         * seen since the last round (per flush interval, or per round when the writer ran late: a busy
         * machine delays the writer, not the calls), or less than 1 % of the amount.
         */
        synchronized void judge(long amount, long nowNanos, Settings settings) {
            long total = total();
            if (!settings.shared()) {
                near = false;
            } else {
                double perRound = 0;
                if (lastTotal >= 0 && nowNanos > lastNanos) {
                    long counted = total - lastTotal;
                    perRound = Math.max(counted, (double) counted * settings.flushEvery().toNanos() / (nowNanos - lastNanos));
                }
                long margin = (long) Math.max(amount / 100, perRound * NEAR_ROUNDS);
                near = amount - total < margin;
                nearFrom = amount - margin;
            }
            lastTotal = total;
            lastNanos = nowNanos;
        }
    }
}
