package dev.switchboard.admin;

import dev.switchboard.access.Access;
import dev.switchboard.access.Capability;
import dev.switchboard.access.Principal;
import dev.switchboard.access.ResourceKind;
import dev.switchboard.core.GatewayException;
import dev.switchboard.limits.RateLimit;
import dev.switchboard.limits.RateLimitService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code rate-limits/*}: MLflow's gateway rate limits (an endpoint's {@code queries_per_minute},
 * with a {@code username}'s own beside the endpoint's default), plus {@code tokens_per_minute} and
 * a gateway key's own ({@code key_id}). Admins make, change and delete them; a signed-in user reads
 * the limits of the endpoints they may read, each with its sliding minute as this replica counts it.
 */
public final class RateLimitsApi {

    private final RateLimitService limits;

    public RateLimitsApi(RateLimitService limits) {
        this.limits = limits;
    }

    public List<AdminRoute> routes() {
        return List.of(
                new AdminRoute("POST", "rate-limits/create", Access.ADMIN, this::create),
                new AdminRoute("GET", "rate-limits/get", Access.SIGNED_IN, this::get),
                new AdminRoute("POST", "rate-limits/update", Access.ADMIN, this::update),
                new AdminRoute("DELETE", "rate-limits/delete", Access.ADMIN, this::delete),
                new AdminRoute("GET", "rate-limits/list", Access.SIGNED_IN, this::list));
    }

    private Object create(AdminRequest request) {
        RequestFields f = request.fields();
        return Map.of("rate_limit", view(limits.create(spec(f), request.actor("created_by"))));
    }

    private Object get(AdminRequest request) {
        RateLimit limit = limits.get(request.fields().requiredString("rate_limit_id"));
        if (!readable(request.principal(), limit)) {
            throw new GatewayException.NotFound("Rate limit '" + limit.id() + "' not found");
        }
        return Map.of("rate_limit", view(limit));
    }

    private Object update(AdminRequest request) {
        RequestFields f = request.fields();
        return Map.of("rate_limit", view(limits.update(f.requiredString("rate_limit_id"), spec(f),
                request.actor("updated_by"))));
    }

    private Object delete(AdminRequest request) {
        limits.delete(request.fields().requiredString("rate_limit_id"));
        return Map.of();
    }

    /** The limits the caller may read, filtered by {@code endpoint_id}, {@code username} or {@code key_id}. */
    private Object list(AdminRequest request) {
        RequestFields f = request.fields();
        Optional<String> endpoint = f.optionalString("endpoint_id");
        Optional<String> username = f.optionalString("username");
        Optional<String> key = f.optionalString("key_id");
        return Map.of("rate_limits", limits.list().stream()
                .filter(l -> endpoint.isEmpty() || endpoint.get().equals(l.endpointId()))
                .filter(l -> username.isEmpty() || username.equals(l.username()))
                .filter(l -> key.isEmpty() || key.equals(l.keyId()))
                .filter(l -> readable(request.principal(), l))
                .map(this::view).toList());
    }

    private static boolean readable(Principal principal, RateLimit limit) {
        return principal.can(ResourceKind.ENDPOINT, limit.endpointId(), Capability.READ);
    }

    private static RateLimitService.Spec spec(RequestFields f) {
        return new RateLimitService.Spec(f.optionalString("endpoint_id"), f.optionalString("username"),
                f.optionalString("key_id"), amount(f, "queries_per_minute"), amount(f, "tokens_per_minute"));
    }

    private static Optional<Long> amount(RequestFields f, String field) {
        return f.optionalLong(field).stream().boxed().findFirst();
    }

    private Map<String, Object> view(RateLimit l) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("rate_limit_id", l.id());
        v.put("endpoint_id", l.endpointId());
        l.username().ifPresent(u -> v.put("username", u));
        l.keyId().ifPresent(k -> v.put("key_id", k));
        l.requestsPerMinute().ifPresent(n -> v.put("queries_per_minute", n));
        l.tokensPerMinute().ifPresent(n -> v.put("tokens_per_minute", n));
        l.audit().createdBy().ifPresent(by -> v.put("created_by", by));
        v.put("created_at", l.audit().createdAt());
        l.audit().lastUpdatedBy().ifPresent(by -> v.put("last_updated_by", by));
        v.put("last_updated_at", l.audit().lastUpdatedAt());
        limits.state(l).ifPresent(state -> {
            Map<String, Object> minute = new LinkedHashMap<>();
            state.requests().ifPresent(q -> minute.put("requests", quota(q)));
            state.tokens().ifPresent(q -> minute.put("tokens", quota(q)));
            v.put("current_minute", minute);
        });
        return v;
    }

    private static Map<String, Object> quota(GatewayException.RateLimited.Quota q) {
        return Map.of("limit", q.limit(), "remaining", q.remaining(), "reset_ms", q.resetMillis());
    }
}
