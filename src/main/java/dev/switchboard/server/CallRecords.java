package dev.switchboard.server;

import dev.switchboard.access.Principal;
import dev.switchboard.api.Outcome;
import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.provider.Target;
import dev.switchboard.usage.Pricer;
import dev.switchboard.usage.UsageRecord;
import java.util.Optional;
import java.util.OptionalLong;

/** Turns a call's outcome, as the server saw it end, into its usage record. */
final class CallRecords {

    private CallRecords() {
    }

    /**
     * The record of a call on {@code route} that began at {@code startNanos}, answered (if it was)
     * at {@code answeredNanos} with {@code status}, and ended at {@code endNanos}.
     */
    static UsageRecord of(String route, Outcome outcome, Principal principal, int status, boolean streamed,
                          long startNanos, long answeredNanos, long endNanos, Pricer pricer) {
        long duration = endNanos - startNanos;
        Optional<EndpointSnapshot> endpoint = outcome.resolved();
        String provider = outcome.target().map(Target::provider).orElse("");
        String model = outcome.target().map(Target::modelName).orElse("");
        Pricer.Priced priced = pricer.price(provider, model, outcome.usage());
        return new UsageRecord(System.currentTimeMillis() - duration / 1_000_000, route, UsageRecord.surfaceOf(route),
                endpoint.map(EndpointSnapshot::id).orElse(""), outcome.endpoint(),
                endpoint.map(EndpointSnapshot::usageTracking).orElse(false), provider, model, caller(principal),
                status, errorClass(outcome, status), outcome.failure().map(Throwable::getMessage), streamed,
                outcome.streamFailed(), outcome.attempts(), duration,
                answeredNanos == 0 ? OptionalLong.empty() : OptionalLong.of(answeredNanos - startNanos),
                Math.max(0, duration - outcome.upstreamNanos()), outcome.usage(), priced.price(), priced.cost());
    }

    static UsageRecord.CallerRef caller(Principal principal) {
        return switch (principal) {
            case Principal.User user -> new UsageRecord.CallerRef(UsageRecord.CallerRef.Kind.USER, user.id(),
                    user.username());
            case Principal.Key key -> new UsageRecord.CallerRef(UsageRecord.CallerRef.Kind.KEY, key.keyId(),
                    key.owner().username() + " (key " + key.name() + ")");
            case Principal.Open open -> UsageRecord.CallerRef.NONE;
        };
    }

    /** The failure's kind in snake case ({@code upstream_timeout}), or what a cut stream or a relayed error was. */
    private static Optional<String> errorClass(Outcome outcome, int status) {
        if (outcome.failure().isPresent()) {
            return Optional.of(UsageRecord.errorClassOf(outcome.failure().get()));
        }
        if (outcome.streamFailed()) {
            return Optional.of("stream_interrupted");
        }
        return status >= 400 ? Optional.of("upstream_error") : Optional.empty();
    }
}
