package dev.switchboard.access;

import dev.switchboard.access.AccessStore.KeyRow;
import dev.switchboard.access.AccessStore.PermissionRow;
import dev.switchboard.access.AccessStore.SessionRow;
import dev.switchboard.access.AccessStore.UserRow;
import dev.switchboard.core.GatewayException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users, sessions, gateway keys and permissions: who a request's credentials belong to, and the
 * operations of the users, permissions and gateway-keys routes. Users, keys and permissions are
 * held in memory as one immutable snapshot, rebuilt after every change, so resolving a gateway key
 * on the request path is a hash and a map lookup, and a revocation applies to the very next call.
 * Writes are serialised in this process. Nothing here ever logs or returns a password, a key or a
 * session id; only their SHA-256 is stored.
 */
public final class AccessControl implements AutoCloseable {

    /** The prefix of every gateway key. */
    public static final String KEY_PREFIX = "sb-";
    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final String INITIAL_ADMIN = "admin";

    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
    private static final int KEY_BYTES = 32;
    private static final int SESSION_BYTES = 32;
    private static final int SHOWN_PREFIX = 6;
    private static final int MAX_NAME = 255;
    private static final int MAX_PASSWORD = 1024;
    /** A session found in the database is trusted from memory this long, then read again. */
    private static final long SESSION_RECHECK_MILLIS = 30_000;
    /** A password checked with Argon2id is remembered (as a hash) this long, for HTTP Basic callers. */
    private static final long PASSWORD_REMEMBER_MILLIS = 5 * 60_000;
    private static final int MAX_REMEMBERED = 10_000;
    private static final long LAST_USED_FLUSH_MILLIS = 10_000;
    private static final long LAST_USED_RESOLUTION_MILLIS = 1_000;

    private final AccessStore store;
    private final AccessSettings settings;
    private final InstantSource clock;
    private final Resources resources;
    private final Passwords passwords = new Passwords();
    private final SignInThrottle throttle;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();
    private final Map<String, CachedSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, CachedPassword> checkedPasswords = new ConcurrentHashMap<>();
    private final Map<String, Long> lastUsed = new ConcurrentHashMap<>();
    private final Thread flusher;
    private volatile boolean closed;

    /** Whether a resource exists, for the permission and key routes (the configuration answers). */
    @FunctionalInterface
    public interface Resources {
        /** The resource's name for people, or empty if there is no such resource. */
        Optional<String> name(ResourceKind kind, String id);
    }

