package dev.switchboard.config;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One model definition attached to an endpoint. {@code weight} is as the caller gave it (a
 * fraction or a percentage, see {@link TrafficSplit}); {@code fallbackOrder} is set for fallbacks only.
 */
public record ModelMappingSpec(String id, String endpointId, ModelDefinitionSpec definition, double weight,
                               Linkage linkage, OptionalInt fallbackOrder, long createdAt, Optional<String> createdBy) {

    public ModelMappingSpec withEndpointId(String newEndpointId) {
        return new ModelMappingSpec(id, newEndpointId, definition, weight, linkage, fallbackOrder, createdAt, createdBy);
    }
}
