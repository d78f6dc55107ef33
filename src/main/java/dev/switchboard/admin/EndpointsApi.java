package dev.switchboard.admin;

import static dev.switchboard.access.ResourceKind.ENDPOINT;
import static dev.switchboard.access.ResourceKind.MODEL_DEFINITION;

import dev.switchboard.access.Access;
import dev.switchboard.access.AccessControl;
import dev.switchboard.access.Capability;
import dev.switchboard.access.ResourceKind;
import dev.switchboard.config.ConfigCommand.AttachModel;
import dev.switchboard.config.ConfigCommand.CreateEndpoint;
import dev.switchboard.config.ConfigCommand.DetachModel;
import dev.switchboard.config.ConfigCommand.FallbackInput;
import dev.switchboard.config.ConfigCommand.ModelConfig;
import dev.switchboard.config.ConfigCommand.UpdateEndpoint;
import dev.switchboard.config.EndpointService;
import dev.switchboard.config.EndpointSpec;
import dev.switchboard.config.Linkage;
import dev.switchboard.config.TimeoutOverrides;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code endpoints/*}: endpoints, their model mappings (attach, detach) and tags. */
final class EndpointsApi {

    private final EndpointService endpoints;
    private final AccessControl access;

    EndpointsApi(EndpointService endpoints, AccessControl access) {
        this.endpoints = endpoints;
        this.access = access;
    }

    List<AdminRoute> routes() {
        return List.of(
                new AdminRoute("POST", "endpoints/create", Access.SIGNED_IN, this::create),
                new AdminRoute("GET", "endpoints/get", Access.on(ENDPOINT, Capability.READ), this::idOf, this::get),
                new AdminRoute("POST", "endpoints/update", Access.on(ENDPOINT, Capability.UPDATE), this::update),
                new AdminRoute("PATCH", "endpoints/update", Access.on(ENDPOINT, Capability.UPDATE), this::update),
                new AdminRoute("DELETE", "endpoints/delete", Access.on(ENDPOINT, Capability.DELETE), this::delete),
                new AdminRoute("GET", "endpoints/list", Access.SIGNED_IN, this::list),
                new AdminRoute("POST", "endpoints/models/attach", Access.on(ENDPOINT, Capability.UPDATE), this::attach),
                new AdminRoute("POST", "endpoints/models/detach", Access.on(ENDPOINT, Capability.UPDATE), this::detach),
                new AdminRoute("POST", "endpoints/set-tag", Access.on(ENDPOINT, Capability.UPDATE), this::setTag),
                new AdminRoute("DELETE", "endpoints/delete-tag", Access.on(ENDPOINT, Capability.UPDATE),
                        this::deleteTag));
    }

    /** The endpoint a get names, by id or by name. */
    private Optional<String> idOf(AdminRequest request, ResourceKind kind) {
        RequestFields f = request.fields();
        return Optional.of(endpoints.get(f.optionalString("endpoint_id"), f.optionalString("name")).id());
    }

    /** Routing an endpoint to model definitions needs USE on each of them (MLflow's rule). */
    private static List<ModelConfig> usable(AdminRequest request, List<ModelConfig> configs) {
        return usable(request, configs, Set.of());
    }

    /** The same, but for those the endpoint routes to already: keeping or reweighting them needs no more. */
    private static List<ModelConfig> usable(AdminRequest request, List<ModelConfig> configs, Set<String> already) {
        configs.stream().map(ModelConfig::modelDefinitionId).filter(id -> !already.contains(id))
                .forEach(id -> request.principal().require(MODEL_DEFINITION, id, Capability.USE));
        return configs;
    }

    private Object create(AdminRequest request) {
        RequestFields f = request.fields();
        var command = new CreateEndpoint(f.requiredString("name"), usable(request,
                f.optionalObjectList("model_configs").orElse(List.of()).stream().map(EndpointsApi::modelConfig).toList()),
                f.optionalString("routing_strategy"), f.optionalObject("fallback_config").map(EndpointsApi::fallback),
                f.optionalString("experiment_id").filter(id -> !id.isEmpty()), f.optionalBoolean("usage_tracking"),
                f.optionalObject("timeouts").map(EndpointsApi::timeouts),
                f.optionalObject("retry_config").map(EndpointsApi::retries), request.actor("created_by"));
        EndpointSpec created = endpoints.create(command);
        access.permissions().grantCreator(request.principal(), ENDPOINT, created.id());
        return Map.of("endpoint", AdminViews.Endpoint.of(created, request.principal()));
    }

    private Object get(AdminRequest request) {
        RequestFields f = request.fields();
        return Map.of("endpoint", AdminViews.Endpoint.of(
                endpoints.get(f.optionalString("endpoint_id"), f.optionalString("name")), request.principal()));
    }

