package dev.switchboard.limits;

import static dev.switchboard.limits.LimitRequests.invalid;
import static dev.switchboard.limits.LimitRequests.missing;

import dev.switchboard.config.Audit;
import dev.switchboard.core.GatewayException;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Making, changing and deleting rate limits: each change is checked (the amounts, and that the
 * endpoint, user or key exists), stored, and in force on this replica when it returns (the others
 * read it on the change notice).
 */
public final class RateLimitService {

    /** The largest amount per minute accepted. */
    public static final long MAX_PER_MINUTE = 1_000_000_000_000L;

    private final RateLimitStore store;
    private final RateLimits limits;
    private final BudgetService.Targets targets;
    private final InstantSource clock;

    public RateLimitService(RateLimitStore store, RateLimits limits, BudgetService.Targets targets, InstantSource clock) {
        this.store = store;
        this.limits = limits;
        this.targets = targets;
        this.clock = clock;
    }

    /**
     * What a new limit or a change sets. For a change, an empty amount keeps the stored one and
     * {@code 0} removes it; the endpoint, user and key of a limit never change.
     */
    public record Spec(Optional<String> endpointId, Optional<String> username, Optional<String> keyId,
                       Optional<Long> requestsPerMinute, Optional<Long> tokensPerMinute) {
    }

    public RateLimit create(Spec spec, Optional<String> by) {
        String endpointId = spec.endpointId().filter(e -> !e.isEmpty()).orElseThrow(() -> missing("endpoint_id"));
        Optional<String> username = spec.username().filter(u -> !u.isEmpty());
        Optional<String> keyId = spec.keyId().filter(k -> !k.isEmpty());
        if (username.isPresent() && keyId.isPresent()) {
            throw invalid("a rate limit is for a username or for a key_id, not both");
        }
        exists(BudgetPolicy.Scope.ENDPOINT, Optional.of(endpointId));
        exists(BudgetPolicy.Scope.USER, username);
        exists(BudgetPolicy.Scope.GATEWAY_KEY, keyId);
        long now = clock.millis();
        RateLimit limit = check(new RateLimit(LimitRequests.newId("rl-", 16), endpointId, username, keyId,
                amount(spec.requestsPerMinute(), "queries_per_minute"), amount(spec.tokensPerMinute(), "tokens_per_minute"),
                new Audit(now, now, by, by)));
        store.insert(limit);
        limits.reload();
        return limit;
    }

    public RateLimit update(String id, Spec spec, Optional<String> by) {
        RateLimit old = get(id);
        if (spec.endpointId().filter(e -> !e.equals(old.endpointId())).isPresent()
                || spec.username().filter(u -> !u.equals(old.username().orElse(""))).isPresent()
                || spec.keyId().filter(k -> !k.equals(old.keyId().orElse(""))).isPresent()) {
            throw invalid("the endpoint_id, username and key_id of a rate limit do not change; delete it and "
                    + "create another");
        }
        RateLimit changed = check(new RateLimit(id, old.endpointId(), old.username(), old.keyId(),
                spec.requestsPerMinute().isPresent() ? amount(spec.requestsPerMinute(), "queries_per_minute")
                        : old.requestsPerMinute(),
                spec.tokensPerMinute().isPresent() ? amount(spec.tokensPerMinute(), "tokens_per_minute")
                        : old.tokensPerMinute(),
                new Audit(old.audit().createdAt(), clock.millis(), old.audit().createdBy(), by)));
        store.update(changed);
        limits.reload();
        return changed;
    }

    public RateLimit get(String id) {
        return store.limit(id).orElseThrow(() -> new GatewayException.NotFound("Rate limit '" + id + "' not found"));
    }

    public List<RateLimit> list() {
        return store.limits();
    }

    public void delete(String id) {
        if (!store.delete(id)) {
            throw new GatewayException.NotFound("Rate limit '" + id + "' not found");
        }
        limits.reload();
    }

    /** What the limit's sliding minute holds now, as this replica counts it. */
    public Optional<RateLimits.State> state(RateLimit limit) {
        return limits.state(limit);
    }

    private void exists(BudgetPolicy.Scope scope, Optional<String> target) {
        target.flatMap(t -> targets.apply(scope, t)).ifPresent(problem -> {
            throw invalid(problem);
        });
    }

    /** An amount as given: {@code 0} means none. */
    private static Optional<Long> amount(Optional<Long> given, String field) {
        if (given.isEmpty() || given.get() == 0) {
            return Optional.empty();
        }
        long n = given.get();
        if (n < 0 || n > MAX_PER_MINUTE) {
            throw invalid(field + " must be a whole number from 1 to " + MAX_PER_MINUTE + " (or 0 for no limit)");
        }
        return given;
    }

    private static RateLimit check(RateLimit limit) {
        if (limit.requestsPerMinute().isEmpty() && limit.tokensPerMinute().isEmpty()) {
            throw invalid("a rate limit needs queries_per_minute or tokens_per_minute (or both)");
        }
        return limit;
    }
}
