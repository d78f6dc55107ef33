package dev.switchboard.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The configuration database: SQLite in WAL mode by default (a file path), or PostgreSQL when
 * given a {@code jdbc:postgresql:} URL. Opening it applies the Flyway migrations.
 */
public final class Database implements AutoCloseable {

    /** The SQL dialects the migrations and repositories support. */
    public enum Dialect { SQLITE, POSTGRESQL }

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final Optional<Path> file;
    private final String description;

    private Database(HikariDataSource dataSource, Dialect dialect, Optional<Path> file, String description) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.file = file;
        this.description = description;
    }

    /** Opens (creating if needed) the database named by a file path or a JDBC URL, and migrates it. */
    public static Database open(String location) {
        Database db = location.startsWith("jdbc:") && !location.startsWith("jdbc:sqlite:")
                ? openJdbc(location)
                : openSqlite(Path.of(location.startsWith("jdbc:sqlite:")
                        ? location.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", "")
                        : location));
        try {
            Flyway.configure()
                    .dataSource(db.dataSource)
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("binary", db.dialect == Dialect.SQLITE ? "BLOB" : "BYTEA"))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    private static Database openSqlite(Path path) {
        Path file = path.toAbsolutePath().normalize();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory for " + file, e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + file);
        config.setPoolName("switchboard-sqlite");
        config.setMaximumPoolSize(4);
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "NORMAL");
        config.addDataSourceProperty("foreign_keys", "true");
        config.addDataSourceProperty("busy_timeout", "10000");
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        return new Database(new HikariDataSource(config), Dialect.SQLITE, Optional.of(file), file + " (SQLite)");
    }

    private static Database openJdbc(String url) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "Unsupported database URL: only SQLite file paths and jdbc:postgresql: URLs are supported");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("switchboard-postgresql");
        config.setMaximumPoolSize(8);
        // Never show credentials that may sit in the URL's query string.
        String shown = url.replaceFirst("\\?.*$", "").replaceFirst("//[^@/]*@", "//");
        return new Database(new HikariDataSource(config), Dialect.POSTGRESQL, Optional.empty(),
                shown + " (PostgreSQL)");
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The database file, for SQLite. */
    public Optional<Path> file() {
        return file;
    }

    /** Where the database is, safe to log. */
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
