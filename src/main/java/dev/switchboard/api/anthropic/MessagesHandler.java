package dev.switchboard.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Answer;
import dev.switchboard.api.Bodies;
import dev.switchboard.api.Exchange;
import dev.switchboard.api.InvocationRoute;
import dev.switchboard.api.Lazy;
import dev.switchboard.api.OpenedStream;
import dev.switchboard.api.Replies;
import dev.switchboard.api.StreamRelay;
import dev.switchboard.api.TranslatedStream;
import dev.switchboard.config.ConfigSnapshot;
import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Usage;
import dev.switchboard.provider.Call;
import dev.switchboard.provider.Operation;
import dev.switchboard.provider.Provider;
import dev.switchboard.provider.UpstreamJson;
import dev.switchboard.provider.UpstreamResponse;
import dev.switchboard.provider.WireFormat;
import dev.switchboard.routing.Dispatcher;
import dev.switchboard.wire.anthropic.AnthropicCodec;
import dev.switchboard.wire.anthropic.AnthropicStreamEncoder;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code POST /gateway/anthropic/v1/messages}: Anthropic's Messages API, where {@code model} names
 * the endpoint (the Anthropic SDK's base URL is {@code http://host:port/gateway/anthropic}). Anthropic
 * targets get the caller's body with only the model replaced (and thinking another provider signed,
 * which the gateway tagged, left out: {@link AnthropicCodec#untagSignatures}), relayed as it comes;
 * other targets are translated through the canonical model.
 */
public final class MessagesHandler implements InvocationRoute.Handler {

    private static final int MAX_RESPONSE = 64 * 1024 * 1024;

    private final Supplier<ConfigSnapshot> config;
    private final Dispatcher dispatcher;

    public MessagesHandler(Supplier<ConfigSnapshot> config, Dispatcher dispatcher) {
        this.config = config;
        this.dispatcher = dispatcher;
    }

    @Override
    public void handle(Exchange exchange) {
        ObjectNode body = Bodies.object(exchange.body());
        String name = Bodies.model(body);
        exchange.info().endpoint(name);
        EndpointSnapshot endpoint = config.get().endpoint(name).orElseThrow(() -> new GatewayException.NotFound(
                "model: " + name + " (no gateway endpoint has that name)"));
        AnthropicCodec.checkShape(body);
        Lazy<ChatRequest> translation = Lazy.of(() -> AnthropicCodec.decodeRequest(body));
        if (!body.path("stream").asBoolean(false)) {
            Replies.answer(exchange, name, dispatcher.run(endpoint, exchange.caller(), call -> unary(body, translation, call)));
            return;
        }
        Replies.stream(exchange, name, dispatcher.run(endpoint, exchange.caller(), call -> open(body, translation, call)),
                MessagesHandler::encoder, AnthropicErrorFormat.INSTANCE);
    }

    private Answer unary(ObjectNode body, Lazy<ChatRequest> translation, Call call) {
        Provider provider = dispatcher.provider(call.target());
        if (provider.wireFormat() == WireFormat.ANTHROPIC) {
            try (UpstreamResponse response = provider.send(Operation.MESSAGES, passThrough(body, call), call)) {
                byte[] bytes = response.readAll(MAX_RESPONSE);
                JsonNode json = UpstreamJson.parse(bytes);
                return new Answer(bytes, AnthropicRelayFormat.usage(json.path("usage"), Usage.NONE));
            }
        }
        var response = provider.chat(translation.get(), call);
        return new Answer(Bodies.write(AnthropicCodec.encodeResponse(response, call.target().modelName())),
                response.usage());
    }

    private OpenedStream open(ObjectNode body, Lazy<ChatRequest> translation, Call call) {
        Provider provider = dispatcher.provider(call.target());
        if (provider.wireFormat() != WireFormat.ANTHROPIC) {
            return new OpenedStream.Translated(dispatcher.openStream(provider, translation.get(), call));
        }
        UpstreamResponse response = provider.send(Operation.MESSAGES, passThrough(body, call), call);
        return new OpenedStream.Relay(StreamRelay.open(response, AnthropicRelayFormat.INSTANCE));
    }

    /** The caller's body for an Anthropic target: its model, and only signatures Anthropic made. */
    private static ObjectNode passThrough(ObjectNode body, Call call) {
        ObjectNode sent = Bodies.withModel(body, call.target().modelName());
        AnthropicCodec.untagSignatures(sent);
        return sent;
    }

    private static TranslatedStream.Encoder encoder(String model) {
        AnthropicStreamEncoder encoder = new AnthropicStreamEncoder(
                "msg_" + UUID.randomUUID().toString().replace("-", ""), model);
        return new TranslatedStream.Encoder() {
            @Override
            public List<byte[]> encode(ChatEvent event) {
                return encoder.encode(event);
            }

            @Override
            public List<byte[]> finish() {
                return encoder.finish();
            }
        };
    }
}
