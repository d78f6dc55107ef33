package dev.switchboard.store;

import dev.switchboard.access.AccessStore;
import dev.switchboard.access.Permission;
import dev.switchboard.access.ResourceKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/** Users, sessions, gateway keys and permissions in the SQL database (the V5 migration's tables). */
public final class SqlAccessStore implements AccessStore {

    private final Database database;

    public SqlAccessStore(Database database) {
        this.database = database;
    }

    @Override
    public Everything load() {
        return inTransaction(jdbc -> {
            List<UserRow> users = jdbc.query("SELECT user_id, username, password_hash, is_admin, created_at, "
                    + "created_by, password_changed_at FROM users", rs -> new UserRow(rs.getString(1), rs.getString(2),
                    rs.getString(3), rs.getBoolean(4), rs.getLong(5), Jdbc.optionalString(rs, "created_by"),
                    rs.getLong(7)));
            Map<String, Set<String>> endpoints = new HashMap<>();
            jdbc.query("SELECT key_id, endpoint_id FROM gateway_key_endpoints", rs -> endpoints
                    .computeIfAbsent(rs.getString(1), id -> new LinkedHashSet<>()).add(rs.getString(2)));
            List<KeyRow> keys = jdbc.query("SELECT key_id, key_hash, prefix, name, owner_id, created_at, created_by, "
                    + "expires_at, revoked_at, last_used_at FROM gateway_keys", rs -> new KeyRow(rs.getString(1),
                    rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6),
                    Jdbc.optionalString(rs, "created_by"), optionalLong(rs, 8), optionalLong(rs, 9),
                    optionalLong(rs, 10), endpoints.getOrDefault(rs.getString(1), Set.of())));
            List<PermissionRow> permissions = jdbc.query("SELECT user_id, resource_type, resource_id, permission, "
                    + "granted_at, granted_by FROM permissions", rs -> new PermissionRow(rs.getString(1),
                    ResourceKind.ofStored(rs.getString(2)), rs.getString(3), Permission.valueOf(rs.getString(4)),
                    rs.getLong(5), Jdbc.optionalString(rs, "granted_by")));
            return new Everything(users, keys, permissions);
        });
    }

    @Override
    public boolean insertUser(UserRow user) {
        return changing(jdbc -> {
            if (jdbc.queryOne("SELECT 1 FROM users WHERE username = ?", rs -> 1, user.username()).isPresent()) {
                return false;
            }
            jdbc.update("INSERT INTO users (user_id, username, password_hash, is_admin, created_at, created_by, "
                    + "password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)", user.id(), user.username(),
                    user.passwordHash(), user.admin(), user.createdAt(), user.createdBy(), user.passwordChangedAt());
            return true;
        });
    }

    @Override
    public void updatePassword(String userId, String passwordHash, long changedAt) {
        changing(jdbc -> {
            jdbc.update("UPDATE users SET password_hash = ?, password_changed_at = ? WHERE user_id = ?",
                    passwordHash, changedAt, userId);
            return jdbc.update("DELETE FROM sessions WHERE user_id = ?", userId);
        });
    }

    @Override
    public void updateAdmin(String userId, boolean admin) {
        changing(jdbc -> jdbc.update("UPDATE users SET is_admin = ? WHERE user_id = ?", admin, userId));
    }

    @Override
    public void deleteUser(String userId) {
        changing(jdbc -> {
            // Deleted explicitly, child tables first, rather than relying on ON DELETE CASCADE being enforced.
            jdbc.update("DELETE FROM gateway_key_endpoints WHERE key_id IN "
                    + "(SELECT key_id FROM gateway_keys WHERE owner_id = ?)", userId);
            jdbc.update("DELETE FROM gateway_keys WHERE owner_id = ?", userId);
            jdbc.update("DELETE FROM sessions WHERE user_id = ?", userId);
            jdbc.update("DELETE FROM permissions WHERE user_id = ?", userId);
            return jdbc.update("DELETE FROM users WHERE user_id = ?", userId);
        });
    }

    @Override
    public void insertSession(SessionRow session) {
        inTransaction(jdbc -> jdbc.update("INSERT INTO sessions (session_hash, user_id, csrf_token, created_at, "
                + "expires_at) VALUES (?, ?, ?, ?, ?)", session.hash(), session.userId(), session.csrfToken(),
                session.createdAt(), session.expiresAt()));
    }

    @Override
    public Optional<SessionRow> session(String hash) {
        return inTransaction(jdbc -> jdbc.queryOne("SELECT session_hash, user_id, csrf_token, created_at, expires_at "
                + "FROM sessions WHERE session_hash = ?", rs -> new SessionRow(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getLong(4), rs.getLong(5)), hash));
    }

    @Override
    public void deleteSession(String hash) {
        inTransaction(jdbc -> jdbc.update("DELETE FROM sessions WHERE session_hash = ?", hash));
    }

    @Override
    public void deleteExpiredSessions(long now) {
        inTransaction(jdbc -> jdbc.update("DELETE FROM sessions WHERE expires_at <= ?", now));
    }

    @Override
    public void insertKey(KeyRow key) {
        changing(jdbc -> {
            jdbc.update("INSERT INTO gateway_keys (key_id, key_hash, prefix, name, owner_id, created_at, created_by, "
                    + "expires_at, revoked_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)", key.id(),
                    key.hash(), key.prefix(), key.name(), key.ownerId(), key.createdAt(), key.createdBy(),
                    key.expiresAt().isPresent() ? key.expiresAt().getAsLong() : null);
            for (String endpointId : key.endpointIds()) {
                jdbc.update("INSERT INTO gateway_key_endpoints (key_id, endpoint_id) VALUES (?, ?)", key.id(),
                        endpointId);
            }
            return null;
        });
    }

    @Override
    public void revokeKey(String keyId, long at) {
        changing(jdbc -> jdbc.update("UPDATE gateway_keys SET revoked_at = ? WHERE key_id = ? "
                + "AND revoked_at IS NULL", at, keyId));
    }

    @Override
    public void deleteKey(String keyId) {
        changing(jdbc -> {
            jdbc.update("DELETE FROM gateway_key_endpoints WHERE key_id = ?", keyId);
            return jdbc.update("DELETE FROM gateway_keys WHERE key_id = ?", keyId);
        });
    }

    @Override
    public void touchKeys(Map<String, Long> lastUsed) {
        inTransaction(jdbc -> {
            lastUsed.forEach((id, at) -> jdbc.update("UPDATE gateway_keys SET last_used_at = ? WHERE key_id = ? "
                    + "AND (last_used_at IS NULL OR last_used_at < ?)", at, id, at));
            return null;
        });
    }

    @Override
    public boolean putPermission(PermissionRow p, boolean mustBeNew) {
        return changing(jdbc -> {
            boolean exists = jdbc.queryOne("SELECT 1 FROM permissions WHERE user_id = ? AND resource_type = ? "
                    + "AND resource_id = ?", rs -> 1, p.userId(), p.kind().stored(), p.resourceId()).isPresent();
            if (exists && mustBeNew) {
                return false;
            }
            if (exists) {
                jdbc.update("UPDATE permissions SET permission = ?, granted_at = ?, granted_by = ? WHERE user_id = ? "
                        + "AND resource_type = ? AND resource_id = ?", p.permission().name(), p.grantedAt(),
                        p.grantedBy(), p.userId(), p.kind().stored(), p.resourceId());
            } else {
                jdbc.update("INSERT INTO permissions (user_id, resource_type, resource_id, permission, granted_at, "
                        + "granted_by) VALUES (?, ?, ?, ?, ?, ?)", p.userId(), p.kind().stored(), p.resourceId(),
                        p.permission().name(), p.grantedAt(), p.grantedBy());
            }
            return true;
        });
    }

    @Override
    public boolean deletePermission(String userId, ResourceKind kind, String resourceId) {
        return changing(jdbc -> jdbc.update("DELETE FROM permissions WHERE user_id = ? AND resource_type = ? "
                + "AND resource_id = ?", userId, kind.stored(), resourceId) > 0);
    }

    private static OptionalLong optionalLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private <T> T inTransaction(Function<Jdbc, T> work) {
        return Jdbc.inTransaction(database.dataSource(), work);
    }

    /** A change to users, keys or permissions: announced to the other replicas ({@link Changes}). */
    private <T> T changing(Function<Jdbc, T> work) {
        return inTransaction(jdbc -> {
            Changes.announce(jdbc, database.dialect(), Changes.Kind.ACCESS);
            return work.apply(jdbc);
        });
    }
}
