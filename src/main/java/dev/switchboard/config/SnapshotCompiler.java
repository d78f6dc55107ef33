package dev.switchboard.config;

import dev.switchboard.core.Credentials;
import dev.switchboard.provider.Target;
import dev.switchboard.provider.Timeouts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles stored endpoints, model definitions and decrypted secrets into a {@link ConfigSnapshot}.
 * Pure: reads only what it is given. Targets whose secret is gone (orphaned) or cannot be decrypted
 * are kept but marked unusable, with the reason the caller will see if nothing else can serve.
 */
final class SnapshotCompiler {

    private SnapshotCompiler() {
    }

    static ConfigSnapshot compile(long version, List<EndpointSpec> endpoints, List<SecretSpec> secrets,
                                  Map<String, Credentials> credentials, Timeouts defaults,
                                  ModelLimits limits) {
        Map<String, SecretSpec> secretsById = new HashMap<>();
        secrets.forEach(s -> secretsById.put(s.id(), s));
        Map<String, EndpointSnapshot> compiled = new HashMap<>();
        for (EndpointSpec e : endpoints) {
            List<ModelMappingSpec> primaries = e.primaries();
            List<ModelMappingSpec> fallbacks = e.fallbacks();
            int maxFallbacks = e.fallbackConfig().map(FallbackConfig::maxAttempts)
                    .filter(max -> max > 0).orElse(fallbacks.size());
            compiled.put(e.name(), new EndpointSnapshot(e.id(), e.name(),
                    primaries.stream().map(m -> target(m.definition(), secretsById, credentials, limits)).toList(),
                    TrafficSplit.percentages(primaries.stream().map(ModelMappingSpec::weight).toList()),
                    fallbacks.stream().map(m -> target(m.definition(), secretsById, credentials, limits)).toList(),
                    Math.min(maxFallbacks, fallbacks.size()), e.timeouts().applyTo(defaults), e.audit().createdAt(),
                    e.usageTracking(), e.retries()));
        }
        return new ConfigSnapshot(version, compiled);
    }

    private static Target target(ModelDefinitionSpec d, Map<String, SecretSpec> secrets,
                                 Map<String, Credentials> credentials, ModelLimits limits) {
        Optional<SecretSpec> secret = d.secretId().map(secrets::get);
        Optional<Credentials> creds = d.secretId().map(credentials::get);
        Optional<String> reason = Optional.empty();
        if (secret.isEmpty()) {
            reason = Optional.of("model definition '" + d.name() + "' has no API key (its secret was deleted)");
        } else if (creds.isEmpty()) {
            reason = Optional.of("the API key '" + secret.get().name() + "' of model definition '" + d.name()
                    + "' cannot be decrypted with the current passphrase");
        }
        return new Target(d.id(), d.name(), d.provider(), d.modelName(), creds,
                secret.map(SecretSpec::authConfig).orElse(Map.of()), reason,
                limits.maxOutputTokens(d.provider(), d.modelName()), limits.responsesOnly(d.provider(), d.modelName()));
    }
}
