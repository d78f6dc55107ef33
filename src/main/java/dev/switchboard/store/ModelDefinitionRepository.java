package dev.switchboard.store;

import dev.switchboard.config.ModelDefinitionSpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Rows of the {@code model_definitions} table, joined with their secret's name. */
final class ModelDefinitionRepository {

    static final String SELECT = "SELECT d.model_definition_id, d.name, d.secret_id, s.secret_name, d.provider, "
            + "d.model_name, d.created_at, d.last_updated_at, d.created_by, d.last_updated_by "
            + "FROM model_definitions d LEFT JOIN secrets s ON s.secret_id = d.secret_id";

    private final Jdbc jdbc;

    ModelDefinitionRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ModelDefinitionSpec> byId(String id) {
        return jdbc.queryOne(SELECT + " WHERE d.model_definition_id = ?", ModelDefinitionRepository::map, id);
    }

    Optional<ModelDefinitionSpec> byName(String name) {
        return jdbc.queryOne(SELECT + " WHERE d.name = ?", ModelDefinitionRepository::map, name);
    }

    List<ModelDefinitionSpec> all() {
        return jdbc.query(SELECT + " ORDER BY d.created_at, d.name", ModelDefinitionRepository::map);
    }

    void save(ModelDefinitionSpec d) {
        var a = d.audit();
        int updated = jdbc.update("UPDATE model_definitions SET name = ?, secret_id = ?, provider = ?, model_name = ?, "
                        + "last_updated_at = ?, last_updated_by = ? WHERE model_definition_id = ?",
                d.name(), d.secretId(), d.provider(), d.modelName(), a.lastUpdatedAt(), a.lastUpdatedBy(), d.id());
        if (updated == 0) {
            jdbc.update("INSERT INTO model_definitions (model_definition_id, name, secret_id, provider, model_name, "
                            + "created_at, last_updated_at, created_by, last_updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    d.id(), d.name(), d.secretId(), d.provider(), d.modelName(), a.createdAt(), a.lastUpdatedAt(),
                    a.createdBy(), a.lastUpdatedBy());
        }
    }

    void delete(String id) {
        jdbc.update("DELETE FROM model_definitions WHERE model_definition_id = ?", id);
        jdbc.update("DELETE FROM permissions WHERE resource_type = 'model_definition' AND resource_id = ?", id);
    }

    List<String> endpointsUsing(String id) {
        return jdbc.query("SELECT DISTINCT e.name FROM endpoint_model_mappings m "
                + "JOIN endpoints e ON e.endpoint_id = m.endpoint_id WHERE m.model_definition_id = ? ORDER BY e.name",
                rs -> rs.getString(1), id);
    }

    /** Maps the columns of {@link #SELECT}; column names are shared with the endpoint mapping query. */
    static ModelDefinitionSpec map(ResultSet rs) throws SQLException {
        return new ModelDefinitionSpec(rs.getString("model_definition_id"), rs.getString("name"),
                Jdbc.optionalString(rs, "secret_id"), Jdbc.optionalString(rs, "secret_name"),
                rs.getString("provider"), rs.getString("model_name"), AuditColumns.read(rs));
    }
}
