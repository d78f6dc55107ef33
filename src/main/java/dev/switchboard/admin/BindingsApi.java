package dev.switchboard.admin;

import dev.switchboard.config.BindingService;
import dev.switchboard.config.ConfigCommand.CreateBinding;
import dev.switchboard.config.ConfigCommand.DeleteBinding;
import java.util.List;
import java.util.Map;

/** {@code endpoints/bindings/*}: which resources use which endpoints. */
final class BindingsApi {

    private final BindingService bindings;

    BindingsApi(BindingService bindings) {
        this.bindings = bindings;
    }

    List<AdminRoute> routes() {
        return List.of(
                new AdminRoute("POST", "endpoints/bindings/create", this::create),
                new AdminRoute("DELETE", "endpoints/bindings/delete", this::delete),
                new AdminRoute("GET", "endpoints/bindings/list", this::list));
    }

    private Object create(AdminRequest request) {
        RequestFields f = request.fields();
        var binding = bindings.create(new CreateBinding(f.requiredString("endpoint_id"),
                f.requiredString("resource_type"), f.requiredString("resource_id"), f.optionalString("display_name"),
                f.optionalString("created_by")));
        return Map.of("binding", AdminViews.Binding.of(binding));
    }

    private Object delete(AdminRequest request) {
        RequestFields f = request.fields();
        bindings.delete(new DeleteBinding(f.requiredString("endpoint_id"), f.requiredString("resource_type"),
                f.requiredString("resource_id")));
        return Map.of();
    }

    private Object list(AdminRequest request) {
        RequestFields f = request.fields();
        return Map.of("bindings", bindings.list(f.optionalString("endpoint_id"), f.optionalString("resource_type"),
                f.optionalString("resource_id")).stream().map(AdminViews.Binding::of).toList());
    }
}
