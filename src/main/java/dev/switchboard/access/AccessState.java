package dev.switchboard.access;

import dev.switchboard.access.AccessStore.UserRow;
import dev.switchboard.core.GatewayException;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * What {@link AccessControl} and {@link GatewayKeys} share: the store, the current snapshot
 * (rebuilt after every change) and the lock that serialises changes in this process.
 */
final class AccessState {

    final AccessStore store;
    final AccessSettings settings;
    final InstantSource clock;
    final AccessControl.Resources resources;
    final Passwords passwords = new Passwords();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicReference<AccessSnapshot> snapshot = new AtomicReference<>();

    AccessState(AccessStore store, AccessSettings settings, InstantSource clock, AccessControl.Resources resources) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.resources = resources;
        reload();
    }

    AccessSnapshot snapshot() {
        return snapshot.get();
    }

    /**
     * Reads users, keys and permissions again. Under the lock: a reload another thread started (on a
     * change notice) must not publish what it read before a change made here, after that change's own.
     */
    void reload() {
        writeLock.lock();
        try {
            snapshot.set(new AccessSnapshot(store.load(), settings.defaultPermission()));
        } finally {
            writeLock.unlock();
        }
    }

    /** Makes a change under the lock, then reloads the snapshot. */
    <T> T change(Supplier<T> work) {
        writeLock.lock();
        try {
            T result = work.get();
            reload();
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    void change(Runnable work) {
        change(() -> {
            work.run();
            return null;
        });
    }

    /** The user of that name, or a 404. */
    UserRow existing(String username) {
        UserRow user = snapshot().usersByName.get(username);
        if (user == null) {
            throw new GatewayException.NotFound("User '" + username + "' not found");
        }
        return user;
    }

    /** The name of a configured resource, or a 404. */
    String requireResource(ResourceKind kind, String resourceId) {
        return resources.name(kind, resourceId).orElseThrow(() -> new GatewayException.NotFound(
                "No " + kind.noun() + " with id '" + resourceId + "'"));
    }
}
