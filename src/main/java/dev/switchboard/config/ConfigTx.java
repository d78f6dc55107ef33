package dev.switchboard.config;

import dev.switchboard.core.Credentials;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operations available inside one configuration transaction. Lists are small (configuration,
 * not traffic), so callers filter them in memory. Secret values go in as plaintext maps and are
 * encrypted by the store; they never come back out of this interface.
 */
public interface ConfigTx {

    /** The configuration version, bumped by every committed write. */
    long version();

    /**
     * The decrypted value of every secret that opens with the current passphrase, by secret id.
     * Only the snapshot compiler may call this; the values must never reach a response or a log.
     */
    Map<String, Credentials> decryptedSecrets();

    Optional<SecretSpec> secret(String id);

    Optional<SecretSpec> secretByName(String name);

    List<SecretSpec> secrets();

    /** Encrypts and stores a new secret; returns it with its masked values. */
    SecretSpec insertSecret(SecretSpec meta, Map<String, String> value);

    /** Stores new metadata and, when given, a new value (re-encrypted under a fresh data key). */
    SecretSpec updateSecret(SecretSpec meta, Optional<Map<String, String>> newValue);

    /** Deletes a secret; model definitions that used it keep existing without a secret (orphaned). */
    void deleteSecret(String id);

    Optional<ModelDefinitionSpec> definition(String id);

    Optional<ModelDefinitionSpec> definitionByName(String name);

    List<ModelDefinitionSpec> definitions();

    /** Inserts or updates a model definition by id. */
    void saveDefinition(ModelDefinitionSpec definition);

    void deleteDefinition(String id);

    /** Names of the endpoints that map the definition, in name order. */
    List<String> endpointsUsingDefinition(String definitionId);

    Optional<EndpointSpec> endpoint(String id);

    Optional<EndpointSpec> endpointByName(String name);

    List<EndpointSpec> endpoints();

    /** Inserts or updates an endpoint with its mappings and tags, which replace the stored ones. */
    void saveEndpoint(EndpointSpec endpoint);

    /** Deletes an endpoint with its mappings, tags and bindings. */
    void deleteEndpoint(String id);

    List<BindingSpec> bindings();

    void insertBinding(BindingSpec binding);

    void deleteBinding(String endpointId, String resourceType, String resourceId);
}
