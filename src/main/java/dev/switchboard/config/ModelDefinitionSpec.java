package dev.switchboard.config;

import java.util.Optional;

/**
 * A reusable (provider, model, credential) triple that endpoints map to. The secret is empty once
 * its secret was deleted: the definition is then orphaned and cannot serve traffic.
 */
public record ModelDefinitionSpec(String id, String name, Optional<String> secretId, Optional<String> secretName,
                                  String provider, String modelName, Audit audit) {
}
