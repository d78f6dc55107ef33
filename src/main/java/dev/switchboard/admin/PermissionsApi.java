package dev.switchboard.admin;

import dev.switchboard.access.Access;
import dev.switchboard.access.AccessControl;
import dev.switchboard.access.Capability;
import dev.switchboard.access.Permission;
import dev.switchboard.access.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code <kind>/permissions/*} for endpoints, secrets and model definitions, as MLflow names them
 * (create, get, update, delete), plus {@code list} for the permissions panel. All need MANAGE on
 * the resource.
 */
final class PermissionsApi {

    private final AccessControl access;

    PermissionsApi(AccessControl access) {
        this.access = access;
    }

    List<AdminRoute> routes() {
        List<AdminRoute> routes = new ArrayList<>();
        for (ResourceKind kind : ResourceKind.values()) {
            String base = kind.pathSegment() + "/permissions/";
            Access manage = Access.on(kind, Capability.MANAGE);
            routes.add(new AdminRoute("POST", base + "create", manage, request -> create(kind, request)));
            routes.add(new AdminRoute("GET", base + "get", manage, request -> get(kind, request)));
            routes.add(new AdminRoute("PATCH", base + "update", manage, request -> update(kind, request)));
            routes.add(new AdminRoute("POST", base + "update", manage, request -> update(kind, request)));
            routes.add(new AdminRoute("DELETE", base + "delete", manage, request -> delete(kind, request)));
            routes.add(new AdminRoute("GET", base + "list", manage, request -> list(kind, request)));
        }
        return List.copyOf(routes);
    }

    private Object create(ResourceKind kind, AdminRequest request) {
        RequestFields f = request.fields();
        String id = f.requiredString(kind.idField());
        var given = access.grant(kind, id, f.requiredString("username"),
                Permission.parse(f.requiredString("permission")), true, request.principal().actor());
        return Map.of(kind.answerKey(), view(kind, id, given));
    }

    private Object get(ResourceKind kind, AdminRequest request) {
        RequestFields f = request.fields();
        String id = f.requiredString(kind.idField());
        return Map.of(kind.answerKey(), view(kind, id, access.permission(kind, id, f.requiredString("username"))));
    }

    private Object update(ResourceKind kind, AdminRequest request) {
        RequestFields f = request.fields();
        access.updatePermission(kind, f.requiredString(kind.idField()), f.requiredString("username"),
                Permission.parse(f.requiredString("permission")), request.principal().actor());
        return Map.of();
    }

    private Object delete(ResourceKind kind, AdminRequest request) {
        RequestFields f = request.fields();
        access.revoke(kind, f.requiredString(kind.idField()), f.requiredString("username"));
        return Map.of();
    }

    private Object list(ResourceKind kind, AdminRequest request) {
        String id = request.fields().requiredString(kind.idField());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("permissions", access.permissions(kind, id).stream().map(p -> Map.of("user_id", p.userId(),
                "username", p.username(), "permission", p.permission().name())).toList());
        body.put("default_permission", access.settings().defaultPermission().name());
        return body;
    }

    /** MLflow's shape: the resource's id under its field name, the user and the level. */
    private static Map<String, Object> view(ResourceKind kind, String id, AccessControl.PermissionView p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put(kind.idField(), id);
        view.put("user_id", p.userId());
        view.put("username", p.username());
        view.put("permission", p.permission().name());
        return view;
    }
}
