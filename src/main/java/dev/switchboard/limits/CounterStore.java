package dev.switchboard.limits;

import java.util.Collection;
import java.util.Map;

/**
 * Where shared counts live: the database every replica shares. Counts are added, never set, so that
 * replicas adding at once lose nothing.
 */
public interface CounterStore {

    /**
     * Adds each amount to its window's count (creating the window at 0 first) in one transaction,
     * and returns every window's count after the additions. A count whose owner (a budget, a rate
     * limit) no longer exists is not stored; its total is then what was added.
     */
    Map<CounterKey, Long> add(Map<CounterKey, Long> amounts);

    /** The counts of these windows as stored (0 for a window not stored yet). */
    Map<CounterKey, Long> read(Collection<CounterKey> windows);
}
