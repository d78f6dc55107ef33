package dev.switchboard.admin;

import dev.switchboard.access.Access;
import dev.switchboard.access.Capability;
import dev.switchboard.access.ResourceKind;
import dev.switchboard.routing.Cooldowns;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code targets/status} (Switchboard's): the targets that failed lately, each with its phase
 * ({@code ok}, {@code cooling_down}, {@code probing}), its failures in a row and, while it cools
 * down, until when (epoch milliseconds). A target is a model definition; one that is absent serves
 * normally. A caller sees only the model definitions they may read.
 */
public final class TargetsApi {

    private final Cooldowns cooldowns;

    public TargetsApi(Cooldowns cooldowns) {
        this.cooldowns = cooldowns;
    }

    public List<AdminRoute> routes() {
        return List.of(new AdminRoute("GET", "targets/status", Access.SIGNED_IN, this::status));
    }

    record TargetStatus(String modelDefinitionId, String provider, String modelName, String state,
                        int consecutiveFailures, Long coolingUntil) { }

    private Object status(AdminRequest request) {
        return Map.of("targets", cooldowns.states().stream()
                .filter(s -> request.principal().can(ResourceKind.MODEL_DEFINITION, s.definitionId(), Capability.READ))
                .sorted(Comparator.comparing(Cooldowns.State::definitionId))
                .map(s -> new TargetStatus(s.definitionId(), s.provider(), s.modelName(),
                        s.phase().name().toLowerCase(Locale.ROOT), s.consecutiveFailures(),
                        s.coolingUntilMillis() == 0 ? null : s.coolingUntilMillis()))
                .toList());
    }
}
