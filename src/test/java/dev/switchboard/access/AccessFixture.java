package dev.switchboard.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.Database;
import dev.switchboard.store.SqlAccessStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@link AccessControl} over a real SQLite file with a clock the test moves, and a few configured
 * resources: endpoints {@code e1}, {@code e2}, secret {@code s1}, model definition {@code m1}.
 */
final class AccessFixture implements AutoCloseable {

    static final String ADMIN_PASSWORD = "the admin's password, for tests";
    static final String ALICE_PASSWORD = "alice's password, for tests";

    final Path file;
    final Database database;
    final Clock clock = new Clock();
    AccessControl access;
    private final AccessSettings settings;
    private final java.util.List<AccessControl> opened = new java.util.ArrayList<>();

    private AccessFixture(Path dir, AccessSettings settings) {
        this.file = dir.resolve("access.db");
        this.settings = settings;
        this.database = Database.open(file.toString());
        this.access = newAccessControl();
    }

    static AccessFixture open(Path dir) {
        return open(dir, AccessSettings.defaults());
    }

    static AccessFixture open(Path dir, AccessSettings settings) {
        return new AccessFixture(dir, settings);
    }

    /** A second AccessControl over the same database, as after a restart. */
    AccessControl newAccessControl() {
        AccessControl made = new AccessControl(new SqlAccessStore(database), settings, clock, (kind, id) -> Optional.ofNullable(
                switch (kind) {
                    case ENDPOINT -> Map.of("e1", "one", "e2", "two").get(id);
                    case SECRET -> Map.of("s1", "openai key").get(id);
                    case MODEL_DEFINITION -> Map.of("m1", "gpt").get(id);
                }));
        opened.add(made);
        return made;
    }

    /** The admin (made as on the first start) and the non-admin alice. */
    AccessFixture withUsers() {
        assertThat(access.createInitialAdmin(ADMIN_PASSWORD)).isTrue();
        access.createUser("alice", ALICE_PASSWORD, false, Optional.empty());
        return this;
    }

    Principal.User alice() {
        return access.byPassword("alice", ALICE_PASSWORD, "127.0.0.1");
    }

    /** One row of a query, column name to value. */
    Map<String, Object> row(String sql, Object... args) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("a row for %s", sql).isTrue();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                }
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asserts that no file of the database (the main file, its WAL) holds {@code secret}. */
    void assertNotStored(String what, String secret) {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(file.getParent())) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("access.db")).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                assertThat(indexOf(bytes, needle)).as("%s must not be stored in %s", what, f.getFileName()).isEqualTo(-1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        opened.forEach(AccessControl::close);
        database.close();
    }

    /** A clock that stands still until the test moves it. */
    static final class Clock implements InstantSource {
        private final AtomicLong millis = new AtomicLong(1_780_000_000_000L);

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        void advance(Duration by) {
            millis.addAndGet(by.toMillis());
        }
    }
}
