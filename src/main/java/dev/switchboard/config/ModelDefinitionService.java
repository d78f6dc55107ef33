package dev.switchboard.config;

import dev.switchboard.config.ConfigCommand.CreateModelDefinition;
import dev.switchboard.config.ConfigCommand.UpdateModelDefinition;
import dev.switchboard.catalog.ProviderCatalog;
import dev.switchboard.core.GatewayException;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Manages model definitions: reusable (provider, model, secret) triples that endpoints map to. A
 * secret stored for a provider serves only definitions of that provider, so a definition cannot
 * send a stored key to another provider's host; a secret stored without a provider serves any.
 */
public final class ModelDefinitionService {

    private final ConfigStore store;
    private final InstantSource clock;

    private final ProviderCatalog providers;

    public ModelDefinitionService(ConfigStore store, InstantSource clock, ProviderCatalog providers) {
        this.store = store;
        this.clock = clock;
        this.providers = providers;
    }

    public ModelDefinitionSpec create(CreateModelDefinition command) {
        String name = Names.label("name", command.name());
        String provider = providers.validateProvider(Names.provider(command.provider()));
        String modelName = Names.modelName(command.modelName());
        return store.write(tx -> {
            if (tx.definitionByName(name).isPresent()) {
                throw new GatewayException.AlreadyExists("Model definition with name '" + name + "' already exists");
            }
            SecretSpec secret = requireSecret(tx, command.secretId());
            checkSameProvider(secret, provider);
            String id = ResourceIds.modelDefinition();
            tx.saveDefinition(new ModelDefinitionSpec(id, name, Optional.of(secret.id()), Optional.of(secret.name()),
                    provider, modelName, Audit.created(clock.millis(), command.createdBy())));
            return tx.definition(id).orElseThrow();
        });
    }

    public ModelDefinitionSpec get(Optional<String> id, Optional<String> name) {
        return store.read(tx -> find(tx, Lookup.exactlyOne("model_definition_id", id, "name", name)));
    }

    public List<ModelDefinitionSpec> list(Optional<String> provider, Optional<String> secretId) {
        return store.read(tx -> tx.definitions().stream()
                .filter(d -> provider.isEmpty() || provider.get().equals(d.provider()))
                .filter(d -> secretId.isEmpty() || d.secretId().equals(secretId))
                .toList());
    }

    public ModelDefinitionSpec update(UpdateModelDefinition command) {
        Optional<String> name = command.name().map(n -> Names.label("name", n));
        Optional<String> provider = command.provider().map(Names::provider).map(providers::validateProvider);
        Optional<String> modelName = command.modelName().map(Names::modelName);
        return store.write(tx -> {
            ModelDefinitionSpec current = find(tx, Lookup.byId(command.id()));
            name.filter(n -> !n.equals(current.name())).ifPresent(n -> {
                if (tx.definitionByName(n).isPresent()) {
                    throw new GatewayException.AlreadyExists("Model definition with name '" + n + "' already exists");
                }
            });
            Optional<SecretSpec> secret = command.secretId().isPresent()
                    ? Optional.of(requireSecret(tx, command.secretId().get()))
                    : current.secretId().flatMap(tx::secret);
            if (command.secretId().isPresent() || provider.isPresent()) {
                secret.ifPresent(s -> checkSameProvider(s, provider.orElse(current.provider())));
            }
            Optional<String> secretId = command.secretId().isPresent() ? secret.map(SecretSpec::id) : current.secretId();
            tx.saveDefinition(new ModelDefinitionSpec(current.id(), name.orElse(current.name()), secretId,
                    Optional.empty(), provider.orElse(current.provider()), modelName.orElse(current.modelName()),
                    current.audit().updated(clock.millis(), command.updatedBy())));
            return tx.definition(current.id()).orElseThrow();
        });
    }

    /** Deletes a definition no endpoint uses; one in use is refused with INVALID_STATE, as in MLflow. */
    public void delete(String id) {
        store.write(tx -> {
            find(tx, Lookup.byId(id));
            List<String> users = tx.endpointsUsingDefinition(id);
            if (!users.isEmpty()) {
                throw new GatewayException.InvalidState("Cannot delete model definition that is currently in use by "
                        + "endpoints " + users + ". Detach it from all endpoints first.");
            }
            tx.deleteDefinition(id);
            return null;
        });
    }

    private static void checkSameProvider(SecretSpec secret, String provider) {
        if (secret.provider().isPresent() && !secret.provider().get().equals(provider)) {
            throw new GatewayException.InvalidRequest("Secret '" + secret.name() + "' holds a key for provider '"
                    + secret.provider().get() + "', not for '" + provider + "': a stored key is only sent to the "
                    + "provider it was stored for. Create a secret for '" + provider + "' instead.");
        }
    }

    private static SecretSpec requireSecret(ConfigTx tx, String secretId) {
        return tx.secret(secretId).orElseThrow(
                () -> new GatewayException.NotFound("Secret not found (secret_id='" + secretId + "')"));
    }

    private static ModelDefinitionSpec find(ConfigTx tx, Lookup lookup) {
        return (lookup.byId() ? tx.definition(lookup.value()) : tx.definitionByName(lookup.value()))
                .orElseThrow(() -> new GatewayException.NotFound("Model definition not found ("
                        + lookup.describe("model_definition_id", "name") + ")"));
    }
}
