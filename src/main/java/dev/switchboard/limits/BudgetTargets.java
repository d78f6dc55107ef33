package dev.switchboard.limits;

import dev.switchboard.access.AccessControl;
import dev.switchboard.access.Principal;
import dev.switchboard.config.ConfigSnapshot;
import dev.switchboard.core.GatewayException;
import java.util.Optional;
import java.util.function.Supplier;

/** Checks that a budget's target exists: an endpoint by id, a user by name, a gateway key by id. */
public final class BudgetTargets {

    private BudgetTargets() {
    }

    public static BudgetService.Targets of(Supplier<ConfigSnapshot> config, AccessControl access) {
        return (scope, target) -> switch (scope) {
            case GLOBAL -> Optional.empty();
            case ENDPOINT -> config.get().endpoints().values().stream().anyMatch(e -> e.id().equals(target))
                    ? Optional.empty() : Optional.of("no endpoint has the endpoint_id '" + target + "'");
            case USER -> {
                try {
                    access.users().get(target);
                    yield Optional.empty();
                } catch (GatewayException.NotFound e) {
                    yield Optional.of("no user is named '" + target + "'");
                }
            }
            case GATEWAY_KEY -> access.keys().list(Principal.OPEN).stream().anyMatch(k -> k.keyId().equals(target))
                    ? Optional.empty() : Optional.of("no gateway key has the key_id '" + target + "'");
        };
    }
}
