package dev.switchboard.routing;

import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.Target;
import java.util.function.BiConsumer;

/**
 * Tells {@code count} what each attempt's provider answered: {@code 200} when the attempt served
 * the call, the provider's status when it refused it, {@code timeout} when it did not answer in
 * time, {@code caller_gone} when the caller left first, or {@code error} when there was no answer
 * (the connection failed).
 */
public final class UpstreamAnswers implements AttemptObserver {

    private final BiConsumer<String, String> count;

    public UpstreamAnswers(BiConsumer<String, String> count) {
        this.count = count;
    }

    @Override
    public Scope start(EndpointSnapshot endpoint, Target target, int number) {
        return new Scope() {
            @Override
            public void succeeded() {
                count.accept(target.provider(), "200");
            }

            @Override
            public void failed(GatewayException failure) {
                count.accept(target.provider(), switch (failure) {
                    case GatewayException.Upstream answered -> Integer.toString(answered.status());
                    case GatewayException.UpstreamTimeout timeout -> "timeout";
                    case GatewayException.CallerGone gone -> "caller_gone";
                    default -> "error";
                });
            }
        };
    }
}
