package dev.switchboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.access.Capability;
import dev.switchboard.access.Principal;
import dev.switchboard.access.ResourceKind;
import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.GatewayException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the surfaces' model lists share (OpenAI's, Anthropic's and Gemini's, where the gateway's
 * endpoints are the models): reading a whole-number query parameter, and answering with JSON. A
 * failure is thrown, and the route renders it in its surface's error shape.
 */
public final class ModelLists {

    private ModelLists() {
    }

    /** The first of {@code names} the query has, as an integer; a value that is not one is a 400. */
    public static OptionalInt integer(Exchange exchange, String... names) {
        for (String name : names) {
            Optional<String> value = exchange.query(name);
            if (value.isPresent()) {
                try {
                    return OptionalInt.of(Integer.parseInt(value.get().strip()));
                } catch (NumberFormatException e) {
                    throw new GatewayException.InvalidRequest(name + ": must be an integer");
                }
            }
        }
        return OptionalInt.empty();
    }

    /** The endpoints the caller may call, which are the models its lists show. */
    public static List<EndpointSnapshot> usable(Exchange exchange, List<EndpointSnapshot> endpoints) {
        Principal principal = exchange.principal();
        return principal.admin() ? endpoints : endpoints.stream().filter(e -> usable(principal, e)).toList();
    }

    /** An endpoint the caller may call, else empty: one it may not call is not shown as a model. */
    public static Optional<EndpointSnapshot> usable(Exchange exchange, Optional<EndpointSnapshot> endpoint) {
        return endpoint.filter(e -> usable(exchange.principal(), e));
    }

    private static boolean usable(Principal principal, EndpointSnapshot endpoint) {
        return principal.can(ResourceKind.ENDPOINT, endpoint.id(), Capability.USE);
    }

    /** Answers 200 with {@code body}; a listing has no endpoint, target or usage. */
    public static Outcome respond(Exchange exchange, JsonNode body) {
        exchange.respond(200, Map.of(), "application/json", Bodies.write(body));
        return Outcome.answered();
    }
}
