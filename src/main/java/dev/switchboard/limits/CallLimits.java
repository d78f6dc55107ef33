package dev.switchboard.limits;

import dev.switchboard.access.Principal;
import dev.switchboard.core.Usage;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What limits a call: checked once its endpoint and caller are known, before any provider is
 * called, and told what the call came to once it ended.
 */
public interface CallLimits {

    /** No limits. */
    CallLimits NONE = new CallLimits() {
    };

    /** Refuses the call (a {@link dev.switchboard.core.GatewayException}, 429) if a limit forbids it. */
    default void admit(String endpointId, Principal principal) {
    }

    /** A call to {@code endpointId} ended; it cost {@code cost} dollars (when priced) and used {@code usage}. */
    default void settled(String endpointId, Principal principal, Optional<BigDecimal> cost, Usage usage) {
    }
}
