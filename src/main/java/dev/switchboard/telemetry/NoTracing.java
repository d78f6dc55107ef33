package dev.switchboard.telemetry;

import dev.switchboard.provider.http.UpstreamTrace;
import dev.switchboard.routing.AttemptObserver;
import java.util.Optional;
import java.util.function.Function;

/** {@link Tracing#OFF}: every method hands back what was there already, or a trace that does nothing. */
final class NoTracing implements Tracing {

    @Override
    public CallTrace call(String method, String route, Function<String, Optional<String>> header) {
        return CallTrace.NONE;
    }

    @Override
    public AttemptObserver observe(AttemptObserver others) {
        return others;
    }

    @Override
    public UpstreamTrace upstream() {
        return UpstreamTrace.NONE;
    }

    @Override
    public void close() {
    }
}
