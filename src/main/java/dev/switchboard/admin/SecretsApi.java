package dev.switchboard.admin;

import dev.switchboard.config.ConfigCommand.CreateSecret;
import dev.switchboard.config.ConfigCommand.UpdateSecret;
import dev.switchboard.config.SecretService;
import dev.switchboard.config.SecretsStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code secrets/*}: provider credentials, write-only values, masked on the way out. */
final class SecretsApi {

    private final SecretService secrets;

    SecretsApi(SecretService secrets) {
        this.secrets = secrets;
    }

    List<AdminRoute> routes() {
        return List.of(
                new AdminRoute("POST", "secrets/create", this::create),
                new AdminRoute("GET", "secrets/get", this::get),
                new AdminRoute("POST", "secrets/update", this::update),
                new AdminRoute("PATCH", "secrets/update", this::update),
                new AdminRoute("DELETE", "secrets/delete", this::delete),
                new AdminRoute("GET", "secrets/list", this::list),
                new AdminRoute("GET", "secrets/config", this::config));
    }

    private Object create(AdminRequest request) {
        RequestFields f = request.fields();
        var command = new CreateSecret(f.requiredString("secret_name"),
                f.optionalStringMapOrString("secret_value", "api_key").orElseThrow(
                        () -> new dev.switchboard.core.GatewayException.InvalidRequest(
                                "Missing value for required parameter 'secret_value'")),
                f.optionalString("provider").filter(p -> !p.isEmpty()),
                f.optionalScalarMap("auth_config").orElse(Map.of()), f.optionalString("description"),
                f.optionalString("created_by"));
        return Map.of("secret", AdminViews.Secret.of(secrets.create(command)));
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
                f.optionalScalarMap("auth_config"), f.optionalString("description"), f.optionalString("updated_by"));
        return Map.of("secret", AdminViews.Secret.of(secrets.update(command)));
    }

    private Object delete(AdminRequest request) {
        secrets.delete(request.fields().requiredString("secret_id"));
        return Map.of();
    }

    private Object list(AdminRequest request) {
        return Map.of("secrets", secrets.list(request.fields().optionalString("provider")).stream()
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
