package dev.switchboard.store;

import dev.switchboard.config.Audit;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the four audit columns every configuration table has. */
final class AuditColumns {

    private AuditColumns() {
    }

    static Audit read(ResultSet rs) throws SQLException {
        return new Audit(rs.getLong("created_at"), rs.getLong("last_updated_at"),
                Jdbc.optionalString(rs, "created_by"), Jdbc.optionalString(rs, "last_updated_by"));
    }
}
