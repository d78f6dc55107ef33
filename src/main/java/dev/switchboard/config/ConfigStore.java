package dev.switchboard.config;

import java.util.function.Function;

/**
 * Where configuration is persisted. Each call runs its work in one database transaction: a
 * {@link #write} commits everything or nothing, and writes are serialised so that validation
 * reads inside the work see the state the commit will change.
 */
public interface ConfigStore {

    /** Runs read-only work in one transaction. */
    <T> T read(Function<ConfigTx, T> work);

    /** Runs work in one transaction and commits it; any exception rolls everything back. */
    <T> T write(Function<ConfigTx, T> work);

    /** Whether stored secrets can be decrypted with the configured passphrase. */
    SecretsStatus secretsStatus();
}
