package dev.switchboard.access;

import dev.switchboard.access.AccessStore.UserRow;
import dev.switchboard.core.GatewayException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Users: made with a password (hashed with Argon2id) and an admin flag, read, given a new password
 * (which ends their sessions), made or unmade admins, deleted. There is always an admin left.
 */
public final class Users {

    public static final int MIN_PASSWORD_LENGTH = 12;
    private static final int MAX_PASSWORD = 1024;
    private static final int MAX_NAME = 255;

    private final AccessState state;
    /** Told the id of a user whose sessions must end (a new password, a deletion). */
    private final Consumer<String> endSessions;

    Users(AccessState state, Consumer<String> endSessions) {
        this.state = state;
        this.endSessions = endSessions;
    }

    /** Whether any user exists. */
    public boolean any() {
        return !state.snapshot().usersById.isEmpty();
    }

    /** Makes a user; {@code by} is who did (for the record). */
    public UserView create(String username, String password, boolean admin, Optional<String> by) {
        checkUsername(username);
        checkPassword(password);
        String hash = state.passwords.hash(password);
        return state.change(() -> {
            long now = state.clock.millis();
            UserRow row = new UserRow(UUID.randomUUID().toString(), username, hash, admin, now, by, now);
            if (!state.store.insertUser(row)) {
                throw new GatewayException.AlreadyExists("User '" + username + "' already exists");
            }
            return UserView.of(row);
        });
    }

    /** Makes the first admin with {@code password}, unless a user exists already. */
    boolean createFirst(String username, String password) {
        return state.change(() -> {
            if (any()) {
                return false;
            }
            try {
                create(username, password, true, Optional.empty());
                return true;
            } catch (GatewayException.AlreadyExists e) {
                // Another replica starting at the same moment made it first (the store serialises the two).
                state.reload();
                return false;
            }
        });
    }

    public UserView get(String username) {
        return UserView.of(state.existing(username));
    }

    public List<UserView> list() {
        return state.snapshot().usersByName.values().stream().sorted(Comparator.comparing(UserRow::username))
                .map(UserView::of).toList();
    }

    /** Sets a new password; every session of the user ends, and passwords remembered for Basic are forgotten. */
    public void updatePassword(String username, String password) {
        checkPassword(password);
        String hash = state.passwords.hash(password);
        state.change(() -> {
            UserRow user = state.existing(username);
            state.store.updatePassword(user.id(), hash, Math.max(state.clock.millis(), user.passwordChangedAt() + 1));
            endSessions.accept(user.id());
        });
    }

    public void updateAdmin(String username, boolean admin) {
        state.change(() -> {
            UserRow user = state.existing(username);
            if (!admin && user.admin() && adminCount() == 1) {
                throw new GatewayException.InvalidState("'" + username + "' is the only admin: make another user "
                        + "an admin first");
            }
            state.store.updateAdmin(user.id(), admin);
        });
    }

    /** Deletes a user with their sessions, keys and permissions. */
    public void delete(String username) {
        state.change(() -> {
            UserRow user = state.existing(username);
            if (user.admin() && adminCount() == 1) {
                throw new GatewayException.InvalidState("'" + username + "' is the only admin and cannot be deleted");
            }
            state.store.deleteUser(user.id());
            endSessions.accept(user.id());
        });
    }

    private long adminCount() {
        return state.snapshot().usersById.values().stream().filter(UserRow::admin).count();
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
}