    private Object update(AdminRequest request) {
        RequestFields f = request.fields();
        String endpointId = f.requiredString("endpoint_id");
        var command = new UpdateEndpoint(endpointId, f.optionalString("name"),
                f.optionalObjectList("model_configs").map(list -> usable(request,
                        list.stream().map(EndpointsApi::modelConfig).toList(), routedTo(endpointId))),
                f.optionalString("routing_strategy"), f.optionalObject("fallback_config").map(EndpointsApi::fallback),
                f.optionalString("experiment_id").filter(id -> !id.isEmpty()), f.optionalBoolean("usage_tracking"),
                f.optionalObject("timeouts").map(EndpointsApi::timeouts),
                f.optionalObject("retry_config").map(EndpointsApi::retries), request.actor("updated_by"));
        return Map.of("endpoint", AdminViews.Endpoint.of(endpoints.update(command), request.principal()));
    }

    /** The model definitions an endpoint routes to now. */
    private Set<String> routedTo(String endpointId) {
        return endpoints.get(Optional.of(endpointId), Optional.empty()).mappings().stream()
                .map(mapping -> mapping.definition().id()).collect(Collectors.toSet());
    }

    private Object delete(AdminRequest request) {
        endpoints.delete(request.fields().requiredString("endpoint_id"));
        return Map.of();
    }

    private Object list(AdminRequest request) {
        RequestFields f = request.fields();
        return Map.of("endpoints", endpoints.list(f.optionalString("provider"), f.optionalString("secret_id"))
                .stream().filter(e -> request.principal().can(ENDPOINT, e.id(), Capability.READ))
                .map(e -> AdminViews.Endpoint.of(e, request.principal())).toList());
    }

    private Object attach(AdminRequest request) {
        RequestFields f = request.fields();
        RequestFields config = f.optionalObject("model_config").orElseThrow(
                () -> new GatewayException.InvalidRequest("Missing value for required parameter 'model_config'"));
        var mapping = endpoints.attach(new AttachModel(f.requiredString("endpoint_id"),
                usable(request, List.of(modelConfig(config))).getFirst(), request.actor("created_by")));
        return Map.of("mapping", AdminViews.Mapping.of(mapping));
    }

    private Object detach(AdminRequest request) {
        RequestFields f = request.fields();
        endpoints.detach(new DetachModel(f.requiredString("endpoint_id"), f.requiredString("model_definition_id")));
        return Map.of();
    }

    private Object setTag(AdminRequest request) {
        RequestFields f = request.fields();
        endpoints.setTag(f.requiredString("endpoint_id"), f.requiredString("key"), f.optionalString("value").orElse(""));
        return Map.of();
    }

    private Object deleteTag(AdminRequest request) {
        RequestFields f = request.fields();
        endpoints.deleteTag(f.requiredString("endpoint_id"), f.requiredString("key"));
        return Map.of();
    }

    private static ModelConfig modelConfig(RequestFields f) {
        String linkage = f.optionalString("linkage_type").orElse("PRIMARY");
        Linkage parsed = switch (linkage) {
            case "PRIMARY", "LINKAGE_TYPE_UNSPECIFIED" -> Linkage.PRIMARY;
            case "FALLBACK" -> Linkage.FALLBACK;
            default -> throw new GatewayException.InvalidRequest(
                    "Invalid linkage_type '" + linkage + "': use PRIMARY or FALLBACK");
        };
        return new ModelConfig(f.requiredString("model_definition_id"), parsed, f.optionalDouble("weight"),
                f.optionalInt("fallback_order"));
    }

    private static TimeoutOverrides timeouts(RequestFields f) {
        return new TimeoutOverrides(f.optionalLong("connect_ms"), f.optionalLong("first_byte_ms"),
                f.optionalLong("idle_ms"), f.optionalLong("total_ms"));
    }

    /** The {@code retry_config} object; a field left out takes its default, not the endpoint's current value. */
    private static RetryPolicy retries(RequestFields f) {
        int max = f.optionalInt("max_retries").orElse(0);
        long initial = f.optionalLong("initial_backoff_ms").orElse(RetryPolicy.DEFAULT_INITIAL_BACKOFF.toMillis());
        long ceiling = f.optionalLong("max_backoff_ms").orElse(Math.max(initial,
                RetryPolicy.DEFAULT_MAX_BACKOFF.toMillis()));
        if (max < 0 || max > RetryPolicy.MAX_RETRIES) {
            throw new GatewayException.InvalidRequest("retry_config.max_retries must be from 0 to "
                    + RetryPolicy.MAX_RETRIES + "; got " + max);
        }
        long limit = RetryPolicy.LONGEST_BACKOFF.toMillis();
        if (initial < 0 || initial > limit) {
            throw new GatewayException.InvalidRequest("retry_config.initial_backoff_ms must be from 0 to " + limit
                    + " milliseconds; got " + initial);
        }
        if (ceiling < initial || ceiling > limit) {
            throw new GatewayException.InvalidRequest("retry_config.max_backoff_ms must be from initial_backoff_ms ("
                    + initial + ") to " + limit + " milliseconds; got " + ceiling);
        }
        return new RetryPolicy(max, Duration.ofMillis(initial), Duration.ofMillis(ceiling));
    }

    private static FallbackInput fallback(RequestFields f) {
        return new FallbackInput(f.optionalString("strategy"), f.optionalInt("max_attempts"));
    }
}
