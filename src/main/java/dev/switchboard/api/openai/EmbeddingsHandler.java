package dev.switchboard.api.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Answer;
import dev.switchboard.api.Bodies;
import dev.switchboard.api.Exchange;
import dev.switchboard.api.InvocationRoute;
import dev.switchboard.api.Replies;
import dev.switchboard.config.ConfigSnapshot;
import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.EmbeddingRequest;
import dev.switchboard.core.EmbeddingResponse;
import dev.switchboard.provider.Operation;
import dev.switchboard.provider.Provider;
import dev.switchboard.provider.UpstreamResponse;
import dev.switchboard.provider.WireFormat;
import dev.switchboard.routing.Dispatcher;
import dev.switchboard.wire.openai.OpenAiEmbeddingsCodec;
import java.util.function.Supplier;

/**
 * {@code POST /gateway/openai/v1/embeddings}: OpenAI's embeddings API, {@code model} naming the
 * endpoint; passed through to OpenAI-format providers, translated for others.
 */
public final class EmbeddingsHandler implements InvocationRoute.Handler {

    private static final int MAX_RESPONSE = 256 * 1024 * 1024;

    private final Supplier<ConfigSnapshot> config;
    private final Dispatcher dispatcher;

    public EmbeddingsHandler(Supplier<ConfigSnapshot> config, Dispatcher dispatcher) {
        this.config = config;
        this.dispatcher = dispatcher;
    }

    @Override
    public void handle(Exchange exchange) {
        ObjectNode body = Bodies.object(exchange.body());
        String name = Bodies.model(body);
        exchange.info().endpoint(name);
        EndpointSnapshot endpoint = config.get().endpoint(name).orElseThrow(() -> ModelNotFound.of(name));
        EmbeddingRequest request = OpenAiEmbeddingsCodec.decodeRequest(body);
        var outcome = dispatcher.run(endpoint, exchange.caller(), call -> {
            Provider provider = dispatcher.provider(call.target());
            if (provider.wireFormat() == WireFormat.OPENAI) {
                ObjectNode copy = Bodies.withModelShallow(body, call.target().modelName());
                try (UpstreamResponse response = provider.send(Operation.EMBEDDINGS, copy, call)) {
                    return PassThrough.answer(response.readAll(MAX_RESPONSE));
                }
            }
            EmbeddingResponse embedded = provider.embed(request, call);
            return new Answer(Bodies.write(OpenAiEmbeddingsCodec.encodeResponse(embedded,
                    call.target().modelName(), request.encodingFormat())), embedded.usage());
        });
        Replies.answer(exchange, name, outcome);
    }
}
