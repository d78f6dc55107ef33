package dev.switchboard.api.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Bodies;
import dev.switchboard.api.Exchange;
import dev.switchboard.api.InvocationRoute;
import dev.switchboard.api.ModelLists;
import dev.switchboard.api.Outcome;
import dev.switchboard.config.ConfigSnapshot;
import dev.switchboard.config.EndpointSnapshot;
import java.util.function.Supplier;

/** {@code GET /gateway/openai/v1/models}: the endpoints, listed as OpenAI lists models. */
public final class ModelsHandler implements InvocationRoute.Handler {

    private final Supplier<ConfigSnapshot> config;

    public ModelsHandler(Supplier<ConfigSnapshot> config) {
        this.config = config;
    }

    @Override
    public Outcome handle(Exchange exchange) {
        ObjectNode list = Bodies.JSON.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (EndpointSnapshot endpoint : ModelLists.usable(exchange, config.get().sortedEndpoints())) {
            data.addObject()
                    .put("id", endpoint.name())
                    .put("object", "model")
                    .put("created", endpoint.createdAt() / 1000)
                    .put("owned_by", "switchboard");
        }
        return ModelLists.respond(exchange, list);
    }
}
