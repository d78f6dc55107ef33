package dev.switchboard.usage;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes every call's record off the request path: counts it in the metrics, and, when its endpoint
 * tracks usage, puts it on a bounded queue that one writer thread drains into the store in batches.
 * A full queue drops the record, counts the drop and says so in the log (at most every ten seconds);
 * a call never waits for the database, nor for a lock, nor wakes the writer. Calls and roll-ups past
 * their retention are pruned every hour. Closing writes what is queued, then stops.
 */
public final class UsageRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UsageRecorder.class);
    private static final int BATCH = 2000;
    /**
     * How often the writer takes what is queued. A writer that sleeps between batches is never woken
     * by a call (a wake-up per record costs more than writing it), and each transaction rewrites the
     * same hot pages (the table's end, the indexes' ends, the hour's roll-ups), so a batch should
     * hold a few hundred records rather than one. But a record that waits longer than the young
     * generation lives is copied by the collector, and at a saturating load that costs more than
     * smaller batches do: at 100 ms, usage tracking cost about 4 µs of CPU per call and promoted
     * 1.6 times as much to the old generation as at 20 ms, where it cost about 2 µs (bench/run.sh).
     */
    private static final long DRAIN_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    private static final Duration FIRST_PRUNE = Duration.ofMinutes(1);
    private static final long DROP_LOG_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final GatewayMetrics metrics;
    private final Pricer pricer;
    private final UsageStore store;
    private final UsageSettings settings;
    private final InstantSource clock;
    private final ConcurrentLinkedQueue<UsageRecord> queue = new ConcurrentLinkedQueue<>();
    /** Records queued and not yet taken by the writer: the queue's bound is kept on this count. */
    private final AtomicInteger queued = new AtomicInteger();
    private final Thread writer;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong droppedUnlogged = new AtomicLong();
    private final AtomicLong lastDropLog = new AtomicLong(System.nanoTime() - DROP_LOG_NANOS);
    private volatile boolean closing;
    private long nextPrune;

    public UsageRecorder(GatewayMetrics metrics, Pricer pricer, UsageStore store, UsageSettings settings,
                         InstantSource clock) {
        this.metrics = metrics;
        this.pricer = pricer;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.nextPrune = clock.millis() + FIRST_PRUNE.toMillis();
        this.writer = Thread.ofPlatform().daemon().name("switchboard-usage-writer").start(this::drain);
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    /** How calls are priced (the catalog's rates). */
    public Pricer pricer() {
        return pricer;
    }

    /** Counts a call and queues its record if its endpoint tracks usage; never blocks. */
    public void record(UsageRecord call) {
        metrics.record(call);
        if (!call.tracked()) {
            return;
        }
        boolean open = !closing;
        if (open && queued.incrementAndGet() <= settings.queueCapacity()) {
            queue.offer(call);
            accepted.incrementAndGet();
            return;
        }
        if (open) {
            queued.decrementAndGet();
        }
        dropped();
    }

    private void dropped() {
        metrics.recordDropped();
        droppedUnlogged.incrementAndGet();
        long last = lastDropLog.get();
        long now = System.nanoTime();
        if (now - last >= DROP_LOG_NANOS && lastDropLog.compareAndSet(last, now)) {
            LOG.warn("Usage records dropped: {} in the last {} s, because {} records were waiting for the database "
                    + "(raise {} or look at the database's speed)", droppedUnlogged.getAndSet(0),
                    TimeUnit.NANOSECONDS.toSeconds(now - last), settings.queueCapacity(), UsageSettings.QUEUE_ENV);
        }
    }

    /**
     * Waits until every record queued before this call is written (or lost), for at most
     * {@code timeout}; returns whether it was.
     */
    public boolean flush(Duration timeout) {
        long target = accepted.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (done.get() < target) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            LockSupport.unpark(writer);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Deletes calls and roll-ups past their retention now. */
    public UsageStore.Pruned prune() {
        long now = clock.millis();
        UsageStore.Pruned pruned = store.prune(now - settings.callRetention().toMillis(),
                now - settings.rollupRetention().toMillis());
        if (pruned.calls() > 0 || pruned.rollups() > 0) {
            LOG.info("Usage pruned: {} calls older than {} days, {} hourly roll-ups older than {} days", pruned.calls(),
                    settings.callRetention().toDays(), pruned.rollups(), settings.rollupRetention().toDays());
        }
        return pruned;
    }

    private void drain() {
        List<UsageRecord> batch = new ArrayList<>(BATCH);
        while (true) {
            boolean last = closing;
            for (UsageRecord r = queue.poll(); r != null; r = queue.poll()) {
                batch.add(r);
                if (batch.size() == BATCH) {
                    write(batch);
                }
            }
            if (!batch.isEmpty()) {
                write(batch);
            }
            if (last) {
                return;
            }
            if (clock.millis() >= nextPrune) {
                nextPrune = clock.millis() + PRUNE_EVERY.toMillis();
                try {
                    prune();
                } catch (RuntimeException e) {
                    LOG.warn("Pruning usage failed; it is tried again in an hour", e);
                }
            }
            LockSupport.parkNanos(this, DRAIN_EVERY_NANOS);
        }
    }

    private void write(List<UsageRecord> batch) {
        queued.addAndGet(-batch.size());
        try {
            store.write(batch);
            metrics.recordsWritten(batch.size());
        } catch (RuntimeException e) {
            metrics.recordsLost(batch.size());
            LOG.error("Could not store {} usage records; they are lost (the calls themselves were answered)",
                    batch.size(), e);
        } finally {
            done.addAndGet(batch.size());
            batch.clear();
        }
    }

    /** Stops taking records, writes those queued (waiting at most ten seconds), and stops the writer. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(writer);
        try {
            writer.join(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.warn("Usage writer still busy after {} s; {} records were not written", CLOSE_WAIT.toSeconds(),
                    queued.get());
        }
    }
}
