package dev.switchboard.admin;

import static dev.switchboard.access.ResourceKind.SECRET;

import dev.switchboard.access.Access;
import dev.switchboard.access.AccessControl;
import dev.switchboard.access.Capability;
import dev.switchboard.access.ResourceKind;
import dev.switchboard.config.ConfigCommand.CreateSecret;
import dev.switchboard.config.ConfigCommand.UpdateSecret;
import dev.switchboard.config.SecretService;
import dev.switchboard.config.SecretSpec;
import dev.switchboard.config.SecretsStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code secrets/*}: provider credentials, write-only values, masked on the way out. */
final class SecretsApi {

    private final SecretService secrets;
    private final AccessControl access;

    SecretsApi(SecretService secrets, AccessControl access) {
        this.secrets = secrets;
        this.access = access;
    }

    List<AdminRoute> routes() {
        return List.of(
                // Only admins store provider keys (issue 15; MLflow lets anyone).
                new AdminRoute("POST", "secrets/create", Access.ADMIN, this::create),
                new AdminRoute("GET", "secrets/get", Access.on(SECRET, Capability.READ), this::idOf, this::get),
                new AdminRoute("POST", "secrets/update", Access.on(SECRET, Capability.UPDATE), this::update),
                new AdminRoute("PATCH", "secrets/update", Access.on(SECRET, Capability.UPDATE), this::update),
                new AdminRoute("DELETE", "secrets/delete", Access.on(SECRET, Capability.DELETE), this::delete),
                new AdminRoute("GET", "secrets/list", Access.SIGNED_IN, this::list),
                new AdminRoute("GET", "secrets/config", Access.SIGNED_IN, this::config));
    }

    /** The key a get names, by id or by name. */
    private Optional<String> idOf(AdminRequest request, ResourceKind kind) {
        RequestFields f = request.fields();
        return Optional.of(secrets.get(f.optionalString("secret_id"), f.optionalString("secret_name")).id());
    }

    private Object create(AdminRequest request) {
        RequestFields f = request.fields();
        var command = new CreateSecret(f.requiredString("secret_name"),
                // Missing means no key: allowed only for a provider whose key is optional (SecretService).
                f.optionalStringMapOrString("secret_value", "api_key").orElse(Map.of()),
                f.optionalString("provider").filter(p -> !p.isEmpty()),
                f.optionalScalarMap("auth_config").orElse(Map.of()), f.optionalString("description"),
                request.actor("created_by"));
        SecretSpec created = secrets.create(command);
        access.permissions().grantCreator(request.principal(), SECRET, created.id());
        return Map.of("secret", AdminViews.Secret.of(created));
    }

    private Object get(AdminRequest request) {
        RequestFields f = request.fields();
        return Map.of("secret", AdminViews.Secret.of(
                secrets.get(f.optionalString("secret_id"), f.optionalString("secret_name"))));
    }

    private Object update(AdminRequest request) {
        RequestFields f = request.fields();
        var command = new UpdateSecret(f.requiredString("secret_id"),
                f.optionalStringMapOrString("secret_value", "api_key").filter(v -> !v.isEmpty()),
                f.optionalScalarMap("auth_config"), f.optionalString("description"), request.actor("updated_by"));
        return Map.of("secret", AdminViews.Secret.of(secrets.update(command)));
    }

    private Object delete(AdminRequest request) {
        secrets.delete(request.fields().requiredString("secret_id"));
        return Map.of();
    }

    private Object list(AdminRequest request) {
        return Map.of("secrets", secrets.list(request.fields().optionalString("provider")).stream()
                .filter(secret -> request.principal().can(SECRET, secret.id(), Capability.READ))
                .map(AdminViews.Secret::of).toList());
    }

    private Object config(AdminRequest request) {
        SecretsStatus status = secrets.status();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("secrets_available", status.available());
        body.put("using_default_passphrase", status.usingDefaultPassphrase());
        body.put("gateway_available", true);
        status.problem().ifPresent(problem -> body.put("message", problem));
        return body;
    }
}
