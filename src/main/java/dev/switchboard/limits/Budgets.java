package dev.switchboard.limits;

import dev.switchboard.access.Principal;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

    private final BudgetStore store;
    private final BudgetAlerts alerts;
    private final InstantSource clock;
    private final SharedCounts counts;
    /** Windows whose reaching the amount this replica has seen (and tried to alert). */
    private final Set<CounterKey> alerted = ConcurrentHashMap.newKeySet();
    private volatile List<Tracked> tracked;

    public Budgets(BudgetStore store, BudgetAlerts alerts, InstantSource clock, SharedCounts.Settings settings) {
        this.store = store;
        this.alerts = alerts;
        this.clock = clock;
        this.counts = new SharedCounts(store, settings, "budget spend");
        this.tracked = track(store.policies());
        try {
            sync(); // what was spent before this start counts from the first call
        } catch (RuntimeException e) {
            counts.warn(e);
        }
        counts.start("switchboard-budget-writer", this::sync);
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
            SharedCounts.Counter counter = current.counter();
            if (counter.nearNow()) {
                counts.refresh(counter);
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
            SharedCounts.Counter counter = budget.at(now).counter();
            counter.unwritten.add(costNanos);
            if (counter.near) {
                counts.writeNow(counter);
            }
        }
    }

    /** What this replica knows of a budget's current window: its spend, and when it ends. */
    public BudgetStore.WindowRow current(BudgetPolicy policy) {
        BudgetWindow window = policy.windowAt(clock.millis());
        SharedCounts.Counter counter = counter(policy, window);
        return new BudgetStore.WindowRow(counter.key, counter.total(), Optional.empty());
    }

    private SharedCounts.Counter counter(BudgetPolicy policy, BudgetWindow window) {
        return counts.counter(new CounterKey(policy.id(), window.startMillis(), window.endMillis()));
    }

    /**
     * One round of the writer: shares the spend, decides which windows are counted call by call, and
     * sends the alerts due.
     */
    private void sync() {
        long now = clock.millis();
        List<Tracked> all = tracked;
        List<SharedCounts.Counter> live = new ArrayList<>();
        for (Tracked budget : all) {
            live.add(budget.at(now).counter());
        }
        counts.sync(live, now);
        alerted.removeIf(key -> key.endMillis() <= now);
        long nowNanos = System.nanoTime();
        for (Tracked budget : all) {
            BudgetPolicy policy = budget.policy;
            SharedCounts.Counter counter = budget.at(now).counter();
            counter.judge(policy.amountNanos(), nowNanos, counts.settings());
            if (counter.total() >= policy.amountNanos() && alerted.add(counter.key)
                    && policy.action() == BudgetPolicy.Action.ALERT && store.markAlerted(counter.key, now)) {
                alerts.send(policy, counter.key, counter.total());
            }
        }
    }

    /** Writes what is unwritten, then stops the writer. */
    @Override
    public void close() {
        counts.close();
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

    private record Current(BudgetWindow window, SharedCounts.Counter counter) {
    }
}
