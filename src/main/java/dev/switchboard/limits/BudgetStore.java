package dev.switchboard.limits;

import java.util.List;
import java.util.Optional;

/**
 * Where budgets and their windows' spend (in nano-dollars, counted by {@link CounterKey}s whose
 * counter is the budget's id) are kept: the database every replica shares.
 */
public interface BudgetStore extends CounterStore {

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
     * Marks a window as alerted if it was not, and says whether this call marked it: of several
     * replicas that see the same crossing, one sends the alert.
     */
    boolean markAlerted(CounterKey window, long atMillis);

    /** A budget's stored windows, the latest first. */
    List<WindowRow> windows(String policyId, int limit);

    /** A stored window: its spend, and when its alert was sent (if it was). */
    record WindowRow(CounterKey key, long spendNanos, Optional<Long> alertedAtMillis) {
    }
}
