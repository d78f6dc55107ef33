package dev.switchboard.store;

import dev.switchboard.config.BindingSpec;
import java.util.List;

/** Rows of {@code endpoint_bindings}. */
final class BindingRepository {

    private final Jdbc jdbc;

    BindingRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    List<BindingSpec> all() {
        return jdbc.query("SELECT endpoint_id, resource_type, resource_id, display_name, created_at, last_updated_at, "
                        + "created_by, last_updated_by FROM endpoint_bindings ORDER BY created_at, resource_id",
                rs -> new BindingSpec(rs.getString("endpoint_id"), rs.getString("resource_type"),
                        rs.getString("resource_id"), Jdbc.optionalString(rs, "display_name"), AuditColumns.read(rs)));
    }

    void insert(BindingSpec b) {
        var a = b.audit();
        jdbc.update("INSERT INTO endpoint_bindings (endpoint_id, resource_type, resource_id, display_name, created_at, "
                        + "last_updated_at, created_by, last_updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                b.endpointId(), b.resourceType(), b.resourceId(), b.displayName(), a.createdAt(), a.lastUpdatedAt(),
                a.createdBy(), a.lastUpdatedBy());
    }

    void delete(String endpointId, String resourceType, String resourceId) {
        jdbc.update("DELETE FROM endpoint_bindings WHERE endpoint_id = ? AND resource_type = ? AND resource_id = ?",
                endpointId, resourceType, resourceId);
    }
}
