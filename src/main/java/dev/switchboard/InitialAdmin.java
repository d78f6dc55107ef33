package dev.switchboard;

import dev.switchboard.access.AccessControl;
import dev.switchboard.access.Tokens;
import dev.switchboard.access.Users;
import dev.switchboard.store.Database;
import dev.switchboard.store.OwnerOnlyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The user {@code admin} a first start with authentication on creates, and where its generated password goes. */
final class InitialAdmin {

    private InitialAdmin() {
    }

    /**
     * Creates the user {@code admin} on the first start: with {@link Switchboard#ADMIN_PASSWORD_ENV} as its
     * password when set, else with a generated one written to an owner-only file beside the
     * database, whose path is returned for the log. Later starts change nothing, nor does a start with
     * authentication off (the first start with it on creates the user).
     */
    static Optional<Path> create(AccessControl access, Map<String, String> env, Database database) {
        if (access.users().any() || !access.enabled()) {
            return Optional.empty();
        }
        String given = env.get(Switchboard.ADMIN_PASSWORD_ENV);
        if (given != null && !given.isEmpty()) {
            if (given.length() < Users.MIN_PASSWORD_LENGTH) {
                throw new IllegalArgumentException(Switchboard.ADMIN_PASSWORD_ENV + " must have at least "
                        + Users.MIN_PASSWORD_LENGTH + " characters");
            }
            access.createInitialAdmin(given);
            return Optional.empty();
        }
        Path file = passwordFile(database).orElseThrow(() -> new IllegalArgumentException("There is no user "
                + "yet: on a shared database (" + database.describe() + ") set " + Switchboard.ADMIN_PASSWORD_ENV + " for the "
                + "first start, the password of the user 'admin' (no file is written: replicas may run on different "
                + "machines)"));
        String password = Tokens.random(18);
        try {
            if (!OwnerOnlyFile.create(file, password + "\n")) {
                throw new IllegalStateException("There is no user yet, but " + file + " exists from an earlier start: "
                        + "delete it (or set " + Switchboard.ADMIN_PASSWORD_ENV + ") and start again");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the initial admin password to " + file, e);
        }
        access.createInitialAdmin(password);
        return Optional.of(file);
    }

    /**
     * Where a generated admin password is written: beside the SQLite file. A shared database
     * (PostgreSQL) has none: replicas may run on different machines, so the first start takes the
     * password from {@link Switchboard#ADMIN_PASSWORD_ENV}.
     */
    static Optional<Path> passwordFile(Database database) {
        return database.file().map(file -> file.resolveSibling(file.getFileName() + ".admin-password"));
    }
}
