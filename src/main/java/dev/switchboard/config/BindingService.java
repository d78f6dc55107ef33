package dev.switchboard.config;

import dev.switchboard.config.ConfigCommand.CreateBinding;
import dev.switchboard.config.ConfigCommand.DeleteBinding;
import dev.switchboard.core.GatewayException;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/** Records which resources (e.g. LLM-judge scorers) use which endpoints. */
public final class BindingService {

    private final ConfigStore store;
    private final InstantSource clock;

    public BindingService(ConfigStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    public BindingSpec create(CreateBinding command) {
        String type = Names.label("resource_type", command.resourceType());
        String resourceId = Names.label("resource_id", command.resourceId());
        command.displayName().ifPresent(n -> Names.label("display_name", n));
        return store.write(tx -> {
            EndpointSpec endpoint = EndpointService.find(tx, Lookup.byId(command.endpointId()));
            if (find(tx, endpoint.id(), type, resourceId).isPresent()) {
                throw new GatewayException.AlreadyExists("Binding of " + type + " '" + resourceId
                        + "' to endpoint '" + endpoint.name() + "' already exists");
            }
            BindingSpec binding = new BindingSpec(endpoint.id(), type, resourceId, command.displayName(),
                    Audit.created(clock.millis(), command.createdBy()));
            tx.insertBinding(binding);
            return binding;
        });
    }

    public void delete(DeleteBinding command) {
        store.write(tx -> {
            if (find(tx, command.endpointId(), command.resourceType(), command.resourceId()).isEmpty()) {
                throw new GatewayException.NotFound("Binding not found (endpoint_id='" + command.endpointId()
                        + "', resource_type='" + command.resourceType() + "', resource_id='" + command.resourceId()
                        + "')");
            }
            tx.deleteBinding(command.endpointId(), command.resourceType(), command.resourceId());
            return null;
        });
    }

    public List<BindingSpec> list(Optional<String> endpointId, Optional<String> resourceType,
                                  Optional<String> resourceId) {
        return store.read(tx -> tx.bindings().stream()
                .filter(b -> endpointId.isEmpty() || endpointId.get().equals(b.endpointId()))
                .filter(b -> resourceType.isEmpty() || resourceType.get().equals(b.resourceType()))
                .filter(b -> resourceId.isEmpty() || resourceId.get().equals(b.resourceId()))
                .toList());
    }

    private static Optional<BindingSpec> find(ConfigTx tx, String endpointId, String type, String resourceId) {
        return tx.bindings().stream()
                .filter(b -> b.endpointId().equals(endpointId) && b.resourceType().equals(type)
                        && b.resourceId().equals(resourceId))
                .findFirst();
    }
}
