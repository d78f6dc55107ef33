package dev.switchboard.limits;

import static dev.switchboard.limits.LimitRequests.invalid;
import static dev.switchboard.limits.LimitRequests.missing;

import dev.switchboard.config.Audit;
import dev.switchboard.core.ApiBasePolicy;
import dev.switchboard.core.GatewayException;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Making, changing and deleting budgets: each change is checked (the amount, the window, the
 * scope's target, the webhook's address), stored, and in force on this replica when it returns (the
 * others read it on the change notice).
 */
public final class BudgetService {

    /** The longest webhook signing secret kept. */
    public static final int MAX_SECRET = 1024;

    /** Says why a scope's target does not name something that exists, or empty when it does. */
    @FunctionalInterface
    public interface Targets extends BiFunction<BudgetPolicy.Scope, String, Optional<String>> {
    }

    private final BudgetStore store;
    private final Budgets budgets;
    private final Targets targets;
    private final ApiBasePolicy addresses;
    private final InstantSource clock;

    public BudgetService(BudgetStore store, Budgets budgets, Targets targets, ApiBasePolicy addresses,
                         InstantSource clock) {
        this.store = store;
        this.budgets = budgets;
        this.targets = targets;
        this.addresses = addresses;
        this.clock = clock;
    }

    /** What a new budget or a change sets; an empty field of a change keeps what is stored. */
    public record Spec(Optional<Long> amountNanos, Optional<BudgetWindow.Unit> unit, Optional<Integer> value,
                       Optional<java.time.ZoneId> zone, Optional<BudgetPolicy.Scope> scope, Optional<String> target,
                       Optional<BudgetPolicy.Action> action, Optional<String> webhookUrl,
                       Optional<String> webhookSecret) {
    }

    public BudgetPolicy create(Spec spec, Optional<String> by) {
        long now = clock.millis();
        BudgetPolicy policy = check(new BudgetPolicy(LimitRequests.newId("bp-", 8),
                spec.amountNanos().orElseThrow(() -> missing("budget_amount")),
                spec.unit().orElseThrow(() -> missing("duration.unit")), spec.value().orElse(1),
                spec.zone().orElse(java.time.ZoneId.of("UTC")), spec.scope().orElseThrow(() -> missing("target_scope")),
                spec.target().filter(t -> !t.isEmpty()), spec.action().orElseThrow(() -> missing("budget_action")),
                spec.webhookUrl().filter(u -> !u.isEmpty()), new Audit(now, now, by, by)), spec.webhookSecret());
        store.insert(policy, spec.webhookSecret().filter(s -> !s.isEmpty()));
        budgets.reload();
        return policy;
    }

    public BudgetPolicy update(String id, Spec spec, Optional<String> by) {
        BudgetPolicy old = get(id);
        BudgetPolicy.Scope scope = spec.scope().orElse(old.scope());
        Optional<String> target = spec.target().isPresent() ? spec.target().filter(t -> !t.isEmpty())
                : spec.scope().isPresent() && spec.scope().get() != old.scope() ? Optional.empty() : old.target();
        BudgetPolicy changed = check(new BudgetPolicy(id, spec.amountNanos().orElse(old.amountNanos()),
                spec.unit().orElse(old.unit()), spec.value().orElse(old.value()), spec.zone().orElse(old.zone()), scope,
                target, spec.action().orElse(old.action()),
                spec.webhookUrl().isPresent() ? spec.webhookUrl().filter(u -> !u.isEmpty()) : old.webhookUrl(),
                new Audit(old.audit().createdAt(), clock.millis(), old.audit().createdBy(), by)), spec.webhookSecret());
        store.update(changed, spec.webhookSecret().filter(s -> !s.isEmpty()));
        budgets.reload();
        return changed;
    }

    public BudgetPolicy get(String id) {
        return store.policy(id).orElseThrow(() -> new GatewayException.NotFound(
                "Budget policy '" + id + "' not found"));
    }

    public List<BudgetPolicy> list() {
        return store.policies();
    }

    public void delete(String id) {
        if (!store.delete(id)) {
            throw new GatewayException.NotFound("Budget policy '" + id + "' not found");
        }
        budgets.reload();
    }

    /** Whether the budget has a webhook signing secret (its value is never shown). */
    public boolean hasWebhookSecret(String id) {
        return store.hasWebhookSecret(id);
    }

    /** A budget's windows: the current one as this replica counts it, then those stored, the latest first. */
    public List<BudgetStore.WindowRow> windows(BudgetPolicy policy, int limit) {
        BudgetStore.WindowRow current = budgets.current(policy);
        List<BudgetStore.WindowRow> stored = store.windows(policy.id(), limit);
        List<BudgetStore.WindowRow> all = new java.util.ArrayList<>();
        Optional<BudgetStore.WindowRow> storedCurrent = stored.stream().filter(w -> w.key().equals(current.key()))
                .findFirst();
        all.add(new BudgetStore.WindowRow(current.key(), Math.max(current.spendNanos(),
                storedCurrent.map(BudgetStore.WindowRow::spendNanos).orElse(0L)),
                storedCurrent.flatMap(BudgetStore.WindowRow::alertedAtMillis)));
        stored.stream().filter(w -> !w.key().equals(current.key())).limit(Math.max(0, limit - 1)).forEach(all::add);
        return all;
    }

    /** The current window of a budget, as this replica counts it. */
    public BudgetStore.WindowRow current(BudgetPolicy policy) {
        return windows(policy, 1).getFirst();
    }

    private BudgetPolicy check(BudgetPolicy policy, Optional<String> secret) {
        if (policy.amountNanos() <= 0) {
            throw invalid("budget_amount must be more than 0 (US dollars)");
        }
        if (policy.value() < 1 || policy.value() > 100_000) {
            throw invalid("duration.value must be a whole number from 1 to 100000");
        }
        if (policy.scope().targeted()) {
            String target = policy.target().orElseThrow(() -> invalid("target_value is required for target_scope "
                    + policy.scope() + " (" + switch (policy.scope()) {
                        case ENDPOINT -> "an endpoint_id";
                        case USER -> "a username";
                        default -> "a gateway key's key_id";
                    } + ")"));
            targets.apply(policy.scope(), target).ifPresent(problem -> {
                throw invalid(problem);
            });
        } else if (policy.target().isPresent()) {
            throw invalid("target_value must be empty for target_scope GLOBAL");
        }
        if (policy.webhookUrl().isPresent()) {
            try {
                addresses.checkUrl(policy.webhookUrl().get());
            } catch (GatewayException.InvalidRequest e) {
                throw new GatewayException.InvalidRequest(e.getMessage().replace("api_base", "webhook_url"));
            }
        }
        if (secret.map(String::length).orElse(0) > MAX_SECRET) {
            throw invalid("webhook_secret is longer than " + MAX_SECRET + " characters");
        }
        return policy;
    }
}
