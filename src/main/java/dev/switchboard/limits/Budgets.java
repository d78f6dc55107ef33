package dev.switchboard.limits;

import dev.switchboard.access.Principal;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Budgets as calls meet them. Before a call, {@link #admit} refuses it with 429 when a REJECT
 * budget it counts against has reached its amount in the current window; after it,
 * {@link #spent} adds its cost to every budget it counts against.
 *
 * <p>Spend is counted in this process and added to the database by a writer every
 * {@link Settings#flushEvery}, which also reads back what every replica has spent, so a call never
 * waits for the database. With one replica (SQLite) the count is exact. With several
 * ({@link Settings#shared}), a replica learns of the others' spend one flush late, so once a
 * window's remaining amount is less than what the whole gateway spends in {@link #NEAR_FLUSHES}
 * flushes (or 1 % of the amount), each call in that window reads the spend before it starts and
 * adds its cost right after it ends. What can still go over is the cost of the calls already
 * running when the amount is reached (MLflow's rule: the call that crosses the limit completes).
 * When the spend reaches the amount, the budget's alert is sent once per window, by one replica.
 */
public final class Budgets implements CallLimits, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Budgets.class);
    /** A window whose remaining amount the gateway spends in fewer flushes than this is counted call by call. */
    static final int NEAR_FLUSHES = 3;
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** How spend is shared: call by call near the limit when replicas share the database; how often it is written. */
    public record Settings(boolean shared, Duration flushEvery) {
        public static Settings of(boolean shared) {
            return new Settings(shared, shared ? Duration.ofMillis(100) : Duration.ofSeconds(1));
        }
    }

    private final BudgetStore store;
    private final BudgetAlerts alerts;
    private final InstantSource clock;
    private final Settings settings;
    private final Map<BudgetStore.WindowKey, Counter> counters = new ConcurrentHashMap<>();
    private final Thread writer;
    private volatile List<Tracked> tracked;
    private volatile boolean closing;
    private long lastWarn = System.nanoTime() - WARN_EVERY_NANOS;

    public Budgets(BudgetStore store, BudgetAlerts alerts, InstantSource clock, Settings settings) {
        this.store = store;
        this.alerts = alerts;
        this.clock = clock;
        this.settings = settings;
        this.tracked = track(store.policies());
        sync(); // what was spent before this start counts from the first call
        this.writer = Thread.ofPlatform().daemon().name("switchboard-budget-writer").start(this::run);
    }

    /** The budgets in force. */
    public List<BudgetPolicy> policies() {
        return tracked.stream().map(t -> t.policy).toList();
    }

    /** Reads the budgets again (after a change here or through another replica). */
    public void reload() {
        tracked = track(store.policies());
    }

    private List<Tracked> track(List<BudgetPolicy> policies) {
        return policies.stream().map(Tracked::new).toList();
    }

    /** Refuses the call with 429 if a REJECT budget it counts against has reached its amount. */
    @Override
    public void admit(String endpointId, Principal principal) {
        List<Tracked> all = tracked;
        if (all.isEmpty()) {
            return;
        }
        long now = clock.millis();
        for (Tracked budget : all) {
            BudgetPolicy policy = budget.policy;
            if (policy.action() != BudgetPolicy.Action.REJECT || !policy.counts(endpointId, principal)) {
                continue;
            }
            Current current = budget.at(now);
            BudgetWindow window = current.window();
            Counter counter = current.counter();
            if (counter.near || counter.total() >= counter.nearFrom) {
                counter.near = true; // the writer's next round may say otherwise, after a rollover say
                refresh(counter);
            }
            if (counter.total() >= policy.amountNanos()) {
                long seconds = Math.max(1, (window.endMillis() - now + 999) / 1000);
                throw new GatewayException.BudgetExceeded("Budget limit exceeded for policy '" + policy.id()
                        + "'. Limit: " + policy.limitText() + ". Budget resets at "
                        + Instant.ofEpochMilli(window.endMillis()).truncatedTo(ChronoUnit.SECONDS)
                        + ". Request rejected.", seconds);
            }
        }
    }

    /** Adds a call's cost to every budget it counts against. */
    @Override
    public void settled(String endpointId, Principal principal, Optional<BigDecimal> cost, Usage usage) {
        List<Tracked> all = tracked;
        if (all.isEmpty() || cost.isEmpty() || cost.get().signum() <= 0) {
            return;
        }
        long costNanos = BudgetPolicy.nanos(cost.get());
        long now = clock.millis();
        for (Tracked budget : all) {
            if (!budget.policy.counts(endpointId, principal)) {
                continue;
            }
            Counter counter = budget.at(now).counter();
            counter.unwritten.add(costNanos);
            if (counter.near) {
                try {
                    write(Map.of(counter.key, counter));
                } catch (RuntimeException e) {
                    warn(e); // kept as unwritten: the writer adds it once the database answers
                }
            }
        }
    }

    /** What this replica knows of a budget's current window: its spend, and when it ends. */
    public BudgetStore.WindowRow current(BudgetPolicy policy) {
        BudgetWindow window = policy.windowAt(clock.millis());
        Counter counter = counter(policy, window);
        return new BudgetStore.WindowRow(counter.key, counter.total(), Optional.empty());
    }

    private Counter counter(BudgetPolicy policy, BudgetWindow window) {
        BudgetStore.WindowKey key = new BudgetStore.WindowKey(policy.id(), window.startMillis(), window.endMillis());
        Counter counter = counters.get(key);
        return counter != null ? counter : counters.computeIfAbsent(key, Counter::new);
    }

    private void run() {
        long every = settings.flushEvery().toNanos();
        while (!closing) {
            LockSupport.parkNanos(every);
            sync();
        }
    }

    /**
     * One round of the writer: adds what this replica spent, reads what every replica spent in
     * the budgets' current windows, decides which windows are counted call by call, sends the alerts
     * due, and forgets windows that ended.
     */
    private void sync() {
        try {
            long now = clock.millis();
            List<Tracked> all = tracked;
            Map<BudgetStore.WindowKey, Counter> current = new HashMap<>();
            for (Tracked budget : all) {
                Counter counter = budget.at(now).counter();
                current.put(counter.key, counter);
            }
            counters.keySet().removeIf(key -> key.endMillis() <= now && !current.containsKey(key)
                    && counters.get(key).unwritten.sum() == 0);
            Map<BudgetStore.WindowKey, Counter> spending = new HashMap<>();
            counters.forEach((key, counter) -> {
                if (counter.unwritten.sum() > 0) {
                    spending.put(key, counter);
                }
            });
            write(spending);
            List<BudgetStore.WindowKey> quiet = new ArrayList<>();
            current.forEach((key, counter) -> {
                if (!spending.containsKey(key)) {
                    quiet.add(key);
                }
            });
            if (!quiet.isEmpty()) {
                store.spend(quiet).forEach((key, total) -> current.get(key).learned(total));
            }
            long nowNanos = System.nanoTime();
            for (Tracked budget : all) {
                BudgetPolicy policy = budget.policy;
                Counter counter = budget.at(now).counter();
                counter.judge(policy, nowNanos, settings);
                if (counter.total() >= policy.amountNanos() && !counter.alerted) {
                    counter.alerted = true;
                    if (policy.action() == BudgetPolicy.Action.ALERT && store.markAlerted(counter.key, now)) {
                        alerts.send(policy, counter.key, counter.total());
                    }
                }
            }
        } catch (RuntimeException e) {
            warn(e);
        }
    }

    private void warn(RuntimeException e) {
        long nowNanos = System.nanoTime();
        synchronized (this) {
            if (nowNanos - lastWarn < WARN_EVERY_NANOS) {
                return;
            }
            lastWarn = nowNanos;
        }
        LOG.warn("Could not share budget spend with the database (trying again): {}", e.getMessage());
    }

    /** Adds the unwritten spend of {@code counters} to the database, and learns their totals. */
    private void write(Map<BudgetStore.WindowKey, Counter> counters) {
        if (counters.isEmpty()) {
            return;
        }
        Map<BudgetStore.WindowKey, Long> adding = new HashMap<>();
        counters.forEach((key, counter) -> {
            long nanos = counter.unwritten.sumThenReset();
            if (nanos > 0) {
                adding.put(key, nanos);
                counter.writing.add(nanos);
            }
        });
        if (adding.isEmpty()) {
            return;
        }
        Map<BudgetStore.WindowKey, Long> totals;
        try {
            totals = store.add(adding);
        } catch (RuntimeException e) {
            adding.forEach((key, nanos) -> {
                Counter counter = counters.get(key);
                counter.writing.add(-nanos);
                counter.unwritten.add(nanos);
            });
            throw e;
        }
        adding.forEach((key, nanos) -> {
            Counter counter = counters.get(key);
            counter.learned(totals.get(key));
            counter.writing.add(-nanos);
        });
    }

    /** Reads a window's spend before a call near its amount; without the database, what this replica knows. */
    private void refresh(Counter counter) {
        try {
            store.spend(List.of(counter.key)).forEach((key, total) -> counter.learned(total));
        } catch (RuntimeException e) {
            warn(e);
        }
    }

    /** Writes what is unwritten, then stops the writer. */
    @Override
    public void close() {
        closing = true;
        writer.interrupt();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sync();
    }

    /** A budget in force, with the window its calls count in now: worked out once per window, not per call. */
    private final class Tracked {
        final BudgetPolicy policy;
        private volatile Current current;

        Tracked(BudgetPolicy policy) {
            this.policy = policy;
        }

        Current at(long now) {
            Current known = current;
            if (known == null || !known.window().holds(now)) {
                BudgetWindow window = policy.windowAt(now);
                known = new Current(window, counter(policy, window));
                current = known;
            }
            return known;
        }
    }

    private record Current(BudgetWindow window, Counter counter) {
    }

    /** One window's spend as this replica knows it. */
    private static final class Counter {
        final BudgetStore.WindowKey key;
        /** The window's spend in the database, as last read or written. */
        volatile long stored;
        /** Spend of this replica's calls not yet added to the database. */
        final LongAdder unwritten = new LongAdder();
        /** Spend being added right now (neither unwritten nor in {@link #stored} yet). */
        final LongAdder writing = new LongAdder();
        /** Whether calls in this window are counted one by one (near the amount, replicas sharing it). */
        volatile boolean near;
        /** The spend from which calls are counted one by one, as the writer's last round judged it. */
        volatile long nearFrom = Long.MAX_VALUE;
        /** Whether this replica has seen the window reach its amount (and tried to send its alert). */
        volatile boolean alerted;
        private long lastStored = -1;
        private long lastNanos;

        Counter(BudgetStore.WindowKey key) {
            this.key = key;
        }

        long total() {
            return stored + unwritten.sum() + writing.sum();
        }

        synchronized void learned(long total) {
            if (total > stored) {
                stored = total;
            }
        }

        /**
         * Decides whether the window is counted call by call: when replicas share it and what remains
         * is less than the gateway spends in {@link #NEAR_FLUSHES} rounds at the pace seen since the
         * last round (a flush interval, or longer when the writer ran late), or less than 1 % of the
         * amount.
         */
        synchronized void judge(BudgetPolicy policy, long nowNanos, Settings settings) {
            long total = total();
            if (!settings.shared()) {
                near = false;
            } else {
                long remaining = policy.amountNanos() - total;
                // What the gateway spent since the last round, per flush interval or per round if the
                // round came late (a busy machine delays the writer, not the calls).
                double perRound = 0;
                if (lastStored >= 0 && nowNanos > lastNanos) {
                    long spent = total - lastStored;
                    perRound = Math.max(spent, (double) spent * settings.flushEvery().toNanos() / (nowNanos - lastNanos));
                }
                long margin = (long) Math.max(policy.amountNanos() / 100, perRound * NEAR_FLUSHES);
                near = remaining < margin;
                nearFrom = policy.amountNanos() - margin;
            }
            lastStored = total;
            lastNanos = nowNanos;
        }
    }
}
