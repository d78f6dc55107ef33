package dev.switchboard.routing;

import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.Target;

/**
 * Told of every attempt the {@link Invoker} makes, on the thread that makes it: when it starts, and
 * whether it reached its point of no return or failed (with the failure). Metrics count the
 * providers' answers this way; traces make one span per attempt.
 */
public interface AttemptObserver {

    /** Observes nothing. */
    AttemptObserver NONE = (endpoint, target, number) -> Scope.NONE;

    /** Attempt {@code number} (from 1) of a call to {@code endpoint} is starting on {@code target}. */
    Scope start(EndpointSnapshot endpoint, Target target, int number);

    /**
     * Tells {@code outer} and {@code inner} of every attempt: {@code outer} starts first and ends last,
     * so whatever {@code outer} makes current on the thread (a span) is current for {@code inner} too.
     */
    static AttemptObserver both(AttemptObserver outer, AttemptObserver inner) {
        return (endpoint, target, number) -> {
            Scope first = outer.start(endpoint, target, number);
            Scope second = inner.start(endpoint, target, number);
            return new Scope() {
                @Override
                public void succeeded() {
                    try {
                        second.succeeded();
                    } finally {
                        first.succeeded();
                    }
                }

                @Override
                public void failed(GatewayException failure) {
                    try {
                        second.failed(failure);
                    } finally {
                        first.failed(failure);
                    }
                }
            };
        };
    }

    /** One attempt, ended exactly once by one of its methods. */
    interface Scope {
        Scope NONE = new Scope() {
            @Override
            public void succeeded() {
            }

            @Override
            public void failed(GatewayException failure) {
            }
        };

        void succeeded();

        void failed(GatewayException failure);
    }
}
