package dev.switchboard.store;

import dev.switchboard.config.ConfigStore;
import dev.switchboard.config.ConfigTx;
import dev.switchboard.config.SecretsStatus;
import dev.switchboard.core.GatewayException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The configuration store on a SQL database. Writes are serialised in this process and each runs in
 * one transaction that first bumps the configuration version ({@link Changes}, which serialises
 * them across replicas too). At construction it checks that the
 * passphrase opens the stored secrets, and refuses to store new ones if it does not.
 */
public final class SqlConfigStore implements ConfigStore {

    private final Database database;
    private final EnvelopeCrypto crypto;
    private final SecretsStatus status;
    private final ReentrantLock writeLock = new ReentrantLock();

    public SqlConfigStore(Database database, EnvelopeCrypto crypto, boolean usingDefaultPassphrase) {
        this.database = database;
        this.crypto = crypto;
        this.status = checkPassphrase(usingDefaultPassphrase);
    }

    @Override
    public SecretsStatus secretsStatus() {
        return status;
    }

    @Override
    public <T> T read(Function<ConfigTx, T> work) {
        return inTransaction(work);
    }

    @Override
    public <T> T write(Function<ConfigTx, T> work) {
        writeLock.lock();
        try {
            // The counter first: its row lock serialises writers on other replicas too.
            return inTransaction(tx -> {
                Changes.announce(tx.jdbc(), database.dialect(), Changes.Kind.CONFIG);
                return work.apply(tx);
            });
        } finally {
            writeLock.unlock();
        }
    }

    /** The version bumped by every committed write. */
    public long version() {
        return inTransaction(tx -> tx.jdbc().queryOne("SELECT version FROM config_version WHERE id = 1",
                rs -> rs.getLong(1)).orElse(0L));
    }

    /**
     * Re-wraps every secret's data key under {@code target}'s key-encryption key, in one
     * transaction; ciphertexts are untouched, and a data key the target already opens is left as it
     * is. Returns the number of secrets now under the target's key.
     */
    public int rotateKek(EnvelopeCrypto target) {
        if (!status.available()) {
            throw new GatewayException.InvalidState(status.problem().orElse("Secrets are unavailable"));
        }
        writeLock.lock();
        try {
            return inTransaction(tx -> rewrapAll(tx.jdbc(), target));
        } finally {
            writeLock.unlock();
        }
    }

    private int rewrapAll(Jdbc jdbc, EnvelopeCrypto target) {
        Changes.announce(jdbc, database.dialect(), Changes.Kind.CONFIG);
        record Row(String id, byte[] wrapped) { }
        List<Row> rows = jdbc.query("SELECT secret_id, wrapped_dek FROM secrets",
                rs -> new Row(rs.getString(1), rs.getBytes(2)));
        for (Row row : rows) {
            // A data key the target already opens needs nothing: sealed by replicas that knew the next
            // key, or re-wrapped by an earlier run of the rotation.
            if (!target.canUnwrap(row.wrapped())) {
                jdbc.update("UPDATE secrets SET wrapped_dek = ?, kek_version = ? WHERE secret_id = ?",
                        crypto.rewrap(row.wrapped(), target), target.kekVersion(), row.id());
            }
        }
        // Budgets' webhook signing secrets are sealed under the same key.
        List<Row> webhooks = jdbc.query("SELECT budget_policy_id, webhook_dek FROM budget_policies "
                + "WHERE webhook_dek IS NOT NULL", rs -> new Row(rs.getString(1), rs.getBytes(2)));
        for (Row row : webhooks) {
            if (!target.canUnwrap(row.wrapped())) {
                jdbc.update("UPDATE budget_policies SET webhook_dek = ?, kek_version = ? WHERE budget_policy_id = ?",
                        crypto.rewrap(row.wrapped(), target), target.kekVersion(), row.id());
            }
        }
        return rows.size();
    }

    private SecretsStatus checkPassphrase(boolean usingDefault) {
        List<byte[]> keys = inTransaction(tx -> new SecretRepository(tx.jdbc(), crypto).wrappedKeys());
        long opened = keys.stream().filter(crypto::canUnwrap).count();
        if (keys.isEmpty() || opened > 0) {
            return new SecretsStatus(true, usingDefault, Optional.empty());
        }
        return new SecretsStatus(false, usingDefault, Optional.of(
                "The key-encryption passphrase does not match this database: none of its " + keys.size()
                        + " stored secret(s) can be decrypted. Start Switchboard with SWITCHBOARD_KEK_PASSPHRASE set "
                        + "to the passphrase the secrets were stored with."));
    }

    private <T> T inTransaction(Function<? super SqlConfigTx, T> work) {
        return Jdbc.inTransaction(database.dataSource(), jdbc -> work.apply(new SqlConfigTx(jdbc, crypto, status)));
    }
}
