package dev.switchboard.config;

import dev.switchboard.provider.Timeouts;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration as requests see it: a {@link ConfigStore} whose every committed write
 * recompiles the {@link ConfigSnapshot} and swaps it in atomically. Requests call
 * {@link #snapshot()} once and keep what they got; if compiling fails, the old snapshot stays live.
 */
public final class LiveConfig implements ConfigStore {

    private static final Logger LOG = LoggerFactory.getLogger(LiveConfig.class);

    private final ConfigStore store;
    private final Timeouts defaults;
    private final AtomicReference<ConfigSnapshot> current = new AtomicReference<>(ConfigSnapshot.EMPTY);
    private final Object compileLock = new Object();
    private final ModelLimits limits;

    public LiveConfig(ConfigStore store, Timeouts defaults, ModelLimits limits) {
        this.store = store;
        this.defaults = defaults;
        this.limits = limits;
        refresh();
    }

    /** The current snapshot; read it once per request. */
    public ConfigSnapshot snapshot() {
        return current.get();
    }

    /** Recompiles from the store and swaps the snapshot in, unless a newer one is already live. */
    public void refresh() {
        synchronized (compileLock) {
            try {
                ConfigSnapshot next = store.read(tx -> SnapshotCompiler.compile(tx.version(), tx.endpoints(),
                        tx.secrets(), tx.decryptedSecrets(), defaults, limits));
                if (next.version() >= current.get().version()) {
                    current.set(next);
                }
            } catch (RuntimeException e) {
                LOG.error("Could not compile the configuration; version {} stays live", current.get().version(), e);
            }
        }
    }

    @Override
    public <T> T read(Function<ConfigTx, T> work) {
        return store.read(work);
    }

    @Override
    public <T> T write(Function<ConfigTx, T> work) {
        T result = store.write(work);
        refresh();
        return result;
    }

    @Override
    public SecretsStatus secretsStatus() {
        return store.secretsStatus();
    }
}
