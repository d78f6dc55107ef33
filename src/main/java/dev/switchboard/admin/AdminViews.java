package dev.switchboard.admin;

import dev.switchboard.access.Principal;
import dev.switchboard.access.ResourceKind;
import dev.switchboard.config.BindingSpec;
import dev.switchboard.config.EndpointSpec;
import dev.switchboard.config.ModelDefinitionSpec;
import dev.switchboard.config.ModelMappingSpec;
import dev.switchboard.config.SecretSpec;
import java.util.List;
import java.util.Map;

/**
 * The JSON objects of the management API, field for field as MLflow's protos name them
 * (snake_case via {@link AdminJson}); absent optional fields are null and left out.
 */
final class AdminViews {

    private AdminViews() {
    }

    /** {@code description} is Switchboard's: MLflow's table has the column, its API does not carry it. */
    record Secret(String secretId, String secretName, Map<String, String> maskedValues, long createdAt,
                  long lastUpdatedAt, String provider, String createdBy, String lastUpdatedBy,
                  Map<String, Object> authConfig, String description) {
        static Secret of(SecretSpec s) {
            return new Secret(s.id(), s.name(), s.maskedValues(), s.audit().createdAt(), s.audit().lastUpdatedAt(),
                    s.provider().orElse(null), s.audit().createdBy().orElse(null),
                    s.audit().lastUpdatedBy().orElse(null), s.authConfig(), s.description().orElse(null));
        }
    }

    record ModelDefinition(String modelDefinitionId, String name, String secretId, String secretName,
                           String provider, String modelName, long createdAt, long lastUpdatedAt, String createdBy,
                           String lastUpdatedBy) {
        static ModelDefinition of(ModelDefinitionSpec d) {
            return new ModelDefinition(d.id(), d.name(), d.secretId().orElse(null), d.secretName().orElse(null),
                    d.provider(), d.modelName(), d.audit().createdAt(), d.audit().lastUpdatedAt(),
                    d.audit().createdBy().orElse(null), d.audit().lastUpdatedBy().orElse(null));
        }
    }

    record Mapping(String mappingId, String endpointId, String modelDefinitionId, ModelDefinition modelDefinition,
                   double weight, long createdAt, String createdBy, String linkageType, Integer fallbackOrder) {
        static Mapping of(ModelMappingSpec m) {
            return new Mapping(m.id(), m.endpointId(), m.definition().id(), ModelDefinition.of(m.definition()),
                    m.weight(), m.createdAt(), m.createdBy().orElse(null), m.linkage().name(),
                    m.fallbackOrder().isPresent() ? m.fallbackOrder().getAsInt() : null);
        }
    }

    record Tag(String key, String value) { }

    record FallbackConfig(String strategy, int maxAttempts) { }

    record Timeouts(Long connectMs, Long firstByteMs, Long idleMs, Long totalMs) {
        static Timeouts of(dev.switchboard.config.TimeoutOverrides t) {
            return t.isEmpty() ? null : new Timeouts(boxed(t.connectMs()), boxed(t.firstByteMs()), boxed(t.idleMs()),
                    boxed(t.totalMs()));
        }

        private static Long boxed(java.util.OptionalLong value) {
            return value.isPresent() ? value.getAsLong() : null;
        }
    }

    /** An endpoint's {@code retry_config}: retries on the same target and the waits between them. */
    record RetryConfig(int maxRetries, long initialBackoffMs, long maxBackoffMs) {
        static RetryConfig of(dev.switchboard.core.RetryPolicy r) {
            return new RetryConfig(r.maxRetries(), r.initialBackoff().toMillis(), r.maxBackoff().toMillis());
        }
    }

    record Endpoint(String endpointId, String name, long createdAt, long lastUpdatedAt, List<Mapping> modelMappings,
                    String createdBy, String lastUpdatedBy, List<Tag> tags, String routingStrategy,
                    FallbackConfig fallbackConfig, String experimentId, boolean usageTracking, Timeouts timeouts,
                    RetryConfig retryConfig, String callerPermission) {
        /**
         * An endpoint as {@code caller} sees it; {@code caller_permission} (Switchboard's) is the
         * caller's own level on it, so a client can offer only what the caller may do.
         */
        static Endpoint of(EndpointSpec e, Principal caller) {
            int fallbacks = e.fallbacks().size();
            return new Endpoint(e.id(), e.name(), e.audit().createdAt(), e.audit().lastUpdatedAt(),
                    e.mappings().stream().map(Mapping::of).toList(), e.audit().createdBy().orElse(null),
                    e.audit().lastUpdatedBy().orElse(null),
                    e.tags().entrySet().stream().map(t -> new Tag(t.getKey(), t.getValue())).toList(),
                    e.routingStrategy(),
                    e.fallbackConfig().map(f -> new FallbackConfig(f.strategy(),
                            f.maxAttempts() == 0 ? fallbacks : f.maxAttempts())).orElse(null),
                    e.experimentId().orElse(null), e.usageTracking(), Timeouts.of(e.timeouts()),
                    RetryConfig.of(e.retries()), caller.level(ResourceKind.ENDPOINT, e.id()).name());
        }
    }

    record Binding(String endpointId, String resourceType, String resourceId, String displayName, long createdAt,
                   long lastUpdatedAt, String createdBy, String lastUpdatedBy) {
        static Binding of(BindingSpec b) {
            return new Binding(b.endpointId(), b.resourceType(), b.resourceId(), b.displayName().orElse(null),
                    b.audit().createdAt(), b.audit().lastUpdatedAt(), b.audit().createdBy().orElse(null),
                    b.audit().lastUpdatedBy().orElse(null));
        }
    }
}
