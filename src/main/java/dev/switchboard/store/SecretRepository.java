package dev.switchboard.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.config.SecretSpec;
import dev.switchboard.core.Credentials;
import dev.switchboard.core.Json;
import dev.switchboard.core.SecretMask;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rows of the {@code secrets} table. Values are sealed here and only masked values are read back. */
final class SecretRepository {

    private static final ObjectMapper JSON = Json.mapper();
    private static final Logger LOG = LoggerFactory.getLogger(SecretRepository.class);
    private static final String COLUMNS = "secret_id, secret_name, masked_value, provider, auth_config, "
            + "description, created_at, last_updated_at, created_by, last_updated_by";

    private final Jdbc jdbc;
    private final EnvelopeCrypto crypto;

    SecretRepository(Jdbc jdbc, EnvelopeCrypto crypto) {
        this.jdbc = jdbc;
        this.crypto = crypto;
    }

    Optional<SecretSpec> byId(String id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM secrets WHERE secret_id = ?", SecretRepository::map, id);
    }

    Optional<SecretSpec> byName(String name) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM secrets WHERE secret_name = ?", SecretRepository::map, name);
    }

    List<SecretSpec> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM secrets ORDER BY created_at, secret_name",
                SecretRepository::map);
    }

    SecretSpec insert(SecretSpec meta, Map<String, String> value) {
        EnvelopeCrypto.Sealed sealed = crypto.seal(meta.id(), meta.name(), value);
        Map<String, String> masked = SecretMask.maskAll(value);
        var audit = meta.audit();
        jdbc.update("INSERT INTO secrets (secret_id, secret_name, encrypted_value, wrapped_dek, kek_version, "
                        + "masked_value, provider, auth_config, description, created_at, last_updated_at, created_by, "
                        + "last_updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                meta.id(), meta.name(), sealed.encryptedValue(), sealed.wrappedDek(), sealed.kekVersion(),
                toJson(masked), meta.provider(), toJson(meta.authConfig()), meta.description(), audit.createdAt(),
                audit.lastUpdatedAt(), audit.createdBy(), audit.lastUpdatedBy());
        return new SecretSpec(meta.id(), meta.name(), masked, meta.provider(), meta.authConfig(), meta.description(),
                audit);
    }

    SecretSpec update(SecretSpec meta, Optional<Map<String, String>> newValue) {
        var audit = meta.audit();
        Map<String, String> masked = meta.maskedValues();
        if (newValue.isPresent()) {
            EnvelopeCrypto.Sealed sealed = crypto.seal(meta.id(), meta.name(), newValue.get());
            masked = SecretMask.maskAll(newValue.get());
            jdbc.update("UPDATE secrets SET encrypted_value = ?, wrapped_dek = ?, kek_version = ?, masked_value = ? "
                            + "WHERE secret_id = ?",
                    sealed.encryptedValue(), sealed.wrappedDek(), sealed.kekVersion(), toJson(masked), meta.id());
        }
        jdbc.update("UPDATE secrets SET provider = ?, auth_config = ?, description = ?, last_updated_at = ?, "
                        + "last_updated_by = ? WHERE secret_id = ?",
                meta.provider(), toJson(meta.authConfig()), meta.description(), audit.lastUpdatedAt(),
                audit.lastUpdatedBy(), meta.id());
        return new SecretSpec(meta.id(), meta.name(), masked, meta.provider(), meta.authConfig(), meta.description(),
                audit);
    }

    void delete(String id) {
        jdbc.update("UPDATE model_definitions SET secret_id = NULL WHERE secret_id = ?", id);
        jdbc.update("DELETE FROM secrets WHERE secret_id = ?", id);
        jdbc.update("DELETE FROM permissions WHERE resource_type = 'secret' AND resource_id = ?", id);
    }

    /** Every secret that opens with the current key; one that does not is logged (by name) and left out. */
    Map<String, Credentials> decryptAll() {
        record Sealed(String id, String name, byte[] value, byte[] dek) { }
        List<Sealed> rows = jdbc.query("SELECT secret_id, secret_name, encrypted_value, wrapped_dek FROM secrets",
                rs -> new Sealed(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getBytes(4)));
        Map<String, Credentials> result = new LinkedHashMap<>();
        for (Sealed row : rows) {
            try {
                result.put(row.id(), new Credentials(crypto.open(row.id(), row.name(), row.value(), row.dek())));
            } catch (SecretDecryptionException e) {
                LOG.warn("Secret '{}' ({}) cannot be decrypted with the current passphrase; its endpoints cannot use it",
                        row.name(), row.id());
            }
        }
        return result;
    }

    /** The wrapped data keys of every secret, to check a passphrase at start-up. */
    List<byte[]> wrappedKeys() {
        return jdbc.query("SELECT wrapped_dek FROM secrets", rs -> rs.getBytes(1));
    }

    private static SecretSpec map(ResultSet rs) throws SQLException {
        return new SecretSpec(rs.getString("secret_id"), rs.getString("secret_name"),
                fromJson(rs.getString("masked_value"), new TypeReference<LinkedHashMap<String, String>>() { }),
                Jdbc.optionalString(rs, "provider"),
                rs.getString("auth_config") == null ? Map.of()
                        : fromJson(rs.getString("auth_config"), new TypeReference<LinkedHashMap<String, Object>>() { }),
                Jdbc.optionalString(rs, "description"), AuditColumns.read(rs));
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise secret metadata", e);
        }
    }

    private static <T> T fromJson(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored secret metadata is not valid JSON", e);
        }
    }
}
