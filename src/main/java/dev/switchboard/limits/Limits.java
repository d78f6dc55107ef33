package dev.switchboard.limits;

import dev.switchboard.access.Principal;
import dev.switchboard.core.Usage;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Every limit a call meets: the budgets, then the rate limits. A call a budget refuses is not
 * counted against a rate limit.
 */
public final class Limits implements CallLimits, AutoCloseable {

    private final Budgets budgets;
    private final RateLimits rateLimits;

    public Limits(Budgets budgets, RateLimits rateLimits) {
        this.budgets = budgets;
        this.rateLimits = rateLimits;
    }

    public Budgets budgets() {
        return budgets;
    }

    public RateLimits rateLimits() {
        return rateLimits;
    }

    @Override
    public void admit(String endpointId, Principal principal) {
        budgets.admit(endpointId, principal);
        rateLimits.admit(endpointId, principal);
    }

    @Override
    public void settled(String endpointId, Principal principal, Optional<BigDecimal> cost, Usage usage) {
        budgets.settled(endpointId, principal, cost, usage);
        rateLimits.settled(endpointId, principal, cost, usage);
    }

    /** Reads the budgets and rate limits again (after a change through another replica). */
    public void reload() {
        budgets.reload();
        rateLimits.reload();
    }

    /** Writes what is counted and not yet shared, then stops the writers. */
    @Override
    public void close() {
        try {
            rateLimits.close();
        } finally {
            budgets.close();
        }
    }
}
