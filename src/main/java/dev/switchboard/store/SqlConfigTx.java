package dev.switchboard.store;

import dev.switchboard.config.BindingSpec;
import dev.switchboard.config.ConfigTx;
import dev.switchboard.config.EndpointSpec;
import dev.switchboard.config.ModelDefinitionSpec;
import dev.switchboard.config.SecretSpec;
import dev.switchboard.config.SecretsStatus;
import dev.switchboard.core.Credentials;
import dev.switchboard.core.GatewayException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ConfigTx} over one JDBC connection: delegates to the repository of each table. */
final class SqlConfigTx implements ConfigTx {

    private final Jdbc jdbc;
    private final SecretsStatus status;
    private final SecretRepository secrets;
    private final ModelDefinitionRepository definitions;
    private final EndpointRepository endpoints;
    private final BindingRepository bindings;

    SqlConfigTx(Jdbc jdbc, EnvelopeCrypto crypto, SecretsStatus status) {
        this.jdbc = jdbc;
        this.status = status;
        this.secrets = new SecretRepository(jdbc, crypto);
        this.definitions = new ModelDefinitionRepository(jdbc);
        this.endpoints = new EndpointRepository(jdbc);
        this.bindings = new BindingRepository(jdbc);
    }

    Jdbc jdbc() {
        return jdbc;
    }

    @Override
    public long version() {
        return jdbc.queryOne("SELECT version FROM config_version WHERE id = 1", rs -> rs.getLong(1)).orElse(0L);
    }

    @Override
    public Map<String, Credentials> decryptedSecrets() {
        return secrets.decryptAll();
    }

    @Override
    public Optional<SecretSpec> secret(String id) {
        return secrets.byId(id);
    }

    @Override
    public Optional<SecretSpec> secretByName(String name) {
        return secrets.byName(name);
    }

    @Override
    public List<SecretSpec> secrets() {
        return secrets.all();
    }

    @Override
    public SecretSpec insertSecret(SecretSpec meta, Map<String, String> value) {
        requireSecretsAvailable();
        return secrets.insert(meta, value);
    }

    @Override
    public SecretSpec updateSecret(SecretSpec meta, Optional<Map<String, String>> newValue) {
        if (newValue.isPresent()) {
            requireSecretsAvailable();
        }
        return secrets.update(meta, newValue);
    }

    @Override
    public void deleteSecret(String id) {
        secrets.delete(id);
    }

    @Override
    public Optional<ModelDefinitionSpec> definition(String id) {
        return definitions.byId(id);
    }

    @Override
    public Optional<ModelDefinitionSpec> definitionByName(String name) {
        return definitions.byName(name);
    }

    @Override
    public List<ModelDefinitionSpec> definitions() {
        return definitions.all();
    }

    @Override
    public void saveDefinition(ModelDefinitionSpec definition) {
        definitions.save(definition);
    }

    @Override
    public void deleteDefinition(String id) {
        definitions.delete(id);
    }

    @Override
    public List<String> endpointsUsingDefinition(String definitionId) {
        return definitions.endpointsUsing(definitionId);
    }

    @Override
    public Optional<EndpointSpec> endpoint(String id) {
        return endpoints.byId(id);
    }

    @Override
    public Optional<EndpointSpec> endpointByName(String name) {
        return endpoints.byName(name);
    }

    @Override
    public List<EndpointSpec> endpoints() {
        return endpoints.all();
    }

    @Override
    public void saveEndpoint(EndpointSpec endpoint) {
        endpoints.save(endpoint);
    }

    @Override
    public void deleteEndpoint(String id) {
        endpoints.delete(id);
    }

    @Override
    public List<BindingSpec> bindings() {
        return bindings.all();
    }

    @Override
    public void insertBinding(BindingSpec binding) {
        bindings.insert(binding);
    }

    @Override
    public void deleteBinding(String endpointId, String resourceType, String resourceId) {
        bindings.delete(endpointId, resourceType, resourceId);
    }

    private void requireSecretsAvailable() {
        if (!status.available()) {
            throw new GatewayException.InvalidState(status.problem().orElse("Secrets are unavailable"));
        }
    }
}
