package dev.switchboard.access;

import dev.switchboard.access.AccessStore.KeyRow;
import dev.switchboard.access.AccessStore.UserRow;
import dev.switchboard.core.GatewayException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gateway keys: made for a user (the value shown once, only its SHA-256 kept), found by that hash
 * on the request path in the current snapshot (so a revocation applies to the very next call),
 * revoked, deleted. When a key was last used is gathered in memory and written every few seconds.
 */
public final class GatewayKeys implements AutoCloseable {

    /** The prefix of every gateway key. */
    public static final String PREFIX = "sb-";

    private static final Logger LOG = LoggerFactory.getLogger(GatewayKeys.class);
    private static final int KEY_BYTES = 32;
    private static final int SHOWN_PREFIX = 6;
    private static final int MAX_NAME = 255;
    private static final long FLUSH_MILLIS = 10_000;
    private static final long LAST_USED_RESOLUTION_MILLIS = 1_000;

    private final AccessState state;
    private final Map<String, Long> lastUsed = new ConcurrentHashMap<>();
    private final Thread flusher;
    private volatile boolean closed;

    GatewayKeys(AccessState state) {
        this.state = state;
        this.flusher = Thread.ofPlatform().daemon().name("gateway-key-last-used").start(this::flushPeriodically);
    }

