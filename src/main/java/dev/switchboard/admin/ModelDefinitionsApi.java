package dev.switchboard.admin;

import dev.switchboard.config.ConfigCommand.CreateModelDefinition;
import dev.switchboard.config.ConfigCommand.UpdateModelDefinition;
import dev.switchboard.config.ModelDefinitionService;
import java.util.List;
import java.util.Map;

/** {@code model-definitions/*}: reusable (provider, model, secret) triples. */
final class ModelDefinitionsApi {

    private final ModelDefinitionService definitions;

    ModelDefinitionsApi(ModelDefinitionService definitions) {
        this.definitions = definitions;
    }

    List<AdminRoute> routes() {
        return List.of(
                new AdminRoute("POST", "model-definitions/create", this::create),
                new AdminRoute("GET", "model-definitions/get", this::get),
                new AdminRoute("POST", "model-definitions/update", this::update),
                new AdminRoute("PATCH", "model-definitions/update", this::update),
                new AdminRoute("DELETE", "model-definitions/delete", this::delete),
                new AdminRoute("GET", "model-definitions/list", this::list));
    }

    private Object create(AdminRequest request) {
        RequestFields f = request.fields();
        var command = new CreateModelDefinition(f.requiredString("name"), f.requiredString("secret_id"),
                f.requiredString("provider"), f.requiredString("model_name"), f.optionalString("created_by"));
        return Map.of("model_definition", AdminViews.ModelDefinition.of(definitions.create(command)));
    }

    private Object get(AdminRequest request) {
        RequestFields f = request.fields();
        return Map.of("model_definition", AdminViews.ModelDefinition.of(
                definitions.get(f.optionalString("model_definition_id"), f.optionalString("name"))));
    }

    private Object update(AdminRequest request) {
        RequestFields f = request.fields();
        var command = new UpdateModelDefinition(f.requiredString("model_definition_id"), f.optionalString("name"),
                f.optionalString("secret_id"), f.optionalString("provider"), f.optionalString("model_name"),
                f.optionalString("updated_by"));
        return Map.of("model_definition", AdminViews.ModelDefinition.of(definitions.update(command)));
    }

    private Object delete(AdminRequest request) {
        definitions.delete(request.fields().requiredString("model_definition_id"));
        return Map.of();
    }

    private Object list(AdminRequest request) {
        RequestFields f = request.fields();
        return Map.of("model_definitions", definitions.list(f.optionalString("provider"), f.optionalString("secret_id"))
                .stream().map(AdminViews.ModelDefinition::of).toList());
    }
}
