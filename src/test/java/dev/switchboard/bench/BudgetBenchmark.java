package dev.switchboard.bench;

import dev.switchboard.access.Principal;
import dev.switchboard.config.Audit;
import dev.switchboard.core.ApiBasePolicy;
import dev.switchboard.core.Usage;
import dev.switchboard.limits.BudgetAlerts;
import dev.switchboard.limits.BudgetPolicy;
import dev.switchboard.limits.BudgetStore;
import dev.switchboard.limits.BudgetWindow;
import dev.switchboard.limits.Budgets;
import dev.switchboard.limits.CounterKey;
import dev.switchboard.limits.SharedCounts;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What budgets add to one call: the check before it and the count after it, with no budget, and with
 * one GLOBAL REJECT budget that is never reached (the writer adding to a store in memory every
 * second meanwhile). Run with {@code bench/jmh.sh BudgetBenchmark}; not part of the test suite.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BudgetBenchmark {

    private static final Optional<BigDecimal> COST = Optional.of(new BigDecimal("0.00045"));

    @Param({"0", "1"})
    public int budgets;

    private Budgets limits;

    @Setup(Level.Trial)
    public void start() {
        MemoryStore store = new MemoryStore();
        if (budgets == 1) {
            store.policies.add(new BudgetPolicy("bp-bench", 1_000_000_000L * BudgetPolicy.NANOS_PER_DOLLAR,
                    BudgetWindow.Unit.MONTHS, 1, ZoneId.of("UTC"), BudgetPolicy.Scope.GLOBAL, Optional.empty(),
                    BudgetPolicy.Action.REJECT, Optional.empty(), new Audit(0, 0, Optional.empty(), Optional.empty())));
        }
        limits = new Budgets(store, new BudgetAlerts(id -> Optional.empty(), ApiBasePolicy.permissive()),
                InstantSource.system(), new SharedCounts.Settings(false, Duration.ofSeconds(1)));
    }

    @TearDown(Level.Trial)
    public void stop() {
        limits.close();
    }

    @Benchmark
    public void admitThenSettle() {
        limits.admit("e-bench", Principal.OPEN);
        limits.settled("e-bench", Principal.OPEN, COST, Usage.NONE);
    }

    /** Budgets and windows in memory. */
    private static final class MemoryStore implements BudgetStore {
        final List<BudgetPolicy> policies = new ArrayList<>();
        private final Map<CounterKey, Long> spend = new HashMap<>();

        @Override
        public List<BudgetPolicy> policies() {
            return List.copyOf(policies);
        }

        @Override
        public Optional<BudgetPolicy> policy(String id) {
            return policies.stream().filter(p -> p.id().equals(id)).findFirst();
        }

        @Override
        public void insert(BudgetPolicy policy, Optional<String> webhookSecret) {
            policies.add(policy);
        }

        @Override
        public void update(BudgetPolicy policy, Optional<String> webhookSecret) {
            policies.replaceAll(p -> p.id().equals(policy.id()) ? policy : p);
        }

        @Override
        public boolean delete(String id) {
            return policies.removeIf(p -> p.id().equals(id));
        }

        @Override
        public Optional<String> webhookSecret(String id) {
            return Optional.empty();
        }

        @Override
        public boolean hasWebhookSecret(String id) {
            return false;
        }

        @Override
        public synchronized Map<CounterKey, Long> add(Map<CounterKey, Long> nanos) {
            Map<CounterKey, Long> totals = new HashMap<>();
            nanos.forEach((key, n) -> totals.put(key, spend.merge(key, n, Long::sum)));
            return totals;
        }

        @Override
        public synchronized Map<CounterKey, Long> read(Collection<CounterKey> windows) {
            Map<CounterKey, Long> totals = new HashMap<>();
            windows.forEach(key -> totals.put(key, spend.getOrDefault(key, 0L)));
            return totals;
        }

        @Override
        public boolean markAlerted(CounterKey window, long atMillis) {
            return false;
        }

        @Override
        public List<WindowRow> windows(String policyId, int limit) {
            return List.of();
        }
    }
}
