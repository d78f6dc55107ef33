package dev.switchboard.admin;

import dev.switchboard.access.Access;
import dev.switchboard.core.GatewayException;
import dev.switchboard.limits.BudgetPolicy;
import dev.switchboard.limits.BudgetService;
import dev.switchboard.limits.BudgetStore;
import dev.switchboard.limits.BudgetWindow;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code budgets/*}: MLflow's budget policy routes. Admins make, change and delete budgets; any
 * signed-in user reads them and their windows (as MLflow allows). Beyond MLflow's fields:
 * {@code target_scope} {@code GATEWAY_KEY}, {@code time_zone} for the windows, and the ALERT
 * action's {@code webhook_url} and write-only {@code webhook_secret}.
 */
public final class BudgetsApi {

    private static final int DEFAULT_PAGE = 100;

    private final BudgetService budgets;

    public BudgetsApi(BudgetService budgets) {
        this.budgets = budgets;
    }

    public List<AdminRoute> routes() {
        return List.of(
                new AdminRoute("POST", "budgets/create", Access.ADMIN, this::create),
                new AdminRoute("GET", "budgets/get", Access.SIGNED_IN, this::get),
                new AdminRoute("POST", "budgets/update", Access.ADMIN, this::update),
                new AdminRoute("DELETE", "budgets/delete", Access.ADMIN, this::delete),
                new AdminRoute("GET", "budgets/list", Access.SIGNED_IN, this::list),
                new AdminRoute("GET", "budgets/windows", Access.SIGNED_IN, this::windows));
    }

    private Object create(AdminRequest request) {
        BudgetPolicy policy = budgets.create(spec(request.fields()), request.actor("created_by"));
        return Map.of("budget_policy", view(policy));
    }

    private Object get(AdminRequest request) {
        return Map.of("budget_policy", view(budgets.get(request.fields().requiredString("budget_policy_id"))));
    }

    private Object update(AdminRequest request) {
        RequestFields f = request.fields();
        BudgetPolicy policy = budgets.update(f.requiredString("budget_policy_id"), spec(f), request.actor("updated_by"));
        return Map.of("budget_policy", view(policy));
    }

    private Object delete(AdminRequest request) {
        budgets.delete(request.fields().requiredString("budget_policy_id"));
        return Map.of();
    }

    private Object list(AdminRequest request) {
        RequestFields f = request.fields();
        int max = f.optionalInt("max_results").orElse(0);
        if (max < 0) {
            throw new GatewayException.InvalidRequest("Invalid value: max_results must not be negative");
        }
        int size = max == 0 ? DEFAULT_PAGE : Math.min(max, 1000);
        int offset = f.optionalString("page_token").map(BudgetsApi::offset).orElse(0);
        List<BudgetPolicy> all = budgets.list();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("budget_policies", all.stream().skip(offset).limit(size).map(this::view).toList());
        if (offset + size < all.size()) {
            answer.put("next_page_token", Integer.toString(offset + size));
        }
        return answer;
    }

    /**
     * MLflow's windows: the current window of every budget; with {@code budget_policy_id}, that
     * budget's windows, the current one first, then its history ({@code max_results}, 100 by default).
     */
    private Object windows(AdminRequest request) {
        RequestFields f = request.fields();
        Optional<String> id = f.optionalString("budget_policy_id");
        if (id.isEmpty()) {
            return Map.of("windows", budgets.list().stream().map(p -> window(p, budgets.current(p))).toList());
        }
        BudgetPolicy policy = budgets.get(id.get());
        int max = Math.max(1, Math.min(f.optionalInt("max_results").orElse(DEFAULT_PAGE), 1000));
        return Map.of("windows", budgets.windows(policy, max).stream().map(w -> window(policy, w)).toList());
    }

