package dev.switchboard.api;

import dev.switchboard.routing.Invoker;
import java.util.function.Function;

/** The two ways a surface answers a routed call: a whole answer, or a stream relayed or translated. */
public final class Replies {

    private Replies() {
    }

    /** Sends a whole answer with the routing headers, recording its usage. */
    public static void answer(Exchange exchange, String endpoint, Invoker.Outcome<Answer> outcome) {
        var headers = RoutingHeaders.of(endpoint, outcome, exchange);
        exchange.info().usage(outcome.value().usage());
        exchange.respond(200, headers, "application/json", outcome.value().body());
    }

    /**
     * Streams an opened stream with the routing headers: relayed as it comes when the provider
     * speaks the caller's format, else encoded by {@code encoder} (given the serving model's name).
     */
    public static void stream(Exchange exchange, String endpoint, Invoker.Outcome<OpenedStream> outcome,
                              Function<String, TranslatedStream.Encoder> encoder, ErrorFormat errors) {
        var headers = RoutingHeaders.of(endpoint, outcome, exchange);
        switch (outcome.value()) {
            case OpenedStream.Relay relay -> relay.relay().to(exchange, headers);
            case OpenedStream.Translated translated -> TranslatedStream.write(exchange, headers, translated.stream(),
                    encoder.apply(outcome.target().modelName()), errors);
        }
    }
}
