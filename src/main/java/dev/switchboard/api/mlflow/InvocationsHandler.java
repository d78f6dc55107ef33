package dev.switchboard.api.mlflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Bodies;
import dev.switchboard.api.ErrorFormat;
import dev.switchboard.api.Exchange;
import dev.switchboard.api.InvocationRoute;
import dev.switchboard.api.RoutingHeaders;
import dev.switchboard.api.openai.OpenAiErrorFormat;
import dev.switchboard.api.openai.OpenAiStreams;
import dev.switchboard.config.ConfigSnapshot;
import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.EmbeddingRequest;
import dev.switchboard.core.GatewayException;
import dev.switchboard.routing.Dispatcher;
import dev.switchboard.wire.openai.OpenAiChatCodec;
import dev.switchboard.wire.openai.OpenAiEmbeddingsCodec;
import java.util.function.Supplier;

/**
 * MLflow's unified routes, both served through the canonical model: {@code POST
 * /gateway/{endpoint}/mlflow/invocations} (chat when the body has {@code messages}, embeddings when
 * it has {@code input}; a {@code model} field is refused with 422, as MLflow does) and {@code POST
 * /gateway/mlflow/v1/chat/completions} (OpenAI-shaped, {@code model} names the endpoint).
 */
public final class InvocationsHandler {

    private final Supplier<ConfigSnapshot> config;
    private final Dispatcher dispatcher;

    public InvocationsHandler(Supplier<ConfigSnapshot> config, Dispatcher dispatcher) {
        this.config = config;
        this.dispatcher = dispatcher;
    }

    /** The per-endpoint route. */
    public InvocationRoute.Handler invocations() {
        return exchange -> {
            String name = exchange.pathParam("endpoint").orElseThrow();
            exchange.info().endpoint(name);
            EndpointSnapshot endpoint = find(name);
            ObjectNode body = Bodies.object(exchange.body());
            if (body.has("model")) {
                throw new GatewayException.Unprocessable("The parameter 'model' is not permitted to be passed when "
                        + "calling an endpoint route: the endpoint '" + name + "' chooses its models");
            }
            if (body.has("messages")) {
                chat(exchange, endpoint, OpenAiChatCodec.decodeRequest(body), DetailErrorFormat.INSTANCE);
            } else if (body.has("input")) {
                embeddings(exchange, endpoint, OpenAiEmbeddingsCodec.decodeRequest(body));
            } else {
                throw new GatewayException.InvalidRequest(
                        "Invalid request: payload format must be either chat or embeddings");
            }
        };
    }

    /** The OpenAI-shaped unified chat route. */
    public InvocationRoute.Handler chatCompletions() {
        return exchange -> {
            ObjectNode body = Bodies.object(exchange.body());
            String name = Bodies.model(body);
            exchange.info().endpoint(name);
            EndpointSnapshot endpoint = find(name);
            chat(exchange, endpoint, OpenAiChatCodec.decodeRequest(body), OpenAiErrorFormat.INSTANCE);
        };
    }

    private EndpointSnapshot find(String name) {
        return config.get().endpoint(name).orElseThrow(
                () -> new GatewayException.NotFound("Endpoint '" + name + "' does not exist"));
    }

    private void chat(Exchange exchange, EndpointSnapshot endpoint, ChatRequest request, ErrorFormat errors) {
        if (request.stream()) {
            var outcome = dispatcher.chatStream(endpoint, exchange.caller(), request);
            OpenAiStreams.write(exchange, RoutingHeaders.of(endpoint.name(), outcome, exchange), outcome.value(),
                    endpoint.name(), request.includeUsage(), errors);
            return;
        }
        var outcome = dispatcher.chat(endpoint, exchange.caller(), request);
        var response = outcome.value();
        var headers = RoutingHeaders.of(endpoint.name(), outcome, exchange);
        exchange.info().usage(response.usage());
        exchange.respond(200, headers, "application/json",
                Bodies.write(OpenAiChatCodec.encodeResponse(response,
                        response.model().orElse(outcome.target().modelName()), System.currentTimeMillis() / 1000)));
    }

    private void embeddings(Exchange exchange, EndpointSnapshot endpoint, EmbeddingRequest request) {
        var outcome = dispatcher.embed(endpoint, exchange.caller(), request);
        var headers = RoutingHeaders.of(endpoint.name(), outcome, exchange);
        exchange.info().usage(outcome.value().usage());
        exchange.respond(200, headers, "application/json",
                Bodies.write(OpenAiEmbeddingsCodec.encodeResponse(outcome.value(), outcome.target().modelName(),
                        request.encodingFormat())));
    }
}