    private static int offset(String token) {
        try {
            int offset = Integer.parseInt(token);
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new GatewayException.InvalidRequest("Invalid value: page_token is not one this API gave");
    }

    private static BudgetService.Spec spec(RequestFields f) {
        String unit = f.optionalString("budget_unit").orElse("USD");
        if (!unit.equals("USD")) {
            throw new GatewayException.InvalidRequest("Invalid budget_unit: " + quoted(unit) + "; only USD is supported");
        }
        Optional<Long> amount = f.optionalDouble("budget_amount").stream().boxed().findFirst().map(d -> {
            if (!Double.isFinite(d) || d <= 0 || d > 9e9) {
                throw new GatewayException.InvalidRequest("Invalid value: budget_amount must be more than 0 and at "
                        + "most 9000000000 (US dollars)");
            }
            return BudgetPolicy.nanos(BigDecimal.valueOf(d));
        });
        Optional<RequestFields> duration = f.optionalObject("duration");
        Optional<String> unitName = duration.isPresent() ? duration.get().optionalString("unit")
                : f.optionalString("duration_unit");
        Optional<Integer> value = (duration.isPresent() ? duration.get().optionalInt("value")
                : f.optionalInt("duration_value")).stream().boxed().findFirst();
        return new BudgetService.Spec(amount,
                unitName.map(u -> named(BudgetWindow.Unit.class, "duration.unit", u)), value,
                f.optionalString("time_zone").map(BudgetsApi::zone),
                f.optionalString("target_scope").map(s -> {
                    if (s.equals("WORKSPACE")) {
                        throw new GatewayException.InvalidRequest("Invalid target_scope: WORKSPACE; this gateway has "
                                + "one workspace: use GLOBAL");
                    }
                    return named(BudgetPolicy.Scope.class, "target_scope", s);
                }),
                f.optionalString("target_value"),
                f.optionalString("budget_action").map(a -> named(BudgetPolicy.Action.class, "budget_action", a)),
                f.optionalString("webhook_url"), f.optionalString("webhook_secret"));
    }

    private static <E extends Enum<E>> E named(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            throw new GatewayException.InvalidRequest("Invalid " + field + ": " + quoted(value) + "; expected one of "
                    + String.join(", ", names));
        }
    }

    private static ZoneId zone(String name) {
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new GatewayException.InvalidRequest("Invalid time_zone: " + quoted(name)
                    + "; expected a zone such as UTC or Europe/Paris");
        }
    }

    private static String quoted(String value) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return "'" + shown + "'";
    }

    private Map<String, Object> view(BudgetPolicy p) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("budget_policy_id", p.id());
        v.put("budget_unit", "USD");
        v.put("budget_amount", p.amount().doubleValue());
        v.put("duration", Map.of("unit", p.unit().name(), "value", p.value()));
        v.put("time_zone", p.zone().getId());
        v.put("target_scope", p.scope().name());
        p.target().ifPresent(t -> v.put("target_value", t));
        v.put("budget_action", p.action().name());
        p.webhookUrl().ifPresent(u -> v.put("webhook_url", u));
        v.put("has_webhook_secret", budgets.hasWebhookSecret(p.id()));
        p.audit().createdBy().ifPresent(by -> v.put("created_by", by));
        v.put("created_at", p.audit().createdAt());
        p.audit().lastUpdatedBy().ifPresent(by -> v.put("last_updated_by", by));
        v.put("last_updated_at", p.audit().lastUpdatedAt());
        v.put("current_window", window(p, budgets.current(p)));
        return v;
    }

    private static Map<String, Object> window(BudgetPolicy p, BudgetStore.WindowRow w) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("budget_policy_id", p.id());
        v.put("window_start_ms", w.key().startMillis());
        v.put("window_end_ms", w.key().endMillis());
        v.put("current_spend", BudgetPolicy.dollars(w.spendNanos()).doubleValue());
        v.put("exceeded", w.spendNanos() >= p.amountNanos());
        w.alertedAtMillis().ifPresent(at -> v.put("alerted_at_ms", at));
        return v;
    }
}