    public AccessControl(AccessStore store, AccessSettings settings, InstantSource clock, Resources resources) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.resources = resources;
        this.throttle = new SignInThrottle(clock, Duration.ofMinutes(15), 10, 50);
        reload();
        this.flusher = Thread.ofPlatform().daemon().name("gateway-key-last-used").start(this::flushPeriodically);
    }

    public AccessSettings settings() {
        return settings;
    }

    public boolean enabled() {
        return settings.enabled();
    }

    // ---- The first start ----

    /** Whether any user exists. */
    public boolean hasUsers() {
        return !snapshot.get().usersById.isEmpty();
    }

    /** Creates the initial admin user with {@code password}; does nothing if any user exists. */
    public boolean createInitialAdmin(String password) {
        writeLock.lock();
        try {
            if (hasUsers()) {
                return false;
            }
            createUser(INITIAL_ADMIN, password, true, Optional.empty());
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    // ---- Resolving credentials ----

    /**
     * The principal of a gateway key; empty when {@code key} is not one at all. A key that is
     * unknown, revoked or expired is a 401 saying so.
     */
    public Optional<Principal> byKey(String key) {
        if (!key.startsWith(KEY_PREFIX)) {
            return Optional.empty();
        }
        StoredKey stored = snapshot.get().keysByHash.get(Tokens.sha256(key));
        if (stored == null) {
            throw new GatewayException.Unauthenticated("Invalid gateway key");
        }
        if (stored.row.revokedAt().isPresent()) {
            throw new GatewayException.Unauthenticated("This gateway key (" + stored.row.prefix() + "...) was revoked");
        }
        long now = clock.millis();
        if (stored.row.expiresAt().isPresent() && stored.row.expiresAt().getAsLong() <= now) {
            throw new GatewayException.Unauthenticated("This gateway key (" + stored.row.prefix() + "...) expired at "
                    + Instant.ofEpochMilli(stored.row.expiresAt().getAsLong()));
        }
        // A key in steady use is recorded once a second at most: a read, not a write, per call.
        Long recorded = lastUsed.get(stored.row.id());
        if (recorded == null || now - recorded >= LAST_USED_RESOLUTION_MILLIS) {
            lastUsed.put(stored.row.id(), now);
        }
        return Optional.of(stored.principal);
    }

    /**
     * The user a name and password belong to (HTTP Basic); a wrong pair is a 401, too many wrong
     * ones from this name or address a 429. A pair checked recently is remembered as its SHA-256,
     * so clients that send Basic on every request pay for Argon2id once every few minutes.
     */
    public Principal.User byPassword(String username, String password, String address) {
        String remembered = Tokens.sha256(username + '\0' + password);
        CachedPassword cached = checkedPasswords.get(remembered);
        long now = clock.millis();
        Snapshot current = snapshot.get();
        if (cached != null && cached.until > now) {
            UserRow user = current.usersById.get(cached.userId);
            if (user != null && user.passwordChangedAt() == cached.passwordChangedAt) {
                return current.principal(user);
            }
            checkedPasswords.remove(remembered);
        }
        UserRow user = checkPassword(username, password, address);
        if (checkedPasswords.size() >= MAX_REMEMBERED) {
            checkedPasswords.clear();
        }
        checkedPasswords.put(remembered, new CachedPassword(user.id(), user.passwordChangedAt(),
                now + PASSWORD_REMEMBER_MILLIS));
        return principalOf(user);
    }

    /** The user of a browser session, with its CSRF token; empty for an unknown or expired session. */
    public Optional<SignedIn> bySession(String sessionId) {
        String hash = Tokens.sha256(sessionId);
        long now = clock.millis();
        CachedSession cached = sessions.get(hash);
        SessionRow row;
        if (cached != null && cached.checkedAt + SESSION_RECHECK_MILLIS > now) {
            row = cached.row;
        } else {
            Optional<SessionRow> stored = store.session(hash);
            if (stored.isEmpty()) {
                sessions.remove(hash);
                return Optional.empty();
            }
            row = stored.get();
            if (sessions.size() >= MAX_REMEMBERED) {
                sessions.clear();
            }
            sessions.put(hash, new CachedSession(row, now));
        }
        if (row.expiresAt() <= now) {
            sessions.remove(hash);
            return Optional.empty();
        }
        Snapshot current = snapshot.get();
        UserRow user = current.usersById.get(row.userId());
        if (user == null) {
            sessions.remove(hash);
            return Optional.empty();
        }
        return Optional.of(new SignedIn(current.principal(user), sessionId, row.csrfToken(), row.expiresAt()));
    }

    /** Checks a password and opens a session; the answer carries the session id and its CSRF token. */
    public SignedIn signIn(String username, String password, String address) {
        UserRow user = checkPassword(username, password, address);
        long now = clock.millis();
        if (sessions.size() >= MAX_REMEMBERED) {
            sessions.clear();
        }
        store.deleteExpiredSessions(now);
        String sessionId = Tokens.random(SESSION_BYTES);
        SessionRow row = new SessionRow(Tokens.sha256(sessionId), user.id(), Tokens.random(SESSION_BYTES), now,
                now + settings.sessionLifetime().toMillis());
        store.insertSession(row);
        sessions.put(row.hash(), new CachedSession(row, now));
        return new SignedIn(principalOf(user), sessionId, row.csrfToken(), row.expiresAt());
    }

    /** The principal of a user just checked; one deleted in the meantime is a 401. */
    private Principal.User principalOf(UserRow user) {
        Principal.User principal = snapshot.get().principal(user);
        if (principal == null) {
            throw new GatewayException.Unauthenticated("Wrong username or password.");
        }
        return principal;
    }

    public void signOut(String sessionId) {
        String hash = Tokens.sha256(sessionId);
        sessions.remove(hash);
        store.deleteSession(hash);
    }

    private UserRow checkPassword(String username, String password, String address) {
        OptionalLong blocked = throttle.blockedFor(username, address);
        if (blocked.isPresent()) {
            throw new GatewayException.TooManyRequests("Too many failed sign-in attempts; try again in "
                    + blocked.getAsLong() + " seconds", blocked.getAsLong());
        }
        Snapshot current = snapshot.get();
        UserRow user = current.usersByName.get(username);
        boolean right;
        if (user == null) {
            // A missing user still costs a hash, so response times do not tell which names exist.
            passwords.verify(password, current.decoyHash);
            right = false;
        } else {
            right = passwords.verify(password, user.passwordHash());
        }
        if (!right) {
            throttle.failed(username, address);
            throw new GatewayException.Unauthenticated("Wrong username or password.");
        }
        throttle.succeeded(username);
        return user;
    }

    /** A signed-in browser session: its user, id, CSRF token and expiry. */
    public record SignedIn(Principal.User user, String sessionId, String csrfToken, long expiresAt) {
        @Override
        public String toString() {
            return "SignedIn[" + user.username() + "]";
        }
    }

    // ---- Users ----

    /** Creates a user; {@code by} is who did (for the record). */
    public UserView createUser(String username, String password, boolean admin, Optional<String> by) {
        checkUsername(username);
        checkPassword(password);
        writeLock.lock();
        try {
            long now = clock.millis();
            UserRow row = new UserRow(UUID.randomUUID().toString(), username, passwords.hash(password), admin, now, by,
                    now);
            if (!store.insertUser(row)) {
                throw new GatewayException.AlreadyExists("User '" + username + "' already exists");
            }
            reload();
            return UserView.of(row);
        } finally {
            writeLock.unlock();
        }
    }

    public UserView user(String username) {
        return UserView.of(existing(username));
    }

    public List<UserView> users() {
        return snapshot.get().usersByName.values().stream().sorted(Comparator.comparing(UserRow::username))
                .map(UserView::of).toList();
    }

    /** Sets a new password; every session of the user ends, and remembered passwords are forgotten. */
    public void updatePassword(String username, String password) {
        checkPassword(password);
        writeLock.lock();
        try {
            UserRow user = existing(username);
            store.updatePassword(user.id(), passwords.hash(password), Math.max(clock.millis(),
                    user.passwordChangedAt() + 1));
            sessions.values().removeIf(s -> s.row.userId().equals(user.id()));
            reload();
        } finally {
            writeLock.unlock();
        }
    }

    public void updateAdmin(String username, boolean admin) {
        writeLock.lock();
        try {
            UserRow user = existing(username);
            if (!admin && user.admin() && adminCount() == 1) {
                throw new GatewayException.InvalidState("'" + username + "' is the only admin: make another user "
                        + "an admin first");
            }
            store.updateAdmin(user.id(), admin);
            reload();
        } finally {
            writeLock.unlock();
        }
    }

    public void deleteUser(String username) {
        writeLock.lock();
        try {
            UserRow user = existing(username);
            if (user.admin() && adminCount() == 1) {
                throw new GatewayException.InvalidState("'" + username + "' is the only admin and cannot be deleted");
            }
            store.deleteUser(user.id());
            sessions.values().removeIf(s -> s.row.userId().equals(user.id()));
            reload();
        } finally {
            writeLock.unlock();
        }
    }

    private long adminCount() {
        return snapshot.get().usersById.values().stream().filter(UserRow::admin).count();
    }

    private UserRow existing(String username) {
        UserRow user = snapshot.get().usersByName.get(username);
        if (user == null) {
            throw new GatewayException.NotFound("User '" + username + "' not found");
        }
        return user;
    }

    private static void checkUsername(String username) {
        if (username.isBlank() || username.length() > MAX_NAME || !username.strip().equals(username)
                || username.indexOf(':') >= 0 || username.chars().anyMatch(Character::isISOControl)) {
            throw new GatewayException.InvalidRequest("Invalid username: use 1 to " + MAX_NAME
                    + " characters without a colon, control characters or surrounding spaces");
        }
    }

    private static void checkPassword(String password) {
        if (password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD) {
            throw new GatewayException.InvalidRequest("A password must have " + MIN_PASSWORD_LENGTH + " to "
                    + MAX_PASSWORD + " characters");
        }
    }

    /** A user as the API shows them. */
    public record UserView(String id, String username, boolean isAdmin, long createdAt) {
        static UserView of(UserRow row) {
            return new UserView(row.id(), row.username(), row.admin(), row.createdAt());
        }
    }

    // ---- Permissions ----

    /** The level {@code username} was given on a resource (404 if none was given). */
    public PermissionView permission(ResourceKind kind, String resourceId, String username) {
        UserRow user = existing(username);
        Permission level = snapshot.get().given(user.id(), kind, resourceId).orElseThrow(() ->
                new GatewayException.NotFound("No permission on the " + kind.noun() + " '" + resourceId
                        + "' was given to '" + username + "'"));
        return new PermissionView(user.id(), username, level);
    }

    /** Every level given on a resource, by user name. */
    public List<PermissionView> permissions(ResourceKind kind, String resourceId) {
        Snapshot current = snapshot.get();
        List<PermissionView> all = new ArrayList<>();
        for (UserRow user : current.usersByName.values()) {
            current.given(user.id(), kind, resourceId)
                    .ifPresent(level -> all.add(new PermissionView(user.id(), user.username(), level)));
        }
        all.sort(Comparator.comparing(PermissionView::username));
        return all;
    }

    /**
     * Gives {@code username} a level on a resource: {@code create} refuses if one is given already.
     * {@code by} is who gave it (for the record).
     */
    public PermissionView grant(ResourceKind kind, String resourceId, String username, Permission level,
                                boolean create, Optional<String> by) {
        writeLock.lock();
        try {
            UserRow user = existing(username);
            requireResource(kind, resourceId);
            boolean done = store.putPermission(new PermissionRow(user.id(), kind, resourceId, level, clock.millis(),
                    by), create);
            if (!done) {
                throw new GatewayException.AlreadyExists("A permission on the " + kind.noun() + " '" + resourceId
                        + "' is already given to '" + username + "': update it instead");
            }
            reload();
            return new PermissionView(user.id(), username, level);
        } finally {
            writeLock.unlock();
        }
    }

    /** Changes a level given before (404 if none was). */
    public void updatePermission(ResourceKind kind, String resourceId, String username, Permission level,
                                 Optional<String> by) {
        writeLock.lock();
        try {
            permission(kind, resourceId, username);
            grant(kind, resourceId, username, level, false, by);
        } finally {
            writeLock.unlock();
        }
    }

    public void revoke(ResourceKind kind, String resourceId, String username) {
        writeLock.lock();
        try {
            UserRow user = existing(username);
            if (!store.deletePermission(user.id(), kind, resourceId)) {
                throw new GatewayException.NotFound("No permission on the " + kind.noun() + " '" + resourceId
                        + "' was given to '" + username + "'");
            }
            reload();
        } finally {
            writeLock.unlock();
        }
    }

    /** The creator of a resource gets MANAGE on it (MLflow's rule); nothing when authentication is off. */
    public void grantCreator(Principal creator, ResourceKind kind, String resourceId) {
        Optional<Principal.User> user = creator.user();
        if (user.isEmpty()) {
            return;
        }
        writeLock.lock();
        try {
            store.putPermission(new PermissionRow(user.get().id(), kind, resourceId, Permission.MANAGE, clock.millis(),
                    creator.actor()), false);
            reload();
        } finally {
            writeLock.unlock();
        }
    }

    private String requireResource(ResourceKind kind, String resourceId) {
        return resources.name(kind, resourceId).orElseThrow(() -> new GatewayException.NotFound(
                "No " + kind.noun() + " with id '" + resourceId + "'"));
    }

    /** One user's level on one resource, as the API shows it. */
    public record PermissionView(String userId, String username, Permission permission) {
    }

    // ---- Gateway keys ----

    /**
     * Creates a gateway key for {@code owner}, limited to {@code endpointIds} (none: every endpoint the
     * owner may use). The key's value is in the answer and nowhere else, ever.
     */
    public NewKey createKey(String name, String owner, Set<String> endpointIds, OptionalLong expiresAt,
                            Optional<String> createdBy) {
        if (name.isBlank() || name.length() > MAX_NAME) {
            throw new GatewayException.InvalidRequest("A gateway key needs a name of 1 to " + MAX_NAME + " characters");
        }
        long now = clock.millis();
        if (expiresAt.isPresent() && expiresAt.getAsLong() <= now) {
            throw new GatewayException.InvalidRequest("expires_at must be in the future");
        }
        for (String endpointId : endpointIds) {
            requireResource(ResourceKind.ENDPOINT, endpointId);
        }
        writeLock.lock();
        try {
            UserRow user = existing(owner);
            String value = KEY_PREFIX + Tokens.random(KEY_BYTES);
            KeyRow row = new KeyRow(UUID.randomUUID().toString(), Tokens.sha256(value),
                    value.substring(0, KEY_PREFIX.length() + SHOWN_PREFIX), name.strip(), user.id(), now, createdBy,
                    expiresAt, OptionalLong.empty(), OptionalLong.empty(), new LinkedHashSet<>(endpointIds));
            store.insertKey(row);
            reload();
            return new NewKey(view(row), value);
        } finally {
            writeLock.unlock();
        }
    }

    /** Keys, newest first: every key for an admin, else the caller's own. */
    public List<KeyView> keys(Principal principal) {
        Optional<String> own = principal.admin() ? Optional.empty() : principal.user().map(Principal.User::id);
        return snapshot.get().keysByHash.values().stream().map(stored -> stored.row)
                .filter(row -> own.isEmpty() || own.get().equals(row.ownerId()))
                .sorted(Comparator.comparingLong(KeyRow::createdAt).reversed().thenComparing(KeyRow::id))
                .map(this::view).toList();
    }

    /** Revokes a key: every later call with it is a 401. Only its owner or an admin may. */
    public KeyView revokeKey(String keyId, Principal principal) {
        writeLock.lock();
        try {
            KeyRow row = ownKey(keyId, principal);
            if (row.revokedAt().isEmpty()) {
                store.revokeKey(keyId, clock.millis());
                reload();
            }
            return view(ownKey(keyId, principal));
        } finally {
            writeLock.unlock();
        }
    }

    public void deleteKey(String keyId, Principal principal) {
        writeLock.lock();
        try {
            ownKey(keyId, principal);
            store.deleteKey(keyId);
            lastUsed.remove(keyId);
            reload();
        } finally {
            writeLock.unlock();
        }
    }

    /** A key the principal may change; someone else's is a 404, so key ids of others are not confirmed. */
    private KeyRow ownKey(String keyId, Principal principal) {
        KeyRow row = snapshot.get().keysById.get(keyId);
        boolean mine = row != null && (principal.admin()
                || principal.user().map(u -> u.id().equals(row.ownerId())).orElse(false));
        if (!mine) {
            throw new GatewayException.NotFound("No gateway key with id '" + keyId + "'");
        }
        return row;
    }

    private KeyView view(KeyRow row) {
        Snapshot current = snapshot.get();
        UserRow owner = current.usersById.get(row.ownerId());
        long now = clock.millis();
        Long pending = lastUsed.get(row.id());
        OptionalLong used = pending != null ? OptionalLong.of(pending) : row.lastUsedAt();
        String status = row.revokedAt().isPresent() ? "revoked"
                : row.expiresAt().isPresent() && row.expiresAt().getAsLong() <= now ? "expired" : "active";
        List<KeyEndpoint> endpoints = row.endpointIds().stream()
                .map(id -> new KeyEndpoint(id, resources.name(ResourceKind.ENDPOINT, id).orElse(null)))
                .sorted(Comparator.comparing(KeyEndpoint::endpointId)).toList();
        return new KeyView(row.id(), row.name(), row.prefix(), owner == null ? null : owner.username(), endpoints,
                row.createdAt(), row.createdBy().orElse(null), boxed(row.expiresAt()), boxed(row.revokedAt()),
                boxed(used), status);
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
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

    // ---- The snapshot ----

    /** Reads users, keys and permissions again; called after every change. */
    public void reload() {
        AccessStore.Everything all = store.load();
        snapshot.set(new Snapshot(all, settings.defaultPermission(), passwords));
    }

    private void flushPeriodically() {
        while (!closed) {
            try {
                Thread.sleep(LAST_USED_FLUSH_MILLIS);
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
            store.touchKeys(batch);
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

    private record CachedSession(SessionRow row, long checkedAt) {
    }

    private record CachedPassword(String userId, long passwordChangedAt, long until) {
    }

    private record StoredKey(KeyRow row, Principal.Key principal) {
    }

    /** Users, keys and levels at one moment, indexed for the request path. */
    private static final class Snapshot {
        final Map<String, UserRow> usersById = new HashMap<>();
        final Map<String, UserRow> usersByName = new HashMap<>();
        final Map<String, StoredKey> keysByHash = new HashMap<>();
        final Map<String, KeyRow> keysById = new HashMap<>();
        final Map<String, Map<ResourceKind, Map<String, Permission>>> levels = new HashMap<>();
        final Map<String, Principal.User> principals = new HashMap<>();
        final String decoyHash;

        Snapshot(AccessStore.Everything all, Permission fallback, Passwords passwords) {
            for (UserRow user : all.users()) {
                usersById.put(user.id(), user);
                usersByName.put(user.username(), user);
            }
            for (PermissionRow p : all.permissions()) {
                levels.computeIfAbsent(p.userId(), id -> new EnumMap<>(ResourceKind.class))
                        .computeIfAbsent(p.kind(), kind -> new HashMap<>()).put(p.resourceId(), p.permission());
            }
            for (UserRow user : all.users()) {
                principals.put(user.id(), new Principal.User(user.id(), user.username(), user.admin(),
                        new Grants(levels.getOrDefault(user.id(), Map.of()), fallback)));
            }
            for (KeyRow key : all.keys()) {
                keysById.put(key.id(), key);
                Principal.User owner = principals.get(key.ownerId());
                if (owner != null) {
                    keysByHash.put(key.hash(), new StoredKey(key,
                            new Principal.Key(key.id(), key.name(), owner, key.endpointIds())));
                }
            }
            decoyHash = all.users().isEmpty() ? passwords.hash(Tokens.random(16)) : all.users().getFirst().passwordHash();
        }

        Principal.User principal(UserRow user) {
            return principals.get(user.id());
        }

        Optional<Permission> given(String userId, ResourceKind kind, String resourceId) {
            return Optional.ofNullable(levels.getOrDefault(userId, Map.of()).getOrDefault(kind, Map.of()).get(resourceId));
        }
    }
}
