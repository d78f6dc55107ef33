package dev.switchboard.access;

import dev.switchboard.core.GatewayException;
import java.util.Optional;
import java.util.Set;

/**
 * Who is making a request, resolved once by the server from the request's credentials: a user
 * (signed in, or sending a password), a gateway key (acting as its owner, limited to its
 * endpoints), or, when authentication is off, {@link #OPEN}, who may do everything.
 */
public sealed interface Principal {

    /** Authentication is off: every request may do everything, and changes are recorded as their body says. */
    Principal OPEN = new Open();

    /** Whether this principal bypasses permissions (an admin, or authentication off). */
    boolean admin();

    /** Whether this principal may do {@code capability} to the resource {@code id} of {@code kind}. */
    boolean can(ResourceKind kind, String id, Capability capability);

    /** The user this principal acts as; empty when authentication is off. */
    Optional<User> user();

    /** Who to record as having made a change (e.g. {@code alice}, or {@code alice (key ci)}). */
    Optional<String> actor();

    /** The highest level this principal has on a resource, as what it may do shows it. */
    default Permission level(ResourceKind kind, String id) {
        if (can(kind, id, Capability.MANAGE)) {
            return Permission.MANAGE;
        }
        if (can(kind, id, Capability.UPDATE)) {
            return Permission.EDIT;
        }
        if (can(kind, id, Capability.USE)) {
            return Permission.USE;
        }
        return can(kind, id, Capability.READ) ? Permission.READ : Permission.NO_PERMISSIONS;
    }

    /** Refuses with 403 unless this principal may do {@code capability} to the resource. */
    default void require(ResourceKind kind, String id, Capability capability) {
        if (!can(kind, id, capability)) {
            throw new GatewayException.Forbidden("Permission denied: this request needs "
                    + capability.least().name() + " on the " + kind.noun() + " '" + id + "'");
        }
    }

    /** Refuses with 403 unless this principal is an admin. */
    default void requireAdmin(String what) {
        if (!admin()) {
            throw new GatewayException.Forbidden("Permission denied: only admins may " + what);
        }
    }

    /** Authentication is off. */
    record Open() implements Principal {
        @Override
        public boolean admin() {
            return true;
        }

        @Override
        public boolean can(ResourceKind kind, String id, Capability capability) {
            return true;
        }

        @Override
        public Optional<User> user() {
            return Optional.empty();
        }

        @Override
        public Optional<String> actor() {
            return Optional.empty();
        }
    }

    /** A user, with what they have been given. */
    record User(String id, String username, boolean isAdmin, Grants grants) implements Principal {
        @Override
        public boolean admin() {
            return isAdmin;
        }

        @Override
        public boolean can(ResourceKind kind, String resourceId, Capability capability) {
            return isAdmin || grants.of(kind, resourceId).allows(capability);
        }

        @Override
        public Optional<User> user() {
            return Optional.of(this);
        }

        @Override
        public Optional<String> actor() {
            return Optional.of(username);
        }
    }

    /**
     * A gateway key: its owner's rights; or, when it lists endpoints ({@code endpointIds} not empty),
     * a key for calling them only: at most USE on those endpoints, nothing on anything else.
     */
    record Key(String keyId, String name, User owner, Set<String> endpointIds) implements Principal {
        public Key {
            endpointIds = Set.copyOf(endpointIds);
        }

        /** A key limited to some endpoints is for calling them, never for administering the gateway. */
        @Override
        public boolean admin() {
            return owner.admin() && endpointIds.isEmpty();
        }

        @Override
        public boolean can(ResourceKind kind, String id, Capability capability) {
            if (!endpointIds.isEmpty() && (kind != ResourceKind.ENDPOINT || !endpointIds.contains(id)
                    || !Permission.USE.allows(capability))) {
                return false;
            }
            return owner.can(kind, id, capability);
        }

        @Override
        public Optional<User> user() {
            return Optional.of(owner);
        }

        @Override
        public Optional<String> actor() {
            return Optional.of(owner.username() + " (gateway key " + name + ")");
        }
    }
}
