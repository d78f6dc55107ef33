package dev.switchboard.admin;

import static dev.switchboard.access.ResourceKind.MODEL_DEFINITION;
import static dev.switchboard.access.ResourceKind.SECRET;

import dev.switchboard.access.Access;
import dev.switchboard.access.AccessControl;
import dev.switchboard.access.Capability;
import dev.switchboard.access.ResourceKind;
import dev.switchboard.config.ConfigCommand.CreateModelDefinition;
import dev.switchboard.config.ConfigCommand.UpdateModelDefinition;
import dev.switchboard.config.ModelDefinitionService;
import dev.switchboard.config.ModelDefinitionSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code model-definitions/*}: reusable (provider, model, secret) triples. */
final class ModelDefinitionsApi {

    private final ModelDefinitionService definitions;
    private final AccessControl access;

    ModelDefinitionsApi(ModelDefinitionService definitions, AccessControl access) {
        this.definitions = definitions;
        this.access = access;
    }

    List<AdminRoute> routes() {
        return List.of(
                new AdminRoute("POST", "model-definitions/create", Access.SIGNED_IN, this::create),
                new AdminRoute("GET", "model-definitions/get", Access.on(MODEL_DEFINITION, Capability.READ), this::idOf,
                        this::get),
                new AdminRoute("POST", "model-definitions/update", Access.on(MODEL_DEFINITION, Capability.UPDATE),
                        this::update),
                new AdminRoute("PATCH", "model-definitions/update", Access.on(MODEL_DEFINITION, Capability.UPDATE),
                        this::update),
                new AdminRoute("DELETE", "model-definitions/delete", Access.on(MODEL_DEFINITION, Capability.DELETE),
                        this::delete),
                new AdminRoute("GET", "model-definitions/list", Access.SIGNED_IN, this::list));
    }

    /** The model definition a get names, by id or by name. */
    private Optional<String> idOf(AdminRequest request, ResourceKind kind) {
        RequestFields f = request.fields();
        return Optional.of(definitions.get(f.optionalString("model_definition_id"), f.optionalString("name")).id());
    }

    /** A model definition calls with a key: choosing one needs USE on it (MLflow's rule). */
    private static Optional<String> usable(AdminRequest request, Optional<String> secretId) {
        secretId.ifPresent(id -> request.principal().require(SECRET, id, Capability.USE));
        return secretId;
    }

    private Object create(AdminRequest request) {
        RequestFields f = request.fields();
        var command = new CreateModelDefinition(f.requiredString("name"),
                usable(request, Optional.of(f.requiredString("secret_id"))).orElseThrow(),
                f.requiredString("provider"), f.requiredString("model_name"), request.actor("created_by"));
        ModelDefinitionSpec created = definitions.create(command);
        access.grantCreator(request.principal(), MODEL_DEFINITION, created.id());
        return Map.of("model_definition", AdminViews.ModelDefinition.of(created));
    }

    private Object get(AdminRequest request) {
        RequestFields f = request.fields();
        return Map.of("model_definition", AdminViews.ModelDefinition.of(
                definitions.get(f.optionalString("model_definition_id"), f.optionalString("name"))));
    }

    private Object update(AdminRequest request) {
        RequestFields f = request.fields();
        var command = new UpdateModelDefinition(f.requiredString("model_definition_id"), f.optionalString("name"),
                usable(request, f.optionalString("secret_id")), f.optionalString("provider"),
                f.optionalString("model_name"), request.actor("updated_by"));
        return Map.of("model_definition", AdminViews.ModelDefinition.of(definitions.update(command)));
    }

    private Object delete(AdminRequest request) {
        definitions.delete(request.fields().requiredString("model_definition_id"));
        return Map.of();
    }

    private Object list(AdminRequest request) {
        RequestFields f = request.fields();
        return Map.of("model_definitions", definitions.list(f.optionalString("provider"), f.optionalString("secret_id"))
                .stream().filter(d -> request.principal().can(MODEL_DEFINITION, d.id(), Capability.READ))
                .map(AdminViews.ModelDefinition::of).toList());
    }
}
