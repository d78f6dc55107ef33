package dev.switchboard.store;

/**
 * How a committed change reaches the other replicas on one database: each change bumps its
 * counter ({@code config_version} or {@code access_version}) first in its transaction, which also
 * serialises writers across replicas (the counter's row stays locked until the commit), and on
 * PostgreSQL it sends a notification on {@link #CHANNEL} that is delivered at the commit.
 * {@link ChangeWatcher} reads the counters.
 */
final class Changes {

    /** The PostgreSQL notification channel of committed changes. */
    static final String CHANNEL = "switchboard_changes";

    /** What changed: the configuration, or users, keys and permissions. */
    enum Kind {
        CONFIG("config_version"), ACCESS("access_version");

        final String table;

        Kind(String table) {
            this.table = table;
        }
    }

    private Changes() {
    }

    /** Bumps {@code kind}'s counter in {@code jdbc}'s transaction, and on PostgreSQL queues the notification. */
    static void announce(Jdbc jdbc, Database.Dialect dialect, Kind kind) {
        jdbc.update("UPDATE " + kind.table + " SET version = version + 1 WHERE id = 1");
        if (dialect == Database.Dialect.POSTGRESQL) {
            jdbc.query("SELECT pg_notify(?, ?)", rs -> null, CHANNEL, kind.name());
        }
    }
}
