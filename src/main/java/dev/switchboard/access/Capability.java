package dev.switchboard.access;

/** What a request does to a resource, as MLflow's permission table names it (can_read, can_use...). */
public enum Capability {
    READ(Permission.READ),
    USE(Permission.USE),
    UPDATE(Permission.EDIT),
    DELETE(Permission.MANAGE),
    MANAGE(Permission.MANAGE);

    private final Permission least;

    Capability(Permission least) {
        this.least = least;
    }

    /** The lowest permission that allows this. */
    public Permission least() {
        return least;
    }
}
