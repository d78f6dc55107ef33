package dev.switchboard.admin;

import dev.switchboard.access.Access;
import dev.switchboard.access.Capability;
import dev.switchboard.access.ResourceKind;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code targets/status} (Switchboard's): the targets that failed lately, each with its state
 * ({@code ok}, {@code cooling_down}, {@code probing}), its failures in a row and, while it cools
 * down, until when (epoch milliseconds). A target is a model definition; one that is absent serves
 * normally. A caller sees only the model definitions they may read.
 */
public final class TargetsApi {

    /** One target's state as the route shows it; {@code coolingUntil} is null unless it cools down. */
    public record TargetStatus(String modelDefinitionId, String provider, String modelName, String state,
                               int consecutiveFailures, Long coolingUntil) { }

    private final Supplier<List<TargetStatus>> statuses;

    public TargetsApi(Supplier<List<TargetStatus>> statuses) {
        this.statuses = statuses;
    }

    public List<AdminRoute> routes() {
        return List.of(new AdminRoute("GET", "targets/status", Access.SIGNED_IN, this::status));
    }

    private Object status(AdminRequest request) {
        return Map.of("targets", statuses.get().stream()
                .filter(s -> request.principal().can(ResourceKind.MODEL_DEFINITION, s.modelDefinitionId(),
                        Capability.READ))
                .sorted(Comparator.comparing(TargetStatus::modelDefinitionId))
                .toList());
    }
}
