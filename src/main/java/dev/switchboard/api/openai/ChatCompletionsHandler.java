package dev.switchboard.api.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Answer;
import dev.switchboard.api.Bodies;
import dev.switchboard.api.Exchange;
import dev.switchboard.api.InvocationRoute;
import dev.switchboard.api.Lazy;
import dev.switchboard.api.OpenedStream;
import dev.switchboard.api.Replies;
import dev.switchboard.api.StreamRelay;
import dev.switchboard.config.ConfigSnapshot;
import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.provider.Call;
import dev.switchboard.provider.Operation;
import dev.switchboard.provider.Provider;
import dev.switchboard.provider.UpstreamResponse;
import dev.switchboard.provider.WireFormat;
import dev.switchboard.routing.Dispatcher;
import dev.switchboard.wire.openai.OpenAiChatCodec;
import java.util.function.Supplier;

/**
 * {@code POST /gateway/openai/v1/chat/completions}: OpenAI's chat API, where {@code model} names the
 * endpoint. A target that speaks OpenAI gets the caller's body with only the model replaced, and
 * its answer (or stream, event by event) is relayed as it comes; other targets are translated. The
 * body's shape is checked first ({@link OpenAiChatCodec#checkShape}), so a malformed one is answered
 * 400 before any provider is called.
 */
public final class ChatCompletionsHandler implements InvocationRoute.Handler {

    private static final int MAX_RESPONSE = 64 * 1024 * 1024;

    private final Supplier<ConfigSnapshot> config;
    private final Dispatcher dispatcher;

    public ChatCompletionsHandler(Supplier<ConfigSnapshot> config, Dispatcher dispatcher) {
        this.config = config;
        this.dispatcher = dispatcher;
    }

    @Override
    public void handle(Exchange exchange) {
        ObjectNode body = Bodies.object(exchange.body());
        String name = Bodies.model(body);
        exchange.info().endpoint(name);
        EndpointSnapshot endpoint = config.get().endpoint(name).orElseThrow(() -> ModelNotFound.of(name));
        OpenAiChatCodec.checkShape(body);
        Lazy<ChatRequest> translation = Lazy.of(() -> OpenAiChatCodec.decodeRequest(body));
        if (!body.path("stream").asBoolean(false)) {
            Replies.answer(exchange, name, dispatcher.run(endpoint, exchange.caller(), call -> unary(body, translation, call)));
            return;
        }
        Replies.stream(exchange, name, dispatcher.run(endpoint, exchange.caller(), call -> open(body, translation, call)),
                model -> OpenAiStreams.encoder(name, translation.get().includeUsage()), OpenAiErrorFormat.INSTANCE);
    }

    private Answer unary(ObjectNode body, Lazy<ChatRequest> translation, Call call) {
        Provider provider = dispatcher.provider(call.target());
        if (provider.wireFormat() == WireFormat.OPENAI) {
            try (UpstreamResponse response = provider.send(Operation.CHAT_COMPLETIONS, Bodies.withModelShallow(body, call.target().modelName()), call)) {
                return PassThrough.answer(response.readAll(MAX_RESPONSE));
            }
        }
        var response = provider.chat(translation.get(), call);
        return new Answer(Bodies.write(OpenAiChatCodec.encodeResponse(response,
                response.model().orElse(call.target().modelName()), System.currentTimeMillis() / 1000)),
                response.usage());
    }

    private OpenedStream open(ObjectNode body, Lazy<ChatRequest> translation, Call call) {
        Provider provider = dispatcher.provider(call.target());
        if (provider.wireFormat() != WireFormat.OPENAI) {
            return new OpenedStream.Translated(dispatcher.openStream(provider, translation.get(), call));
        }
        UpstreamResponse response = provider.send(Operation.CHAT_COMPLETIONS, Bodies.withModelShallow(body, call.target().modelName()), call);
        return new OpenedStream.Relay(StreamRelay.open(response, PassThrough.FORMAT));
    }
}
