package dev.switchboard.config;

import dev.switchboard.core.RetryPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A named route to one or more models, as stored: mappings, routing, fallback and retry policy, tags. */
public record EndpointSpec(String id, String name, List<ModelMappingSpec> mappings, String routingStrategy,
                           Optional<FallbackConfig> fallbackConfig, Optional<String> experimentId,
                           boolean usageTracking, Map<String, String> tags, TimeoutOverrides timeouts,
                           RetryPolicy retries, Audit audit) {

    public static final String TRAFFIC_SPLIT = "REQUEST_BASED_TRAFFIC_SPLIT";

    public EndpointSpec {
        mappings = List.copyOf(mappings);
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** The PRIMARY mappings, in stored order. */
    public List<ModelMappingSpec> primaries() {
        return mappings.stream().filter(m -> m.linkage() == Linkage.PRIMARY).toList();
    }

    /** The FALLBACK mappings, by fallback order. */
    public List<ModelMappingSpec> fallbacks() {
        return mappings.stream()
                .filter(m -> m.linkage() == Linkage.FALLBACK)
                .sorted(java.util.Comparator.comparingInt(m -> m.fallbackOrder().orElse(Integer.MAX_VALUE)))
                .toList();
    }

    public EndpointSpec withMappings(List<ModelMappingSpec> newMappings) {
        return new EndpointSpec(id, name, newMappings, routingStrategy, fallbackConfig, experimentId, usageTracking,
                tags, timeouts, retries, audit);
    }

    /** This endpoint with other mappings and the fallback policy that goes with them. */
    public EndpointSpec withMappings(List<ModelMappingSpec> newMappings, Optional<FallbackConfig> newFallback) {
        return new EndpointSpec(id, name, newMappings, routingStrategy, newFallback, experimentId, usageTracking,
                tags, timeouts, retries, audit);
    }

    public EndpointSpec withTags(Map<String, String> newTags) {
        return new EndpointSpec(id, name, mappings, routingStrategy, fallbackConfig, experimentId, usageTracking,
                newTags, timeouts, retries, audit);
    }

    public EndpointSpec withAudit(Audit newAudit) {
        return new EndpointSpec(id, name, mappings, routingStrategy, fallbackConfig, experimentId, usageTracking,
                tags, timeouts, retries, newAudit);
    }
}
