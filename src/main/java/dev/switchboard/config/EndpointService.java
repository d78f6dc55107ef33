package dev.switchboard.config;

import dev.switchboard.config.ConfigCommand.AttachModel;
import dev.switchboard.config.ConfigCommand.CreateEndpoint;
import dev.switchboard.config.ConfigCommand.DetachModel;
import dev.switchboard.config.ConfigCommand.FallbackInput;
import dev.switchboard.config.ConfigCommand.ModelConfig;
import dev.switchboard.config.ConfigCommand.UpdateEndpoint;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.RetryPolicy;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Manages endpoints and their model mappings and tags. Every change loads the endpoint, builds the
 * changed version, checks it whole with {@link EndpointRules} and saves it in the same transaction.
 */
public final class EndpointService {

    private final ConfigStore store;
    private final InstantSource clock;

    public EndpointService(ConfigStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    public EndpointSpec create(CreateEndpoint command) {
        String name = Names.endpoint(command.name());
        if (command.modelConfigs().isEmpty()) {
            throw new GatewayException.InvalidRequest("Endpoint must have at least one model configuration");
        }
        String routing = routingStrategy(command.routingStrategy());
        return store.write(tx -> {
            requireUniqueName(tx, name);
            long now = clock.millis();
            String id = ResourceIds.endpoint();
            List<ModelMappingSpec> mappings = mappings(tx, id, command.modelConfigs(), -1, now, command.createdBy());
            boolean tracking = command.usageTracking().orElse(true);
            EndpointSpec endpoint = new EndpointSpec(id, name, mappings, routing,
                    fallbackConfig(command.fallbackConfig(), Optional.empty(), mappings),
                    tracking ? command.experimentId() : Optional.empty(), tracking, Map.of(),
                    command.timeouts().orElse(TimeoutOverrides.NONE), command.retries().orElse(RetryPolicy.NONE),
                    Audit.created(now, command.createdBy()));
            return save(tx, endpoint);
        });
    }

    public EndpointSpec get(Optional<String> id, Optional<String> name) {
        return store.read(tx -> find(tx, Lookup.exactlyOne("endpoint_id", id, "name", name)));
    }

    /** Endpoints, optionally only those with a model of the provider or using the secret. */
    public List<EndpointSpec> list(Optional<String> provider, Optional<String> secretId) {
        return store.read(tx -> tx.endpoints().stream()
                .filter(e -> provider.isEmpty() || e.mappings().stream()
                        .anyMatch(m -> m.definition().provider().equals(provider.get())))
                .filter(e -> secretId.isEmpty() || e.mappings().stream()
                        .anyMatch(m -> m.definition().secretId().equals(secretId)))
                .toList());
    }

    public EndpointSpec update(UpdateEndpoint command) {
        Optional<String> name = command.name().map(Names::endpoint);
        Optional<String> routing = command.routingStrategy().map(r -> routingStrategy(Optional.of(r)));
        return store.write(tx -> {
            EndpointSpec current = find(tx, Lookup.byId(command.id()));
            name.filter(n -> !n.equals(current.name())).ifPresent(n -> requireUniqueName(tx, n));
            long now = clock.millis();
            List<ModelMappingSpec> mappings = command.modelConfigs().isPresent()
                    ? mappings(tx, current.id(), command.modelConfigs().get(), -1, now, command.updatedBy())
                    : current.mappings();
            if (mappings.isEmpty()) {
                throw new GatewayException.InvalidRequest("Endpoint must have at least one model configuration");
            }
            boolean tracking = command.usageTracking().orElse(current.usageTracking());
            Optional<String> experiment = tracking
                    ? command.experimentId().or(current::experimentId) : Optional.empty();
            EndpointSpec endpoint = new EndpointSpec(current.id(), name.orElse(current.name()), mappings,
                    routing.orElse(current.routingStrategy()),
                    fallbackConfig(command.fallbackConfig(), current.fallbackConfig(), mappings), experiment,
                    tracking, current.tags(), command.timeouts().orElse(current.timeouts()),
                    command.retries().orElse(current.retries()), current.audit().updated(now, command.updatedBy()));
            return save(tx, endpoint);
        });
    }

    public void delete(String id) {
        store.write(tx -> {
            find(tx, Lookup.byId(id));
            tx.deleteEndpoint(id);
            return null;
        });
    }

    public ModelMappingSpec attach(AttachModel command) {
        return store.write(tx -> {
            EndpointSpec current = find(tx, Lookup.byId(command.endpointId()));
            ModelConfig config = command.modelConfig();
            if (current.mappings().stream().anyMatch(m -> m.linkage() == config.linkage()
                    && m.definition().id().equals(config.modelDefinitionId()))) {
                throw new GatewayException.AlreadyExists("Model definition '" + config.modelDefinitionId()
                        + "' is already attached to endpoint '" + current.name() + "' as " + config.linkage());
            }
            long now = clock.millis();
            int highestOrder = current.fallbacks().stream().mapToInt(m -> m.fallbackOrder().orElse(-1)).max().orElse(-1);
            ModelMappingSpec mapping = mappings(tx, current.id(), List.of(config), highestOrder, now,
                    command.createdBy()).getFirst();
            List<ModelMappingSpec> mappings = new ArrayList<>(current.mappings());
            mappings.add(mapping);
            EndpointSpec endpoint = current.withMappings(mappings, fallbackConfig(Optional.empty(),
                    current.fallbackConfig(), mappings)).withAudit(current.audit().updated(now, command.createdBy()));
            save(tx, endpoint);
            return mapping;
        });
    }

    public void detach(DetachModel command) {
        store.write(tx -> {
            EndpointSpec current = find(tx, Lookup.byId(command.endpointId()));
            List<ModelMappingSpec> kept = current.mappings().stream()
                    .filter(m -> !m.definition().id().equals(command.modelDefinitionId()))
                    .toList();
            if (kept.size() == current.mappings().size()) {
                throw new GatewayException.NotFound("Model definition '" + command.modelDefinitionId()
                        + "' is not attached to endpoint '" + current.name() + "'");
            }
            if (kept.stream().noneMatch(m -> m.linkage() == Linkage.PRIMARY)) {
                throw new GatewayException.InvalidState("Cannot detach the last PRIMARY model of endpoint '"
                        + current.name() + "'; attach another PRIMARY model first, or delete the endpoint");
            }
            save(tx, current.withMappings(kept, fallbackConfig(Optional.empty(), current.fallbackConfig(), kept))
                    .withAudit(current.audit().updated(clock.millis(), Optional.empty())));
            return null;
        });
    }

    public void setTag(String endpointId, String key, String value) {
        if (key.isBlank() || key.length() > 250) {
            throw new GatewayException.InvalidRequest("Tag key must be 1 to 250 characters");
        }
        if (value.length() > 5000) {
            throw new GatewayException.InvalidRequest("Tag value must be at most 5000 characters");
        }
        store.write(tx -> {
            EndpointSpec current = find(tx, Lookup.byId(endpointId));
            Map<String, String> tags = new LinkedHashMap<>(current.tags());
            tags.put(key, value);
            tx.saveEndpoint(current.withTags(tags).withAudit(current.audit().updated(clock.millis(), Optional.empty())));
            return null;
        });
    }

    public void deleteTag(String endpointId, String key) {
        store.write(tx -> {
            EndpointSpec current = find(tx, Lookup.byId(endpointId));
            if (!current.tags().containsKey(key)) {
                throw new GatewayException.NotFound("Tag '" + key + "' not found on endpoint '" + current.name() + "'");
            }
            Map<String, String> tags = new LinkedHashMap<>(current.tags());
            tags.remove(key);
            tx.saveEndpoint(current.withTags(tags).withAudit(current.audit().updated(clock.millis(), Optional.empty())));
            return null;
        });
    }

    static EndpointSpec find(ConfigTx tx, Lookup lookup) {
        return (lookup.byId() ? tx.endpoint(lookup.value()) : tx.endpointByName(lookup.value()))
                .orElseThrow(() -> new GatewayException.NotFound("GatewayEndpoint not found ("
                        + lookup.describe("endpoint_id", "name") + ")"));
    }

    private static EndpointSpec save(ConfigTx tx, EndpointSpec endpoint) {
        tx.saveEndpoint(EndpointRules.check(endpoint));
        return tx.endpoint(endpoint.id()).orElseThrow();
    }

    private static void requireUniqueName(ConfigTx tx, String name) {
        if (tx.endpointByName(name).isPresent()) {
            throw new GatewayException.AlreadyExists("Endpoint with name '" + name + "' already exists");
        }
    }

    /**
     * New mappings for the configs. A fallback without an order goes after the highest order given
     * in the configs or {@code highestOrder}, whichever is higher.
     */
    private static List<ModelMappingSpec> mappings(ConfigTx tx, String endpointId, List<ModelConfig> configs,
                                                   int highestOrder, long now, Optional<String> by) {
        List<String> missing = configs.stream().map(ModelConfig::modelDefinitionId).distinct()
                .filter(id -> tx.definition(id).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new GatewayException.NotFound("Model definitions not found: " + String.join(", ", missing));
        }
        int nextOrder = configs.stream().filter(c -> c.linkage() == Linkage.FALLBACK)
                .mapToInt(c -> c.fallbackOrder().orElse(-1)).reduce(highestOrder, Math::max) + 1;
        List<ModelMappingSpec> result = new ArrayList<>();
        for (ModelConfig c : configs) {
            OptionalInt order = OptionalInt.empty();
            if (c.linkage() == Linkage.FALLBACK) {
                order = c.fallbackOrder().isPresent() ? c.fallbackOrder() : OptionalInt.of(nextOrder++);
            }
            result.add(new ModelMappingSpec(ResourceIds.mapping(), endpointId,
                    tx.definition(c.modelDefinitionId()).orElseThrow(), c.weight().orElse(1.0), c.linkage(), order,
                    now, by));
        }
        return result;
    }

    private static Optional<FallbackConfig> fallbackConfig(Optional<FallbackInput> input,
                                                           Optional<FallbackConfig> current,
                                                           List<ModelMappingSpec> mappings) {
        boolean hasFallbacks = mappings.stream().anyMatch(m -> m.linkage() == Linkage.FALLBACK);
        if (input.isPresent()) {
            String strategy = input.get().strategy()
                    .filter(s -> !s.equals("FALLBACK_STRATEGY_UNSPECIFIED")).orElse(FallbackConfig.SEQUENTIAL);
            int max = input.get().maxAttempts().orElse(0);
            if (max < 0) {
                throw new GatewayException.InvalidRequest("fallback_config.max_attempts must not be negative");
            }
            return hasFallbacks || max > 0 ? Optional.of(new FallbackConfig(strategy, max)) : Optional.empty();
        }
        if (current.isPresent()) {
            // Fewer fallbacks than before (a detach, or new model_configs): try all that remain.
            long count = mappings.stream().filter(m -> m.linkage() == Linkage.FALLBACK).count();
            int max = (int) Math.min(current.get().maxAttempts(), count);
            return hasFallbacks ? Optional.of(new FallbackConfig(current.get().strategy(), max)) : Optional.empty();
        }
        return hasFallbacks ? Optional.of(new FallbackConfig(FallbackConfig.SEQUENTIAL, 0)) : Optional.empty();
    }

    private static String routingStrategy(Optional<String> requested) {
        return requested.filter(r -> !r.equals("ROUTING_STRATEGY_UNSPECIFIED")).orElse(EndpointSpec.TRAFFIC_SPLIT);
    }
}
