package dev.switchboard.admin;

import static dev.switchboard.access.ResourceKind.ENDPOINT;

import dev.switchboard.access.Access;
import dev.switchboard.access.AccessControl;
import dev.switchboard.access.Capability;
import dev.switchboard.access.Principal;
import dev.switchboard.core.GatewayException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code gateway-keys/*}: keys for applications to call endpoints with. Any signed-in user makes
 * keys for themselves (an admin, for anyone); the key's value is in the create answer only.
 */
final class GatewayKeysApi {

    private final AccessControl access;

    GatewayKeysApi(AccessControl access) {
        this.access = access;
    }

    List<AdminRoute> routes() {
        return List.of(
                new AdminRoute("POST", "gateway-keys/create", Access.PERSON, this::create),
                new AdminRoute("GET", "gateway-keys/list", Access.SIGNED_IN, this::list),
                new AdminRoute("POST", "gateway-keys/revoke", Access.SIGNED_IN, this::revoke),
                new AdminRoute("DELETE", "gateway-keys/delete", Access.SIGNED_IN, this::delete));
    }

    private Object create(AdminRequest request) {
        RequestFields f = request.fields();
        Principal principal = request.principal();
        String owner = f.optionalString("owner").or(() -> principal.user().map(Principal.User::username))
                .orElseThrow(() -> new GatewayException.InvalidRequest(
                        "Authentication is off, so a key needs an 'owner' (a user name)"));
        if (!principal.user().map(u -> u.username().equals(owner)).orElse(false)) {
            principal.requireAdmin("create keys for another user");
        }
        Set<String> endpoints = new LinkedHashSet<>(f.optionalStringList("endpoint_ids").orElse(List.of()));
        endpoints.forEach(id -> principal.require(ENDPOINT, id, Capability.USE));
        OptionalLong expiresAt = f.optionalLong("expires_at");
        AccessControl.NewKey key = access.createKey(f.requiredString("name"), owner, endpoints, expiresAt,
                principal.actor());
        return Map.of("gateway_key", key.view(), "key", key.key());
    }

    private Object list(AdminRequest request) {
        return Map.of("gateway_keys", access.keys(request.principal()));
    }

    private Object revoke(AdminRequest request) {
        return Map.of("gateway_key", access.revokeKey(request.fields().requiredString("key_id"), request.principal()));
    }

    private Object delete(AdminRequest request) {
        access.deleteKey(request.fields().requiredString("key_id"), request.principal());
        return Map.of();
    }
}
