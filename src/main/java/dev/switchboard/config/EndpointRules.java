package dev.switchboard.config;

import dev.switchboard.core.GatewayException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The invariants every stored endpoint satisfies, checked on the whole endpoint after any change
 * (create, update, attach, detach), so no sequence of calls can store one that cannot route.
 */
final class EndpointRules {

    private EndpointRules() {
    }

    static EndpointSpec check(EndpointSpec endpoint) {
        Names.endpoint(endpoint.name());
        if (!EndpointSpec.TRAFFIC_SPLIT.equals(endpoint.routingStrategy())) {
            throw new GatewayException.InvalidRequest("Unsupported routing_strategy '" + endpoint.routingStrategy()
                    + "': use " + EndpointSpec.TRAFFIC_SPLIT);
        }
        List<ModelMappingSpec> primaries = endpoint.primaries();
        if (primaries.isEmpty()) {
            throw new GatewayException.InvalidRequest(
                    "Endpoint '" + endpoint.name() + "' must have at least one PRIMARY model");
        }
        TrafficSplit.percentages(primaries.stream().map(ModelMappingSpec::weight).toList());
        Set<String> seen = new HashSet<>();
        for (ModelMappingSpec m : endpoint.mappings()) {
            if (!seen.add(m.linkage() + "/" + m.definition().id())) {
                throw new GatewayException.InvalidRequest("Model definition '" + m.definition().id()
                        + "' is listed more than once as " + m.linkage());
            }
        }
        List<ModelMappingSpec> fallbacks = endpoint.fallbacks();
        Set<Integer> orders = new HashSet<>();
        for (ModelMappingSpec f : fallbacks) {
            int order = f.fallbackOrder().orElseThrow();
            if (order < 0) {
                throw new GatewayException.InvalidRequest("fallback_order must be 0 or more; got " + order);
            }
            if (!orders.add(order)) {
                throw new GatewayException.InvalidRequest("fallback_order " + order + " is used by more than one "
                        + "FALLBACK model; each fallback needs its own position");
            }
        }
        endpoint.fallbackConfig().ifPresent(config -> {
            if (!FallbackConfig.SEQUENTIAL.equals(config.strategy())) {
                throw new GatewayException.InvalidRequest("Unsupported fallback strategy '" + config.strategy()
                        + "': use " + FallbackConfig.SEQUENTIAL);
            }
            if (config.maxAttempts() < 0 || config.maxAttempts() > fallbacks.size()) {
                throw new GatewayException.InvalidRequest("fallback_config.max_attempts must be from 1 to the number "
                        + "of FALLBACK models (" + fallbacks.size() + "), or 0 for all of them; got "
                        + config.maxAttempts());
            }
        });
        return endpoint;
    }
}
