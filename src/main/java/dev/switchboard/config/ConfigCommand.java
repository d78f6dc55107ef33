package dev.switchboard.config;

import dev.switchboard.core.RetryPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The changes the management API asks of the configuration, already checked for shape (types,
 * required fields) but not yet for meaning; the services validate them against what is stored.
 * An empty optional means "not given" (on update: leave unchanged).
 */
public sealed interface ConfigCommand {

    record CreateSecret(String name, Map<String, String> value, Optional<String> provider,
                        Map<String, Object> authConfig, Optional<String> description,
                        Optional<String> createdBy) implements ConfigCommand { }

    /** {@code description}: absent keeps the stored one, blank clears it. */
    record UpdateSecret(String id, Optional<Map<String, String>> value, Optional<Map<String, Object>> authConfig,
                        Optional<String> description, Optional<String> updatedBy) implements ConfigCommand { }

    record CreateModelDefinition(String name, String secretId, String provider, String modelName,
                                 Optional<String> createdBy) implements ConfigCommand { }

    record UpdateModelDefinition(String id, Optional<String> name, Optional<String> secretId,
                                 Optional<String> provider, Optional<String> modelName,
                                 Optional<String> updatedBy) implements ConfigCommand { }

    /** One entry of an endpoint's {@code model_configs}. */
    record ModelConfig(String modelDefinitionId, Linkage linkage, OptionalDouble weight, OptionalInt fallbackOrder) { }

    /** The {@code fallback_config} object; a max_attempts of 0 or absent means "every fallback". */
    record FallbackInput(Optional<String> strategy, OptionalInt maxAttempts) { }

    record CreateEndpoint(String name, List<ModelConfig> modelConfigs, Optional<String> routingStrategy,
                          Optional<FallbackInput> fallbackConfig, Optional<String> experimentId,
                          Optional<Boolean> usageTracking, Optional<TimeoutOverrides> timeouts,
                          Optional<RetryPolicy> retries, Optional<String> createdBy) implements ConfigCommand { }

    record UpdateEndpoint(String id, Optional<String> name, Optional<List<ModelConfig>> modelConfigs,
                          Optional<String> routingStrategy, Optional<FallbackInput> fallbackConfig,
                          Optional<String> experimentId, Optional<Boolean> usageTracking,
                          Optional<TimeoutOverrides> timeouts, Optional<RetryPolicy> retries,
                          Optional<String> updatedBy) implements ConfigCommand { }

    record AttachModel(String endpointId, ModelConfig modelConfig, Optional<String> createdBy) implements ConfigCommand { }

    record DetachModel(String endpointId, String modelDefinitionId) implements ConfigCommand { }

    record SetTag(String endpointId, String key, String value) implements ConfigCommand { }

    record DeleteTag(String endpointId, String key) implements ConfigCommand { }

    record CreateBinding(String endpointId, String resourceType, String resourceId, Optional<String> displayName,
                         Optional<String> createdBy) implements ConfigCommand { }

    record DeleteBinding(String endpointId, String resourceType, String resourceId) implements ConfigCommand { }
}
