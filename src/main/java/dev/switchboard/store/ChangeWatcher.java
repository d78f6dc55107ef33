package dev.switchboard.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this replica in step with the others on one database. It reads the change counters
 * ({@link Changes}) every {@code poll}, and on PostgreSQL also as soon as a notification of a
 * commit arrives. When the configuration counter differs from the version this replica serves it
 * runs {@code refreshConfig}; when the access counter moved past the one last loaded, it runs
 * {@code reloadAccess} (a reload that fails is tried again at the next read). When the database
 * cannot be read the replica goes on serving what it has and the watcher reports itself
 * {@link #degraded()}; once a read succeeds again it catches up.
 */
public final class ChangeWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeWatcher.class);

    private final Database database;
    private final Duration poll;
    private final LongSupplier configServed;
    private final Runnable refreshConfig;
    private final Runnable reloadAccess;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean degraded;
    private long accessSeen = -1;
    private Connection listening;

    private ChangeWatcher(Database database, Duration poll, LongSupplier configServed, Runnable refreshConfig,
                          Runnable reloadAccess) {
        this.database = database;
        this.poll = poll;
        this.configServed = configServed;
        this.refreshConfig = refreshConfig;
        this.reloadAccess = reloadAccess;
        this.thread = Thread.ofPlatform().daemon().name("switchboard-change-watcher").unstarted(this::run);
    }

    /**
     * Starts watching; the access counter as it is now counts as loaded (the caller has just loaded
     * everything). {@code configServed} is the configuration version this replica serves.
     */
    public static ChangeWatcher start(Database database, Duration poll, LongSupplier configServed,
                                      Runnable refreshConfig, Runnable reloadAccess) {
        ChangeWatcher watcher = new ChangeWatcher(database, poll, configServed, refreshConfig, reloadAccess);
        try {
            watcher.accessSeen = watcher.counters()[1];
        } catch (SQLException e) {
            watcher.degraded = true;
        }
        watcher.thread.start();
        return watcher;
    }

    /** Whether the last attempt to read the database failed: this replica may be behind the others. */
    public boolean degraded() {
        return degraded;
    }

    private void run() {
        long retryNanos = poll.toNanos();
        while (!closed) {
            try {
                waitForNews();
                catchUp();
                if (degraded) {
                    degraded = false;
                    LOG.info("The database answers again; this replica has caught up with the others");
                }
                retryNanos = poll.toNanos();
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!degraded) {
                    degraded = true;
                    LOG.warn("Cannot read the database ({}); serving the configuration this replica has until it "
                            + "answers again", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                }
                closeListening();
                LockSupport.parkNanos(retryNanos);
                // Doubling from the poll up to 5 s: a replica catches up soon after the database is back.
                retryNanos = Math.min(retryNanos * 2, Math.max(poll.toNanos(), TimeUnit.SECONDS.toNanos(5)));
            }
        }
        closeListening();
    }

    /** Waits up to {@code poll}: on PostgreSQL until a notification arrives, elsewhere for the whole time. */
    private void waitForNews() throws SQLException {
        if (database.dialect() != Database.Dialect.POSTGRESQL) {
            LockSupport.parkNanos(poll.toNanos());
            return;
        }
        if (listening == null) {
            listening = database.connectDirectly();
            try (Statement listen = listening.createStatement()) {
                listen.execute("LISTEN " + Changes.CHANNEL);
            }
            // Anything committed before the LISTEN took effect is caught by the read that follows.
            return;
        }
        listening.unwrap(PGConnection.class).getNotifications((int) Math.max(1, poll.toMillis()));
    }

    /** Reads the counters and runs what moved; throws if the configuration could not be brought up to date. */
    private void catchUp() throws SQLException {
        long[] now = counters();
        if (now[0] != configServed.getAsLong()) {
            refreshConfig.run();
            if (configServed.getAsLong() < now[0]) {
                throw new IllegalStateException("the configuration could not be read again");
            }
        }
        if (now[1] != accessSeen) {
            reloadAccess.run();
            accessSeen = now[1];
        }
    }

    private long[] counters() throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT c.version, a.version FROM config_version c, access_version a "
                     + "WHERE c.id = 1 AND a.id = 1")) {
            if (!rs.next()) {
                throw new SQLException("The change counters are missing");
            }
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private void closeListening() {
        if (listening != null) {
            try {
                listening.close();
            } catch (SQLException e) {
                // it is being dropped anyway
            }
            listening = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
