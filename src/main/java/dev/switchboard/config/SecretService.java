package dev.switchboard.config;

import dev.switchboard.config.ConfigCommand.CreateSecret;
import dev.switchboard.config.ConfigCommand.UpdateSecret;
import dev.switchboard.catalog.KeyDestination;
import dev.switchboard.catalog.ProviderCatalog;
import dev.switchboard.core.ApiBasePolicy;
import dev.switchboard.core.GatewayException;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Creates, reads, updates and deletes provider credentials. Values go in encrypted and never come out. */
public final class SecretService {

    private final ConfigStore store;
    private final InstantSource clock;
    private final ApiBasePolicy apiBases;
    private final ProviderCatalog providers;

    public SecretService(ConfigStore store, InstantSource clock, ApiBasePolicy apiBases, ProviderCatalog providers) {
        this.store = store;
        this.clock = clock;
        this.apiBases = apiBases;
        this.providers = providers;
    }

    public SecretSpec create(CreateSecret command) {
        String name = Names.label("secret_name", command.name());
        checkFields(command.value());
        // The provider's auth mode says which fields are required: none for a self-hosted server
        // whose key is optional (custom, Ollama, vLLM, ...), which may then store no key at all.
        Optional<String> provider = command.provider().map(Names::provider)
                .map(p -> providers.validateSecret(p, command.value(), command.authConfig()));
        if (command.value().isEmpty() && provider.isEmpty()) {
            throw new GatewayException.InvalidRequest("'secret_value' must have at least one field, e.g. "
                    + "{\"api_key\": ...}; only a secret for a provider whose key is optional (e.g. 'custom', "
                    + "'ollama') may go without one");
        }
        checkApiBase(command.authConfig());
        return store.write(tx -> {
            if (tx.secretByName(name).isPresent()) {
                throw new GatewayException.AlreadyExists("Secret with name '" + name + "' already exists");
            }
            SecretSpec meta = new SecretSpec(ResourceIds.secret(), name, Map.of(), provider,
                    command.authConfig(), command.description(), Audit.created(clock.millis(), command.createdBy()));
            return tx.insertSecret(meta, command.value());
        });
    }

    public SecretSpec get(Optional<String> id, Optional<String> name) {
        return store.read(tx -> find(tx, Lookup.exactlyOne("secret_id", id, "secret_name", name)));
    }

    public List<SecretSpec> list(Optional<String> provider) {
        return store.read(tx -> tx.secrets().stream()
                .filter(s -> provider.isEmpty() || s.provider().equals(provider))
                .toList());
    }

    /**
     * Updates a secret; a missing or empty value (every field empty) keeps the stored one, as in
     * MLflow. A change of where the key is sent ({@link KeyDestination}) must carry the key: else
     * whoever can reach the API could aim a stored key at their own server and read it from the
     * next call.
     */
    public SecretSpec update(UpdateSecret command) {
        Optional<Map<String, String>> value = command.value()
                .filter(v -> v.values().stream().anyMatch(field -> !field.isEmpty()));
        value.ifPresent(SecretService::checkFields);
        command.authConfig().ifPresent(this::checkApiBase);
        return store.write(tx -> {
            SecretSpec current = find(tx, Lookup.byId(command.id()));
            // A secret that holds no key (a self-hosted server's) has nothing to send anywhere new.
            if (value.isEmpty() && !current.maskedValues().isEmpty()) {
                command.authConfig().ifPresent(config -> checkSameDestination(current, config));
            }
            current.provider().ifPresent(p -> {
                Map<String, Object> config = command.authConfig().orElse(current.authConfig());
                if (value.isPresent()) {
                    providers.validateSecret(p, value.get(), config);
                } else if (command.authConfig().isPresent()) {
                    providers.validateAuthConfig(p, config);
                }
            });
            SecretSpec meta = new SecretSpec(current.id(), current.name(), current.maskedValues(), current.provider(),
                    command.authConfig().orElse(current.authConfig()), command.description().or(current::description),
                    current.audit().updated(clock.millis(), command.updatedBy()));
            return tx.updateSecret(meta, value);
        });
    }

    /** Deletes the secret; model definitions that used it become orphaned, as in MLflow. */
    public void delete(String id) {
        store.write(tx -> {
            find(tx, Lookup.byId(id));
            tx.deleteSecret(id);
            return null;
        });
    }

    public SecretsStatus status() {
        return store.secretsStatus();
    }

    private static SecretSpec find(ConfigTx tx, Lookup lookup) {
        return (lookup.byId() ? tx.secret(lookup.value()) : tx.secretByName(lookup.value()))
                .orElseThrow(() -> new GatewayException.NotFound("Secret not found (" + lookup.describe(
                        "secret_id", "secret_name") + ")"));
    }

    /** A user-given api_base must pass the SSRF rules (https, no credentials, no private addresses). */
    private void checkApiBase(Map<String, Object> authConfig) {
        Object apiBase = authConfig.get("api_base");
        if (apiBase == null) {
            return;
        }
        if (!(apiBase instanceof String url)) {
            throw new GatewayException.InvalidRequest("auth_config.api_base must be a string");
        }
        if (!url.isBlank()) {
            apiBases.checkUrl(url);
        }
    }

    private static void checkSameDestination(SecretSpec current, Map<String, Object> authConfig) {
        Set<String> moved = KeyDestination.changed(current.authConfig(), authConfig);
        if (!moved.isEmpty()) {
            String fields = String.join(" and ", moved.stream().map(field -> "auth_config." + field).toList());
            throw new GatewayException.InvalidRequest("Changing " + fields + " changes where the stored key of secret '"
                    + current.name() + "' is sent, so the update must carry the key too: send it in 'secret_value' "
                    + "(a stored key is never sent somewhere new without it)");
        }
    }

    private static void checkFields(Map<String, String> value) {
        value.forEach((key, v) -> {
            if (key.isBlank()) {
                throw new GatewayException.InvalidRequest("'secret_value' field names must not be empty");
            }
            if (v.isEmpty()) {
                throw new GatewayException.InvalidRequest("'secret_value' values must not be empty");
            }
        });
    }
}
