package dev.switchboard.config;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a request needs from the configuration, compiled once per committed change and never
 * modified. A request reads the current snapshot once and uses it to the end, so it never sees
 * half of an edit.
 */
public record ConfigSnapshot(long version, Map<String, EndpointSnapshot> endpoints) {

    public static final ConfigSnapshot EMPTY = new ConfigSnapshot(0, Map.of());

    public ConfigSnapshot {
        endpoints = Map.copyOf(endpoints);
    }

    public Optional<EndpointSnapshot> endpoint(String name) {
        return Optional.ofNullable(endpoints.get(name));
    }

    /** The endpoints by name. */
    public List<EndpointSnapshot> sortedEndpoints() {
        return endpoints.values().stream().sorted(Comparator.comparing(EndpointSnapshot::name)).toList();
    }
}
