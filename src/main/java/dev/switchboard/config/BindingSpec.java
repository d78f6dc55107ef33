package dev.switchboard.config;

import java.util.Optional;

/** A resource (e.g. an LLM-judge scorer) that uses an endpoint; shown as "Used by" and warned about on delete. */
public record BindingSpec(String endpointId, String resourceType, String resourceId, Optional<String> displayName,
                          Audit audit) {
}
