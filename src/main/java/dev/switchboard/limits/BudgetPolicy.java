package dev.switchboard.limits;

import dev.switchboard.access.Principal;
import dev.switchboard.config.Audit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A budget (MLflow's budget policy): an amount in US dollars that the calls in {@link #scope}
 * may cost per window, and what happens when they cost more: {@link Action#ALERT} calls the
 * webhook once per window, {@link Action#REJECT} answers later calls 429 until the window ends.
 * Amounts are held in nano-dollars, so that sums of small costs stay exact.
 */
public record BudgetPolicy(String id, long amountNanos, BudgetWindow.Unit unit, int value, ZoneId zone, Scope scope,
                           Optional<String> target, Action action, Optional<String> webhookUrl, Audit audit) {

    /** Nano-dollars in a dollar. */
    public static final long NANOS_PER_DOLLAR = 1_000_000_000L;

    /** What a budget counts: every call, or the calls to one endpoint, of one user, or with one gateway key. */
    public enum Scope {
        GLOBAL, ENDPOINT, USER, GATEWAY_KEY;

        /** Whether a budget of this scope names what it counts ({@code target_value}). */
        public boolean targeted() {
            return this != GLOBAL;
        }
    }

    /** What a budget does once its window's spend reaches the amount. */
    public enum Action { ALERT, REJECT }

    /** Whether a call to {@code endpointId} by {@code principal} counts against this budget. */
    public boolean counts(String endpointId, Principal principal) {
        return switch (scope) {
            case GLOBAL -> true;
            case ENDPOINT -> target.orElse("").equals(endpointId);
            case USER -> principal.user().map(u -> u.username().equals(target.orElse(""))).orElse(false);
            case GATEWAY_KEY -> principal instanceof Principal.Key key && key.keyId().equals(target.orElse(""));
        };
    }

    /** The window this budget counts in at {@code nowMillis}. */
    public BudgetWindow windowAt(long nowMillis) {
        return BudgetWindow.at(nowMillis, unit, value, zone);
    }

    /** The amount in dollars. */
    public BigDecimal amount() {
        return dollars(amountNanos);
    }

    /** As MLflow words a limit: {@code $500.00 USD per 1 month}. */
    public String limitText() {
        String unitName = unit.name().toLowerCase(java.util.Locale.ROOT);
        return "$" + amount().setScale(Math.max(2, amount().stripTrailingZeros().scale()), RoundingMode.UNNECESSARY)
                .toPlainString() + " USD per " + value + " " + (value == 1 ? unitName.substring(0, unitName.length() - 1)
                : unitName);
    }

    /** {@code nanos} nano-dollars in dollars. */
    public static BigDecimal dollars(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros();
    }

    /** {@code dollars} in nano-dollars, rounded up (a cost is never counted as less than it was). */
    public static long nanos(BigDecimal dollars) {
        return dollars.movePointRight(9).setScale(0, RoundingMode.CEILING).longValueExact();
    }
}
