package dev.switchboard.routing;

import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Plans the attempts of one request: a weighted random pick among the usable PRIMARY targets, then
 * the usable FALLBACK targets in order, at most {@code maxFallbacks} of them. Unusable targets
 * (no key) are skipped, as MLflow skips orphaned model definitions; so are targets that cool down
 * ({@link Cooldowns}) while another target is left. The plan is data, easy to test.
 */
public final class Router {

    private static final Predicate<Target> USABLE = Target::usable;

    private Router() {
    }

    public static List<Target> plan(EndpointSnapshot endpoint, RandomGenerator random) {
        return plan(endpoint, random, target -> false);
    }

    /**
     * The plan without the targets {@code coolingDown} names, as long as some other target is left;
     * if none is, the plan as if nothing cooled down (trying a cooling target beats failing at once).
     */
    public static List<Target> plan(EndpointSnapshot endpoint, RandomGenerator random, Predicate<Target> coolingDown) {
        List<Target> plan = planOf(endpoint, random, USABLE.and(coolingDown.negate()));
        if (plan.isEmpty()) {
            plan = planOf(endpoint, random, USABLE);
        }
        if (plan.isEmpty()) {
            throw new GatewayException.NoUsableTarget("Endpoint '" + endpoint.name() + "' has no usable target: "
                    + String.join("; ", endpoint.primaries().stream()
                    .map(t -> t.unusableReason().orElse("?")).distinct().toList()));
        }
        return plan;
    }

    private static List<Target> planOf(EndpointSnapshot endpoint, RandomGenerator random, Predicate<Target> usable) {
        List<Target> plan = new ArrayList<>(1 + endpoint.maxFallbacks());
        pick(endpoint, random, plan, usable);
        int fallbacks = 0;
        for (Target fallback : endpoint.fallbacks()) {
            if (fallbacks == endpoint.maxFallbacks()) {
                break;
            }
            if (usable.test(fallback)) {
                plan.add(fallback);
                fallbacks++;
            }
        }
        return plan;
    }

    /** Adds the traffic split's choice among the usable primaries, weighting by their percentages. */
    private static void pick(EndpointSnapshot endpoint, RandomGenerator random, List<Target> plan,
                             Predicate<Target> usable) {
        List<Target> primaries = endpoint.primaries();
        List<Integer> percentages = endpoint.percentages();
        int total = 0;
        for (int i = 0; i < primaries.size(); i++) {
            if (usable.test(primaries.get(i))) {
                total += percentages.get(i);
            }
        }
        if (total == 0) {
            return;
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < primaries.size(); i++) {
            if (usable.test(primaries.get(i))) {
                draw -= percentages.get(i);
                if (draw < 0) {
                    plan.add(primaries.get(i));
                    return;
                }
            }
        }
    }
}
