package dev.switchboard.store;

import dev.switchboard.config.EndpointSpec;
import dev.switchboard.config.FallbackConfig;
import dev.switchboard.config.Linkage;
import dev.switchboard.config.ModelMappingSpec;
import dev.switchboard.config.TimeoutOverrides;
import dev.switchboard.core.RetryPolicy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Rows of {@code endpoints} with their model mappings and tags, read and written as one aggregate. */
final class EndpointRepository {

    private static final String SELECT = "SELECT endpoint_id, name, routing_strategy, fallback_strategy, "
            + "fallback_max_attempts, experiment_id, usage_tracking, connect_timeout_ms, first_byte_timeout_ms, "
            + "idle_timeout_ms, total_timeout_ms, retry_max, retry_initial_backoff_ms, retry_max_backoff_ms, "
            + "created_at, last_updated_at, created_by, last_updated_by FROM endpoints";
    private static final String SELECT_MAPPINGS = "SELECT m.mapping_id AS m_mapping_id, m.endpoint_id AS m_endpoint_id, "
            + "m.weight AS m_weight, m.linkage_type AS m_linkage_type, m.fallback_order AS m_fallback_order, "
            + "m.created_at AS m_created_at, m.created_by AS m_created_by, d.model_definition_id, d.name, d.secret_id, "
            + "s.secret_name, d.provider, d.model_name, d.created_at, d.last_updated_at, d.created_by, d.last_updated_by "
            + "FROM endpoint_model_mappings m JOIN model_definitions d ON d.model_definition_id = m.model_definition_id "
            + "LEFT JOIN secrets s ON s.secret_id = d.secret_id";
    private static final String MAPPING_ORDER = " ORDER BY m.linkage_type DESC, m.fallback_order, m.position, m.created_at, m.mapping_id";

    private final Jdbc jdbc;

    EndpointRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Optional<EndpointSpec> byId(String id) {
        List<EndpointSpec> rows = jdbc.query(SELECT + " WHERE endpoint_id = ?", EndpointRepository::mapRow, id);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(assemble(rows,
                jdbc.query(SELECT_MAPPINGS + " WHERE m.endpoint_id = ?" + MAPPING_ORDER, EndpointRepository::mapMapping, id),
                jdbc.query("SELECT endpoint_id, tag_key, tag_value FROM endpoint_tags WHERE endpoint_id = ? ORDER BY tag_key",
                        EndpointRepository::mapTag, id)).getFirst());
    }

    Optional<EndpointSpec> byName(String name) {
        return jdbc.queryOne("SELECT endpoint_id FROM endpoints WHERE name = ?", rs -> rs.getString(1), name)
                .flatMap(this::byId);
    }

    List<EndpointSpec> all() {
        return assemble(jdbc.query(SELECT + " ORDER BY created_at, name", EndpointRepository::mapRow),
                jdbc.query(SELECT_MAPPINGS + MAPPING_ORDER, EndpointRepository::mapMapping),
                jdbc.query("SELECT endpoint_id, tag_key, tag_value FROM endpoint_tags ORDER BY tag_key",
                        EndpointRepository::mapTag));
    }

    void save(EndpointSpec e) {
        var a = e.audit();
        RetryPolicy r = e.retries();
        Optional<Integer> maxAttempts = e.fallbackConfig().map(FallbackConfig::maxAttempts);
        Optional<String> fallbackStrategy = e.fallbackConfig().map(FallbackConfig::strategy);
        int updated = jdbc.update("UPDATE endpoints SET name = ?, routing_strategy = ?, fallback_strategy = ?, "
                        + "fallback_max_attempts = ?, experiment_id = ?, usage_tracking = ?, connect_timeout_ms = ?, "
                        + "first_byte_timeout_ms = ?, idle_timeout_ms = ?, total_timeout_ms = ?, retry_max = ?, "
                        + "retry_initial_backoff_ms = ?, "
                        + "retry_max_backoff_ms = ?, last_updated_at = ?, last_updated_by = ? WHERE endpoint_id = ?",
                e.name(), e.routingStrategy(), fallbackStrategy, maxAttempts, e.experimentId(), e.usageTracking(),
                ms(e.timeouts().connectMs()), ms(e.timeouts().firstByteMs()), ms(e.timeouts().idleMs()),
                ms(e.timeouts().totalMs()), r.maxRetries(), r.initialBackoff().toMillis(), r.maxBackoff().toMillis(),
                a.lastUpdatedAt(), a.lastUpdatedBy(), e.id());
        if (updated == 0) {
            jdbc.update("INSERT INTO endpoints (endpoint_id, name, routing_strategy, fallback_strategy, "
                            + "fallback_max_attempts, experiment_id, usage_tracking, connect_timeout_ms, "
                            + "first_byte_timeout_ms, idle_timeout_ms, total_timeout_ms, retry_max, "
                            + "retry_initial_backoff_ms, retry_max_backoff_ms, created_at, last_updated_at, created_by, "
                            + "last_updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    e.id(), e.name(), e.routingStrategy(), fallbackStrategy, maxAttempts, e.experimentId(),
                    e.usageTracking(), ms(e.timeouts().connectMs()), ms(e.timeouts().firstByteMs()),
                    ms(e.timeouts().idleMs()), ms(e.timeouts().totalMs()), r.maxRetries(), r.initialBackoff().toMillis(),
                    r.maxBackoff().toMillis(), a.createdAt(), a.lastUpdatedAt(), a.createdBy(), a.lastUpdatedBy());
        }
        jdbc.update("DELETE FROM endpoint_model_mappings WHERE endpoint_id = ?", e.id());
        int position = 0;
        for (ModelMappingSpec m : e.mappings()) {
            jdbc.update("INSERT INTO endpoint_model_mappings (mapping_id, endpoint_id, model_definition_id, weight, "
                            + "linkage_type, fallback_order, position, created_at, created_by) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    m.id(), e.id(), m.definition().id(), m.weight(), m.linkage().name(),
                    m.fallbackOrder().isPresent() ? m.fallbackOrder().getAsInt() : null, position++, m.createdAt(),
                    m.createdBy());
        }
        jdbc.update("DELETE FROM endpoint_tags WHERE endpoint_id = ?", e.id());
        e.tags().forEach((key, value) -> jdbc.update(
                "INSERT INTO endpoint_tags (endpoint_id, tag_key, tag_value) VALUES (?, ?, ?)", e.id(), key, value));
    }

