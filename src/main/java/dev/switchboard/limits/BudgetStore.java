package dev.switchboard.limits;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where budgets and their windows' spend are kept: the database every replica shares. Spend is
 * added, never set, so that replicas adding at once lose nothing.
 */
public interface BudgetStore {

    List<BudgetPolicy> policies();

    Optional<BudgetPolicy> policy(String id);

    /** Stores a new budget; its webhook's signing secret, if any, is kept encrypted. */
    void insert(BudgetPolicy policy, Optional<String> webhookSecret);

    /** Replaces a budget's fields; an empty {@code webhookSecret} keeps the one stored. */
    void update(BudgetPolicy policy, Optional<String> webhookSecret);

    /** Deletes a budget and its windows; false when there was none. */
    boolean delete(String id);

    /** The signing secret of a budget's webhook, decrypted. */
    Optional<String> webhookSecret(String id);

    /** Whether a budget's webhook has a signing secret (without decrypting it). */
    boolean hasWebhookSecret(String id);

    /**
     * Adds {@code nanos} to the spend of each window (creating it at 0 first) in one transaction, and
     * returns every window's spend after the additions.
     */
    Map<WindowKey, Long> add(Map<WindowKey, Long> nanos);

    /** The spend of these windows as stored (0 for a window not stored yet). */
    Map<WindowKey, Long> spend(Collection<WindowKey> windows);

    /**
     * Marks a window as alerted if it was not, and says whether this call marked it: of several
     * replicas that see the same crossing, one sends the alert.
     */
    boolean markAlerted(WindowKey window, long atMillis);

    /** A budget's stored windows, the latest first. */
    List<WindowRow> windows(String policyId, int limit);

    /** One window of one budget. */
    record WindowKey(String policyId, long startMillis, long endMillis) {
    }

    /** A stored window: its spend, and when its alert was sent (if it was). */
    record WindowRow(WindowKey key, long spendNanos, Optional<Long> alertedAtMillis) {
    }
}
