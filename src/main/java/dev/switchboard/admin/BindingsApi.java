package dev.switchboard.admin;

import static dev.switchboard.access.ResourceKind.ENDPOINT;

import dev.switchboard.access.Access;
import dev.switchboard.access.Capability;
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
                new AdminRoute("POST", "endpoints/bindings/create", Access.on(ENDPOINT, Capability.UPDATE), this::create),
                new AdminRoute("DELETE", "endpoints/bindings/delete", Access.on(ENDPOINT, Capability.UPDATE),
                        this::delete),
                new AdminRoute("GET", "endpoints/bindings/list", Access.SIGNED_IN, this::list));
    }

    private Object create(AdminRequest request) {
        RequestFields f = request.fields();
        var binding = bindings.create(new CreateBinding(f.requiredString("endpoint_id"),
                f.requiredString("resource_type"), f.requiredString("resource_id"), f.optionalString("display_name"),
                request.actor("created_by")));
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
                f.optionalString("resource_id")).stream()
                .filter(b -> request.principal().can(ENDPOINT, b.endpointId(), Capability.READ))
                .map(AdminViews.Binding::of).toList());
    }
}