    /**
     * The principal of a gateway key; empty when {@code key} is not one at all. A key that is
     * unknown, revoked or expired is a 401 saying so.
     */
    public Optional<Principal> principal(String key) {
        if (!key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        AccessSnapshot.StoredKey stored = state.snapshot().keysByHash.get(Tokens.sha256(key));
        if (stored == null) {
            throw new GatewayException.Unauthenticated("Invalid gateway key");
        }
        KeyRow row = stored.row();
        if (row.revokedAt().isPresent()) {
            throw new GatewayException.Unauthenticated("This gateway key (" + row.prefix() + "...) was revoked");
        }
        long now = state.clock.millis();
        if (row.expiresAt().isPresent() && row.expiresAt().getAsLong() <= now) {
            throw new GatewayException.Unauthenticated("This gateway key (" + row.prefix() + "...) expired at "
                    + Instant.ofEpochMilli(row.expiresAt().getAsLong()));
        }
        // A key in steady use is recorded once a second at most: a read, not a write, per call.
        Long recorded = lastUsed.get(row.id());
        if (recorded == null || now - recorded >= LAST_USED_RESOLUTION_MILLIS) {
            lastUsed.put(row.id(), now);
        }
        return Optional.of(stored.principal());
    }

    /**
     * Makes a gateway key for {@code owner}, limited to {@code endpointIds} (none: every endpoint the
     * owner may use). The key's value is in the answer and nowhere else, ever.
     */
    public NewKey create(String name, String owner, Set<String> endpointIds, OptionalLong expiresAt,
                         Optional<String> createdBy) {
        if (name.isBlank() || name.length() > MAX_NAME) {
            throw new GatewayException.InvalidRequest("A gateway key needs a name of 1 to " + MAX_NAME + " characters");
        }
        long now = state.clock.millis();
        if (expiresAt.isPresent() && expiresAt.getAsLong() <= now) {
            throw new GatewayException.InvalidRequest("expires_at must be in the future");
        }
        endpointIds.forEach(id -> state.requireResource(ResourceKind.ENDPOINT, id));
        String value = PREFIX + Tokens.random(KEY_BYTES);
        KeyRow row = state.change(() -> {
            UserRow user = state.existing(owner);
            KeyRow made = new KeyRow(UUID.randomUUID().toString(), Tokens.sha256(value),
                    value.substring(0, PREFIX.length() + SHOWN_PREFIX), name.strip(), user.id(), now, createdBy,
                    expiresAt, OptionalLong.empty(), OptionalLong.empty(), new LinkedHashSet<>(endpointIds));
            state.store.insertKey(made);
            return made;
        });
        return new NewKey(view(row), value);
    }

    /** Keys, newest first: every key for an admin, else the caller's own. */
    public List<KeyView> list(Principal principal) {
        Optional<String> own = principal.admin() ? Optional.empty() : principal.user().map(Principal.User::id);
        return state.snapshot().keysById.values().stream()
                .filter(row -> own.isEmpty() || own.get().equals(row.ownerId()))
                .sorted(Comparator.comparingLong(KeyRow::createdAt).reversed().thenComparing(KeyRow::id))
                .map(this::view).toList();
    }

    /** Revokes a key: every later call with it is a 401. Only its owner or an admin may. */
    public KeyView revoke(String keyId, Principal principal) {
        state.change(() -> {
            if (own(keyId, principal).revokedAt().isEmpty()) {
                state.store.revokeKey(keyId, state.clock.millis());
            }
        });
        return view(own(keyId, principal));
    }

    /** Deletes a key. Only its owner or an admin may. */
    public void delete(String keyId, Principal principal) {
        state.change(() -> {
            own(keyId, principal);
            state.store.deleteKey(keyId);
            lastUsed.remove(keyId);
        });
    }

    /** A key the principal may change; someone else's is a 404, so key ids of others are not confirmed. */
    private KeyRow own(String keyId, Principal principal) {
        KeyRow row = state.snapshot().keysById.get(keyId);
        boolean mine = row != null && (principal.admin()
                || principal.user().map(u -> u.id().equals(row.ownerId())).orElse(false));
        if (!mine) {
            throw new GatewayException.NotFound("No gateway key with id '" + keyId + "'");
        }
        return row;
    }

    private KeyView view(KeyRow row) {
        UserRow owner = state.snapshot().usersById.get(row.ownerId());
        Long pending = lastUsed.get(row.id());
        OptionalLong used = pending != null ? OptionalLong.of(pending) : row.lastUsedAt();
        String status = row.revokedAt().isPresent() ? "revoked"
                : row.expiresAt().isPresent() && row.expiresAt().getAsLong() <= state.clock.millis() ? "expired"
                : "active";
        List<KeyEndpoint> endpoints = row.endpointIds().stream()
                .map(id -> new KeyEndpoint(id, state.resources.name(ResourceKind.ENDPOINT, id).orElse(null)))
                .sorted(Comparator.comparing(KeyEndpoint::endpointId)).toList();
        return new KeyView(row.id(), row.name(), row.prefix(), owner == null ? null : owner.username(), endpoints,
                row.createdAt(), row.createdBy().orElse(null), boxed(row.expiresAt()), boxed(row.revokedAt()),
                boxed(used), status);
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private void flushPeriodically() {
        while (!closed) {
            try {
                Thread.sleep(FLUSH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            flushLastUsed();
        }
    }

    /** Writes the last-used times gathered since the previous flush. */
    public void flushLastUsed() {
        if (lastUsed.isEmpty()) {
            return;
        }
        Map<String, Long> batch = new HashMap<>();
        for (String id : List.copyOf(lastUsed.keySet())) {
            Long at = lastUsed.remove(id);
            if (at != null) {
                batch.put(id, at);
            }
        }
        try {
            state.store.touchKeys(batch);
        } catch (RuntimeException e) {
            LOG.warn("Could not record when {} gateway key(s) were last used: {}", batch.size(), e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        flusher.interrupt();
        flushLastUsed();
    }

    /** A new key: its view, and its value, shown this once. */
    public record NewKey(KeyView view, String key) {
        @Override
        public String toString() {
            return "NewKey[" + view.prefix() + "...]";
        }
    }

    /** A key as the API shows it (never its value). A deleted endpoint's name is null. */
    public record KeyView(String keyId, String name, String prefix, String owner, List<KeyEndpoint> endpoints,
                          long createdAt, String createdBy, Long expiresAt, Long revokedAt, Long lastUsedAt,
                          String status) {
    }

    public record KeyEndpoint(String endpointId, String name) {
    }
}