    void delete(String id) {
        // Children first, so the delete does not depend on the database enforcing ON DELETE CASCADE.
        jdbc.update("DELETE FROM endpoint_bindings WHERE endpoint_id = ?", id);
        jdbc.update("DELETE FROM endpoint_tags WHERE endpoint_id = ?", id);
        jdbc.update("DELETE FROM endpoint_model_mappings WHERE endpoint_id = ?", id);
        jdbc.update("DELETE FROM endpoints WHERE endpoint_id = ?", id);
        jdbc.update("DELETE FROM permissions WHERE resource_type = 'endpoint' AND resource_id = ?", id);
    }

    private record Tag(String endpointId, String key, String value) { }

    private static List<EndpointSpec> assemble(List<EndpointSpec> rows, List<ModelMappingSpec> mappings, List<Tag> tags) {
        List<EndpointSpec> result = new ArrayList<>(rows.size());
        for (EndpointSpec row : rows) {
            Map<String, String> rowTags = new LinkedHashMap<>();
            tags.stream().filter(t -> t.endpointId().equals(row.id())).forEach(t -> rowTags.put(t.key(), t.value()));
            result.add(row.withMappings(mappings.stream().filter(m -> m.endpointId().equals(row.id())).toList())
                    .withTags(rowTags));
        }
        return result;
    }

    private static EndpointSpec mapRow(ResultSet rs) throws SQLException {
        int maxAttempts = rs.getInt("fallback_max_attempts");
        Optional<FallbackConfig> fallback = rs.getString("fallback_strategy") == null ? Optional.empty()
                : Optional.of(new FallbackConfig(rs.getString("fallback_strategy"), maxAttempts));
        String routing = rs.getString("routing_strategy");
        return new EndpointSpec(rs.getString("endpoint_id"), rs.getString("name"), List.of(),
                routing == null ? EndpointSpec.TRAFFIC_SPLIT : routing, fallback,
                Jdbc.optionalString(rs, "experiment_id"), rs.getBoolean("usage_tracking"), Map.of(),
                new TimeoutOverrides(optionalLong(rs, "connect_timeout_ms"), optionalLong(rs, "first_byte_timeout_ms"),
                        optionalLong(rs, "idle_timeout_ms"), optionalLong(rs, "total_timeout_ms")),
                new RetryPolicy(rs.getInt("retry_max"), Duration.ofMillis(rs.getLong("retry_initial_backoff_ms")),
                        Duration.ofMillis(rs.getLong("retry_max_backoff_ms"))),
                AuditColumns.read(rs));
    }

    private static Long ms(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static OptionalLong optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static ModelMappingSpec mapMapping(ResultSet rs) throws SQLException {
        int order = rs.getInt("m_fallback_order");
        OptionalInt fallbackOrder = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(order);
        return new ModelMappingSpec(rs.getString("m_mapping_id"), rs.getString("m_endpoint_id"),
                ModelDefinitionRepository.map(rs), rs.getDouble("m_weight"),
                Linkage.valueOf(rs.getString("m_linkage_type")), fallbackOrder, rs.getLong("m_created_at"),
                Jdbc.optionalString(rs, "m_created_by"));
    }

    private static Tag mapTag(ResultSet rs) throws SQLException {
        return new Tag(rs.getString("endpoint_id"), rs.getString("tag_key"), rs.getString("tag_value"));
    }
}
