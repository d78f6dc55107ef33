package dev.switchboard.access;

import dev.switchboard.access.AccessStore.KeyRow;
import dev.switchboard.access.AccessStore.PermissionRow;
import dev.switchboard.access.AccessStore.UserRow;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Users, gateway keys and permission levels at one moment, indexed for the request path: a key is
 * found by its hash, a user by id or name, each with the {@link Principal} it acts as. Immutable.
 */
final class AccessSnapshot {

    final Map<String, UserRow> usersById = new HashMap<>();
    final Map<String, UserRow> usersByName = new HashMap<>();
    final Map<String, StoredKey> keysByHash = new HashMap<>();
    final Map<String, KeyRow> keysById = new HashMap<>();
    private final Map<String, Map<ResourceKind, Map<String, Permission>>> levels = new HashMap<>();
    private final Map<String, Principal.User> principals = new HashMap<>();
    AccessSnapshot(AccessStore.Everything all, Permission fallback) {
        for (UserRow user : all.users()) {
            usersById.put(user.id(), user);
            usersByName.put(user.username(), user);
        }
        for (PermissionRow p : all.permissions()) {
            levels.computeIfAbsent(p.userId(), id -> new EnumMap<>(ResourceKind.class))
                    .computeIfAbsent(p.kind(), kind -> new HashMap<>()).put(p.resourceId(), p.permission());
        }
        for (UserRow user : all.users()) {
            principals.put(user.id(), new Principal.User(user.id(), user.username(), user.admin(),
                    new Grants(levels.getOrDefault(user.id(), Map.of()), fallback)));
        }
        for (KeyRow key : all.keys()) {
            keysById.put(key.id(), key);
            Principal.User owner = principals.get(key.ownerId());
            if (owner != null) {
                keysByHash.put(key.hash(), new StoredKey(key,
                        new Principal.Key(key.id(), key.name(), owner, key.endpointIds())));
            }
        }    }

    /** The principal of a user of this snapshot; null for one it does not have. */
    Principal.User principal(UserRow user) {
        return principals.get(user.id());
    }

    /** The level a user was given on a resource, if any (the default is not applied). */
    Optional<Permission> given(String userId, ResourceKind kind, String resourceId) {
        return Optional.ofNullable(levels.getOrDefault(userId, Map.of()).getOrDefault(kind, Map.of()).get(resourceId));
    }

    /** A stored key with the principal it authenticates as. */
    record StoredKey(KeyRow row, Principal.Key principal) {
    }
}
