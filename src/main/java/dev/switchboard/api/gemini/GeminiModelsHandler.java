package dev.switchboard.api.gemini;

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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /gateway/gemini/{version}/models} and {@code .../models/{endpoint}}: the endpoints, as
 * Gemini's API lists models ({@code models/<endpoint>}), by name. {@code pageSize} as Google
 * documents it: 50 when absent or 0, at most 1000, negative refused. The {@code nextPageToken} is
 * opaque to callers: the name of the next page's first endpoint, base64url-encoded; a page that
 * starts at a since deleted endpoint starts at the next name.
 */
public final class GeminiModelsHandler {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 1000;

    private final Supplier<ConfigSnapshot> config;

    public GeminiModelsHandler(Supplier<ConfigSnapshot> config) {
        this.config = config;
    }

    /** One page of the list. */
    public Outcome list(Exchange exchange) {
        int pageSize = ModelLists.integer(exchange, "pageSize", "page_size").orElse(0);
        if (pageSize < 0) {
            throw new GatewayException.InvalidRequest("pageSize: must not be negative");
        }
        pageSize = pageSize == 0 ? DEFAULT_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
        Optional<String> start = exchange.query("pageToken").or(() -> exchange.query("page_token"))
                .filter(token -> !token.isEmpty()).map(GeminiModelsHandler::startOf);
        List<EndpointSnapshot> all = ModelLists.usable(exchange, config.get().sortedEndpoints());
        int from = 0;
        while (start.isPresent() && from < all.size() && all.get(from).name().compareTo(start.get()) < 0) {
            from++;
        }
        int to = Math.min(all.size(), from + pageSize);
        ObjectNode body = Bodies.JSON.createObjectNode();
        ArrayNode models = body.putArray("models");
        all.subList(from, to).forEach(endpoint -> models.add(model(endpoint)));
        if (to < all.size()) {
            body.put("nextPageToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(all.get(to).name().getBytes(StandardCharsets.UTF_8)));
        }
        return ModelLists.respond(exchange, body);
    }

    /** One model by name; an unknown one is a 404 in Google's shape. */
    public Outcome get(Exchange exchange) {
        String name = exchange.pathParam("spec").orElseThrow();
        if (name.indexOf(':') >= 0) {
            throw new GatewayException.RouteNotFound("/gateway/gemini/v1beta/models/" + name
                    + " (a method is called with POST)");
        }
        EndpointSnapshot endpoint = ModelLists.usable(exchange, config.get().endpoint(name))
                .orElseThrow(() -> Surfaces.unknownGeminiModel(name));
        return ModelLists.respond(exchange, model(endpoint));
    }

    private static String startOf(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new GatewayException.InvalidRequest("pageToken: not a page token this list gave");
        }
    }

    /** A {@code Model}: the endpoint under {@code models/}, and the methods the Gemini surface serves. */
    private static ObjectNode model(EndpointSnapshot endpoint) {
        ObjectNode model = Bodies.JSON.createObjectNode()
                .put("name", "models/" + endpoint.name())
                .put("displayName", endpoint.name())
                .put("description", "Switchboard endpoint '" + endpoint.name() + "'");
        ArrayNode methods = model.putArray("supportedGenerationMethods");
        GeminiMethod.LISTED.forEach(methods::add);
        return model;
    }
}
