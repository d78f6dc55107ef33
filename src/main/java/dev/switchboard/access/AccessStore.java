package dev.switchboard.access;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Where users, sessions, gateway keys and permissions are kept (the store package's SQL tables). */
public interface AccessStore {

    record UserRow(String id, String username, String passwordHash, boolean admin, long createdAt,
                   Optional<String> createdBy, long passwordChangedAt) {
    }

    /** A browser session: the SHA-256 of its id (never the id), its user, its CSRF token and expiry. */
    record SessionRow(String hash, String userId, String csrfToken, long createdAt, long expiresAt) {
    }

    /** A gateway key: the SHA-256 of its value (never the value) and the prefix people recognise it by. */
    record KeyRow(String id, String hash, String prefix, String name, String ownerId, long createdAt,
                  Optional<String> createdBy, OptionalLong expiresAt, OptionalLong revokedAt, OptionalLong lastUsedAt,
                  Set<String> endpointIds) {
        public KeyRow {
            endpointIds = Set.copyOf(endpointIds);
        }
    }

    /** A user's level on a resource, with who gave it and when. */
    record PermissionRow(String userId, ResourceKind kind, String resourceId, Permission permission, long grantedAt,
                         Optional<String> grantedBy) {
    }

    /** Everything but sessions, read in one transaction. */
    record Everything(List<UserRow> users, List<KeyRow> keys, List<PermissionRow> permissions) {
    }

    Everything load();

    /** Adds a user; false when the name is taken. */
    boolean insertUser(UserRow user);

    /** Replaces a user's password hash and ends every session of theirs, in one transaction. */
    void updatePassword(String userId, String passwordHash, long changedAt);

    void updateAdmin(String userId, boolean admin);

    /** Deletes a user with their sessions, keys and permissions. */
    void deleteUser(String userId);

    void insertSession(SessionRow session);

    Optional<SessionRow> session(String hash);

    void deleteSession(String hash);

    void deleteExpiredSessions(long now);

    void insertKey(KeyRow key);

    void revokeKey(String keyId, long at);

    void deleteKey(String keyId);

    /** Records when keys were last used (key id to epoch milliseconds), in one transaction. */
    void touchKeys(Map<String, Long> lastUsed);

    /** Sets a user's level on a resource; with {@code mustBeNew}, false (and nothing changed) if one is set already. */
    boolean putPermission(PermissionRow permission, boolean mustBeNew);

    /** Removes a user's level on a resource; false if there was none. */
    boolean deletePermission(String userId, ResourceKind kind, String resourceId);
}
