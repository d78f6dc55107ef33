package dev.switchboard.api.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Bodies;
import dev.switchboard.api.Exchange;
import dev.switchboard.api.ModelLists;
import dev.switchboard.api.Outcome;
import dev.switchboard.api.Surfaces;
import dev.switchboard.config.ConfigSnapshot;
import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.GatewayException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /gateway/anthropic/v1/models} and {@code /v1/models/{model_id}}: the endpoints, as
 * Anthropic's Models API lists models. Newest first (by {@code created_at}, then id), as Anthropic lists;
 * {@code limit} (1 to 1000, default 20) and the cursors {@code after_id} (the page after that id)
 * or {@code before_id} (the page before it), with {@code has_more} saying whether there are more
 * in that direction. Every endpoint is {@code active}: the gateway has no deprecated ones.
 */
public final class AnthropicModelsHandler {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;

    /** By {@code created_at} as callers see it (whole seconds), newest first, then by id. */
    private static final Comparator<EndpointSnapshot> NEWEST_FIRST = Comparator
            .comparingLong((EndpointSnapshot e) -> Math.floorDiv(e.createdAt(), 1000)).reversed()
            .thenComparing(EndpointSnapshot::name);

    private final Supplier<ConfigSnapshot> config;

    public AnthropicModelsHandler(Supplier<ConfigSnapshot> config) {
        this.config = config;
    }

    /** One page of the list. */
    public Outcome list(Exchange exchange) {
        int limit = ModelLists.integer(exchange, "limit").orElse(DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new GatewayException.InvalidRequest("limit: must be between 1 and " + MAX_LIMIT);
        }
        Optional<String> after = exchange.query("after_id");
        Optional<String> before = exchange.query("before_id");
        if (after.isPresent() && before.isPresent()) {
            throw new GatewayException.InvalidRequest("after_id and before_id cannot both be given");
        }
        List<EndpointSnapshot> all = ModelLists.usable(exchange, config.get().sortedEndpoints()).stream()
                .sorted(NEWEST_FIRST).toList();
        int from;
        int to;
        boolean hasMore;
        if (before.isPresent()) {
            to = indexOf(all, before.get(), "before_id");
            from = Math.max(0, to - limit);
            hasMore = from > 0;
        } else {
            from = after.isPresent() ? indexOf(all, after.get(), "after_id") + 1 : 0;
            to = Math.min(all.size(), from + limit);
            hasMore = to < all.size();
        }
        List<EndpointSnapshot> page = all.subList(from, to);
        ObjectNode body = Bodies.JSON.createObjectNode();
        ArrayNode data = body.putArray("data");
        page.forEach(endpoint -> data.add(model(endpoint)));
        body.put("has_more", hasMore);
        if (page.isEmpty()) {
            body.putNull("first_id");
            body.putNull("last_id");
        } else {
            body.put("first_id", page.getFirst().name());
            body.put("last_id", page.getLast().name());
        }
        return ModelLists.respond(exchange, body);
    }

    /** One model by its id; an unknown one is a 404. */
    public Outcome get(Exchange exchange) {
        String name = exchange.pathParam("model").orElseThrow();
        EndpointSnapshot endpoint = ModelLists.usable(exchange, config.get().endpoint(name))
                .orElseThrow(() -> Surfaces.unknownAnthropicModel(name));
        return ModelLists.respond(exchange, model(endpoint));
    }

    private static int indexOf(List<EndpointSnapshot> all, String id, String parameter) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).name().equals(id)) {
                return i;
            }
        }
        throw new GatewayException.InvalidRequest(parameter + ": no model has the id " + id);
    }

    /** A {@code ModelInfo}: the endpoint's name is its id and display name; created_at in RFC 3339, UTC. */
    private static ObjectNode model(EndpointSnapshot endpoint) {
        return Bodies.JSON.createObjectNode()
                .put("type", "model")
                .put("id", endpoint.name())
                .put("display_name", endpoint.name())
                .put("created_at", Instant.ofEpochMilli(endpoint.createdAt()).truncatedTo(ChronoUnit.SECONDS).toString())
                .put("lifecycle", "active");
    }
}
