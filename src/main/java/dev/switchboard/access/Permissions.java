package dev.switchboard.access;

import dev.switchboard.access.AccessStore.PermissionRow;
import dev.switchboard.access.AccessStore.UserRow;
import dev.switchboard.core.GatewayException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The levels users are given on endpoints, secrets and model definitions: given (with who gave
 * them), read, changed, taken back; the creator of a resource gets MANAGE, as in MLflow.
 */
public final class Permissions {

    private final AccessState state;

    Permissions(AccessState state) {
        this.state = state;
    }

    /** The level users get on what they were not given anything on. */
    public Permission fallback() {
        return state.settings.defaultPermission();
    }

    /** The level {@code username} was given on a resource (404 if none was given). */
    public PermissionView get(ResourceKind kind, String resourceId, String username) {
        UserRow user = state.existing(username);
        Permission level = state.snapshot().given(user.id(), kind, resourceId).orElseThrow(() -> notGiven(kind,
                resourceId, username));
        return new PermissionView(user.id(), username, level);
    }

    /** Every level given on a resource, by user name. */
    public List<PermissionView> list(ResourceKind kind, String resourceId) {
        AccessSnapshot current = state.snapshot();
        List<PermissionView> all = new ArrayList<>();
        for (UserRow user : current.usersByName.values()) {
            current.given(user.id(), kind, resourceId)
                    .ifPresent(level -> all.add(new PermissionView(user.id(), user.username(), level)));
        }
        all.sort(Comparator.comparing(PermissionView::username));
        return all;
    }

    /**
     * Gives {@code username} a level on a resource: {@code create} refuses if one is given already.
     * {@code by} is who gave it (for the record).
     */
    public PermissionView grant(ResourceKind kind, String resourceId, String username, Permission level,
                                boolean create, Optional<String> by) {
        state.requireResource(kind, resourceId);
        return state.change(() -> {
            UserRow user = state.existing(username);
            boolean done = state.store.putPermission(new PermissionRow(user.id(), kind, resourceId, level,
                    state.clock.millis(), by), create);
            if (!done) {
                throw new GatewayException.AlreadyExists("A permission on the " + kind.noun() + " '" + resourceId
                        + "' is already given to '" + username + "': update it instead");
            }
            return new PermissionView(user.id(), username, level);
        });
    }

    /** Changes a level given before (404 if none was). */
    public void update(ResourceKind kind, String resourceId, String username, Permission level, Optional<String> by) {
        state.change(() -> {
            get(kind, resourceId, username);
            grant(kind, resourceId, username, level, false, by);
        });
    }

    public void revoke(ResourceKind kind, String resourceId, String username) {
        state.change(() -> {
            UserRow user = state.existing(username);
            if (!state.store.deletePermission(user.id(), kind, resourceId)) {
                throw notGiven(kind, resourceId, username);
            }
        });
    }

    /** The creator of a resource gets MANAGE on it (MLflow's rule); nothing when authentication is off. */
    public void grantCreator(Principal creator, ResourceKind kind, String resourceId) {
        creator.user().ifPresent(user -> state.change(() -> {
            state.store.putPermission(new PermissionRow(user.id(), kind, resourceId, Permission.MANAGE,
                    state.clock.millis(), creator.actor()), false);
        }));
    }

    private static GatewayException notGiven(ResourceKind kind, String resourceId, String username) {
        return new GatewayException.NotFound("No permission on the " + kind.noun() + " '" + resourceId
                + "' was given to '" + username + "'");
    }

    /** One user's level on one resource, as the API shows it. */
    public record PermissionView(String userId, String username, Permission permission) {
    }
}
