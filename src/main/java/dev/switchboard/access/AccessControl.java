package dev.switchboard.access;

import dev.switchboard.access.AccessStore.SessionRow;
import dev.switchboard.access.AccessStore.UserRow;
import dev.switchboard.core.GatewayException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who a request's credentials belong to (a gateway key, a user's password, a browser session), and
 * the users, permissions and gateway keys behind them. Users, keys and permissions are held in
 * memory as one immutable snapshot, rebuilt after every change, so resolving a key on the request
 * path is a hash and a map lookup, and a revocation applies to the very next call. Changes are
 * serialised in this process. Nothing here ever logs or returns a password, a key or a session id;
 * only their SHA-256 is stored.
 */
public final class AccessControl implements AutoCloseable {

    public static final String INITIAL_ADMIN = "admin";

    private static final int SESSION_BYTES = 32;
    /** A session found in the database is trusted from memory this long, then read again. */
    private static final long SESSION_RECHECK_MILLIS = 30_000;
    /** A password checked with Argon2id is remembered (as a hash) this long, for HTTP Basic callers. */
    private static final long PASSWORD_REMEMBER_MILLIS = 5 * 60_000;
    private static final int MAX_REMEMBERED = 10_000;

    private final AccessState state;
    private final Users users;
    private final Permissions permissions;
    private final GatewayKeys keys;
    private final SignInThrottle throttle;
    private final Map<String, CachedSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, CachedPassword> checkedPasswords = new ConcurrentHashMap<>();

    /** Whether a resource exists, for the permission and key routes (the configuration answers). */
    @FunctionalInterface
    public interface Resources {
        /** The resource's name for people, or empty if there is no such resource. */
        Optional<String> name(ResourceKind kind, String id);
    }

    public AccessControl(AccessStore store, AccessSettings settings, InstantSource clock, Resources resources) {
        this.state = new AccessState(store, settings, clock, resources);
        this.users = new Users(state, this::endSessions);
        this.permissions = new Permissions(state);
        this.keys = new GatewayKeys(state);
        this.throttle = new SignInThrottle(clock, Duration.ofMinutes(15), 10, 50, 100);
    }

    public AccessSettings settings() {
        return state.settings;
    }

    public boolean enabled() {
        return state.settings.enabled();
    }

    public Users users() {
        return users;
    }

    public Permissions permissions() {
        return permissions;
    }

    /** The gateway keys: made, listed, revoked, and found on the request path. */
    public GatewayKeys keys() {
        return keys;
    }

    /** Creates the user {@code admin} with {@code password}; does nothing if any user exists. */
    public boolean createInitialAdmin(String password) {
        return users.createFirst(INITIAL_ADMIN, password);
    }

    // ---- Resolving credentials ----

    /**
     * The user a name and password belong to (HTTP Basic); a wrong pair is a 401, too many wrong
     * ones from this name or address a 429. A pair checked recently is remembered as its SHA-256,
     * so clients that send Basic on every request pay for Argon2id once every few minutes.
     */
    public Principal.User byPassword(String username, String password, String address) {
        String remembered = Tokens.sha256(username + '\0' + password);
        CachedPassword cached = checkedPasswords.get(remembered);
        long now = state.clock.millis();
        AccessSnapshot current = state.snapshot();
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
        long now = state.clock.millis();
        CachedSession cached = sessions.get(hash);
        SessionRow row;
        if (cached != null && cached.checkedAt + SESSION_RECHECK_MILLIS > now) {
            row = cached.row;
        } else {
            Optional<SessionRow> stored = state.store.session(hash);
            if (stored.isEmpty()) {
                sessions.remove(hash);
                return Optional.empty();
            }
            row = stored.get();
            remember(row, now);
        }
        if (row.expiresAt() <= now) {
            sessions.remove(hash);
            return Optional.empty();
        }
        AccessSnapshot current = state.snapshot();
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
        long now = state.clock.millis();
        state.store.deleteExpiredSessions(now);
        String sessionId = Tokens.random(SESSION_BYTES);
        SessionRow row = new SessionRow(Tokens.sha256(sessionId), user.id(), Tokens.random(SESSION_BYTES), now,
                now + state.settings.sessionLifetime().toMillis());
        state.store.insertSession(row);
        remember(row, now);
        return new SignedIn(principalOf(user), sessionId, row.csrfToken(), row.expiresAt());
    }

    public void signOut(String sessionId) {
        String hash = Tokens.sha256(sessionId);
        sessions.remove(hash);
        state.store.deleteSession(hash);
    }

    /** A signed-in browser session: its user, id, CSRF token and expiry. */
    public record SignedIn(Principal.User user, String sessionId, String csrfToken, long expiresAt) {
        @Override
        public String toString() {
            return "SignedIn[" + user.username() + "]";
        }
    }

    private UserRow checkPassword(String username, String password, String address) {
        OptionalLong blocked = throttle.blockedFor(username, address);
        if (blocked.isPresent()) {
            throw new GatewayException.TooManyRequests("Too many failed sign-in attempts; try again in "
                    + blocked.getAsLong() + " seconds", blocked.getAsLong());
        }
        AccessSnapshot current = state.snapshot();
        UserRow user = current.usersByName.get(username);
        boolean right;
        if (user == null) {
            // A missing user still costs a hash, so response times do not tell which names exist.
            state.passwords.verify(password, state.passwords.decoy());
            right = false;
        } else {
            right = state.passwords.verify(password, user.passwordHash());
        }
        if (!right) {
            throttle.failed(username, address);
            throw new GatewayException.Unauthenticated("Wrong username or password.");
        }
        throttle.succeeded(username, address);
        return user;
    }

    /** The principal of a user just checked; one deleted in the meantime is a 401. */
    private Principal.User principalOf(UserRow user) {
        Principal.User principal = state.snapshot().principal(user);
        if (principal == null) {
            throw new GatewayException.Unauthenticated("Wrong username or password.");
        }
        return principal;
    }

    private void remember(SessionRow row, long now) {
        if (sessions.size() >= MAX_REMEMBERED) {
            sessions.clear();
        }
        sessions.put(row.hash(), new CachedSession(row, now));
    }

    /** Forgets the sessions of a user this process remembers (the store has ended them). */
    private void endSessions(String userId) {
        sessions.values().removeIf(s -> s.row.userId().equals(userId));
    }

    /** Reads users, keys and permissions again (another process changed them, say). */
    public void reload() {
        state.reload();
    }

    @Override
    public void close() {
        keys.close();
    }

    private record CachedSession(SessionRow row, long checkedAt) {
    }

    private record CachedPassword(String userId, long passwordChangedAt, long until) {
    }
}
