package dev.switchboard.access;

/**
 * What a route requires of its caller, declared by every route so that none can be added without
 * one (and so a test can walk the route table). Checked with the request's {@link Principal}.
 */
public sealed interface Access {

    /** Anyone, without credentials (health, the UI's files, signing in). */
    Access PUBLIC = new Public();

    /** Any authenticated caller; what the route answers may depend on what the caller may read. */
    Access SIGNED_IN = new SignedIn(true);

    /**
     * A signed-in user or one sending their password, never a gateway key: what would let a leaked
     * key outlive its revocation (making another key) or take over its owner (a new password).
     */
    Access PERSON = new SignedIn(false);

    /** Admins only. */
    Access ADMIN = new Admin();

    /** {@code capability} on the resource of {@code kind} the request names (by {@code kind.idField()}). */
    static Access on(ResourceKind kind, Capability capability) {
        return new OnResource(kind, capability);
    }

    record Public() implements Access {
    }

    /** Any authenticated caller; with {@code keys} false, not a gateway key. */
    record SignedIn(boolean keys) implements Access {
    }

    record Admin() implements Access {
    }

    record OnResource(ResourceKind kind, Capability capability) implements Access {
    }
}
