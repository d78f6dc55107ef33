package dev.switchboard.admin;

import dev.switchboard.access.AccessControl;
import dev.switchboard.config.BindingService;
import dev.switchboard.config.EndpointService;
import dev.switchboard.config.ModelDefinitionService;
import dev.switchboard.config.SecretService;
import java.util.ArrayList;
import java.util.List;

/**
 * The MLflow-compatible management API as a list of routes, relative to the prefixes the server
 * mounts them under ({@code /api/3.0/mlflow/gateway/} and {@code /ajax-api/3.0/mlflow/gateway/}).
 */
public final class ManagementApi {

    /** The prefixes under which MLflow serves the gateway's management API. */
    public static final List<String> PREFIXES = List.of("/api/3.0/mlflow/gateway/", "/ajax-api/3.0/mlflow/gateway/");

    /**
     * Routes also served at another full path: MLflow's secrets-config check has also been
     * published as {@code /ajax-api/3.0/mlflow/secrets/config} (without {@code gateway/}).
     */
    public static final java.util.Map<String, List<String>> ALIASES = java.util.Map.of("secrets/config",
            List.of("/api/3.0/mlflow/secrets/config", "/ajax-api/3.0/mlflow/secrets/config"));

    /** The largest request body the management API accepts. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    private final List<AdminRoute> routes;

    public ManagementApi(SecretService secrets, ModelDefinitionService definitions, EndpointService endpoints,
                         BindingService bindings, AccessControl access) {
        this(secrets, definitions, endpoints, bindings, access, List.of());
    }

    /** The configuration, access and permission routes plus {@code more} (the catalog's discovery routes). */
    public ManagementApi(SecretService secrets, ModelDefinitionService definitions, EndpointService endpoints,
                         BindingService bindings, AccessControl access, List<AdminRoute> more) {
        List<AdminRoute> all = new ArrayList<>();
        all.addAll(new SecretsApi(secrets, access).routes());
        all.addAll(new ModelDefinitionsApi(definitions, access).routes());
        all.addAll(new EndpointsApi(endpoints, access).routes());
        all.addAll(new BindingsApi(bindings).routes());
        all.addAll(new PermissionsApi(access).routes());
        all.addAll(new GatewayKeysApi(access).routes());
        all.addAll(new UsersApi(access).routes());
        all.addAll(more);
        this.routes = List.copyOf(all);
    }

    public List<AdminRoute> routes() {
        return routes;
    }
}
