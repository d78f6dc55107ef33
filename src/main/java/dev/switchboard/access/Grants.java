package dev.switchboard.access;

import java.util.EnumMap;
import java.util.Map;

/**
 * What one user has been given: a level per resource, and the default level for every resource
 * the user has not been given one on. Immutable.
 */
public final class Grants {

    private final Map<ResourceKind, Map<String, Permission>> levels;
    private final Permission fallback;

    public Grants(Map<ResourceKind, Map<String, Permission>> levels, Permission fallback) {
        EnumMap<ResourceKind, Map<String, Permission>> copy = new EnumMap<>(ResourceKind.class);
        levels.forEach((kind, byId) -> copy.put(kind, Map.copyOf(byId)));
        this.levels = copy;
        this.fallback = fallback;
    }

    /** The user's level on one resource: the one given, else the default. */
    public Permission of(ResourceKind kind, String id) {
        Map<String, Permission> byId = levels.get(kind);
        Permission given = byId == null ? null : byId.get(id);
        return given == null ? fallback : given;
    }

    public Permission fallback() {
        return fallback;
    }
}
