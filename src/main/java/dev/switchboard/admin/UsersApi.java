package dev.switchboard.admin;

import dev.switchboard.access.Access;
import dev.switchboard.access.AccessControl;
import dev.switchboard.access.Principal;
import dev.switchboard.core.GatewayException;
import java.util.List;
import java.util.Map;

/**
 * {@code users/*} under MLflow's own API ({@code /api/2.0/mlflow/}), with MLflow's names: admins
 * create, list and delete users and make them admins; a user reads and changes their own password.
 */
final class UsersApi {

    private final AccessControl access;

    UsersApi(AccessControl access) {
        this.access = access;
    }

    List<AdminRoute> routes() {
        return List.of(
                route("POST", "users/create", Access.ADMIN, this::create),
                route("GET", "users/get", Access.SIGNED_IN, this::get),
                route("GET", "users/list", Access.ADMIN, this::list),
                route("PATCH", "users/update-password", Access.PERSON, this::updatePassword),
                route("POST", "users/update-password", Access.PERSON, this::updatePassword),
                route("PATCH", "users/update-admin", Access.ADMIN, this::updateAdmin),
                route("POST", "users/update-admin", Access.ADMIN, this::updateAdmin),
                route("DELETE", "users/delete", Access.ADMIN, this::delete));
    }

    private static AdminRoute route(String method, String path, Access required,
                                    java.util.function.Function<AdminRequest, Object> operation) {
        return new AdminRoute(method, path, AdminRoute.Base.MLFLOW, required, AdminRoute.ResourceId.FIELD, operation);
    }

    private Object create(AdminRequest request) {
        RequestFields f = request.fields();
        return Map.of("user", access.createUser(f.requiredString("username"), f.requiredString("password"),
                f.optionalBoolean("is_admin").orElse(false), request.principal().actor()));
    }

    private Object get(AdminRequest request) {
        String username = request.fields().requiredString("username");
        selfOrAdmin(request.principal(), username, "read another user");
        return Map.of("user", access.user(username));
    }

    private Object list(AdminRequest request) {
        return Map.of("users", access.users());
    }

    private Object updatePassword(AdminRequest request) {
        RequestFields f = request.fields();
        String username = f.requiredString("username");
        selfOrAdmin(request.principal(), username, "change another user's password");
        access.updatePassword(username, f.requiredString("password"));
        return Map.of();
    }

    private Object updateAdmin(AdminRequest request) {
        RequestFields f = request.fields();
        access.updateAdmin(f.requiredString("username"), f.optionalBoolean("is_admin").orElseThrow(
                () -> new GatewayException.InvalidRequest("Missing value for required parameter 'is_admin'")));
        return Map.of();
    }

    private Object delete(AdminRequest request) {
        access.deleteUser(request.fields().requiredString("username"));
        return Map.of();
    }

    /** A user may act on themselves; on others, only an admin (or a key acting as one) may. */
    private static void selfOrAdmin(Principal principal, String username, String what) {
        boolean self = principal.user().map(u -> u.username().equals(username)).orElse(false);
        if (!self) {
            principal.requireAdmin(what);
        }
    }
}
