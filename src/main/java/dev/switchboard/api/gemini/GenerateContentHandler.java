package dev.switchboard.api.gemini;

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
import dev.switchboard.provider.SseEvent;
import dev.switchboard.provider.UpstreamJson;
import dev.switchboard.provider.UpstreamResponse;
import dev.switchboard.provider.WireFormat;
import dev.switchboard.routing.Dispatcher;
import dev.switchboard.wire.gemini.GeminiCodec;
import dev.switchboard.wire.gemini.GeminiStreamEncoder;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code POST /gateway/gemini/v1beta/models/{endpoint}:generateContent} and
 * {@code :streamGenerateContent}: Gemini's API where the model in the path names the endpoint (the
 * Gemini SDK's base URL is {@code http://host:port/gateway/gemini}). Gemini targets get the body
 * unchanged (the model is in the URL; thought signatures another provider made, which the gateway
 * tagged, are left out: {@link GeminiCodec#untagSignatures}) and their answer relayed; other
 * targets are translated.
 */
public final class GenerateContentHandler implements InvocationRoute.Handler {

    private static final int MAX_RESPONSE = 64 * 1024 * 1024;

    private final Supplier<ConfigSnapshot> config;
    private final Dispatcher dispatcher;

    public GenerateContentHandler(Supplier<ConfigSnapshot> config, Dispatcher dispatcher) {
        this.config = config;
        this.dispatcher = dispatcher;
    }

    @Override
    public void handle(Exchange exchange) {
        String spec = exchange.pathParam("spec").orElseThrow();
        int colon = spec.lastIndexOf(':');
        String method = colon < 0 ? "" : spec.substring(colon + 1);
        boolean stream = switch (method) {
            case "generateContent" -> false;
            case "streamGenerateContent" -> true;
            default -> throw new GatewayException.RouteNotFound("/gateway/gemini/v1beta/models/" + spec
                    + " (supported: :generateContent and :streamGenerateContent)");
        };
        String name = spec.substring(0, colon);
        exchange.info().endpoint(name);
        EndpointSnapshot endpoint = config.get().endpoint(name).orElseThrow(() -> new GatewayException.NotFound(
                "models/" + name + " is not found: no gateway endpoint has that name"));
        ObjectNode body = Bodies.object(exchange.body());
        GeminiCodec.checkShape(body);
        Lazy<ChatRequest> translation = Lazy.of(() -> GeminiCodec.decodeRequest(body, stream));
        if (!stream) {
            Replies.answer(exchange, name, dispatcher.run(endpoint, exchange.caller(), call -> unary(body, translation, call)));
            return;
        }
        Replies.stream(exchange, name, dispatcher.run(endpoint, exchange.caller(), call -> open(body, translation, call)),
                GenerateContentHandler::encoder, GeminiErrorFormat.INSTANCE);
    }

    private Answer unary(ObjectNode body, Lazy<ChatRequest> translation, Call call) {
        Provider provider = dispatcher.provider(call.target());
        if (provider.wireFormat() == WireFormat.GEMINI) {
            try (UpstreamResponse response = provider.send(Operation.GENERATE_CONTENT, passThrough(body), call)) {
                byte[] bytes = response.readAll(MAX_RESPONSE);
                return new Answer(bytes, GeminiRelayFormat.usage(UpstreamJson.parse(bytes).path("usageMetadata"),
                        Usage.NONE));
            }
        }
        var response = provider.chat(translation.get(), call);
        return new Answer(Bodies.write(GeminiCodec.encodeResponse(response, call.target().modelName())),
                response.usage());
    }

    private OpenedStream open(ObjectNode body, Lazy<ChatRequest> translation, Call call) {
        Provider provider = dispatcher.provider(call.target());
        if (provider.wireFormat() != WireFormat.GEMINI) {
            return new OpenedStream.Translated(dispatcher.openStream(provider, translation.get(), call));
        }
        UpstreamResponse response = provider.send(Operation.STREAM_GENERATE_CONTENT, passThrough(body), call);
        return new OpenedStream.Relay(StreamRelay.open(response, GeminiRelayFormat.INSTANCE));
    }

    /** The caller's body for a Gemini target, with only signatures Gemini made. */
    private static ObjectNode passThrough(ObjectNode body) {
        ObjectNode sent = body.deepCopy();
        GeminiCodec.untagSignatures(sent);
        return sent;
    }

    private static TranslatedStream.Encoder encoder(String model) {
        GeminiStreamEncoder encoder = new GeminiStreamEncoder(UUID.randomUUID().toString().replace("-", ""), model);
        return new TranslatedStream.Encoder() {
            @Override
            public List<byte[]> encode(ChatEvent event) {
                return encoder.encode(event).stream().map(chunk -> SseEvent.dataOnly(chunk.toString())).toList();
            }

            @Override
            public List<byte[]> finish() {
                return encoder.finish().stream().map(chunk -> SseEvent.dataOnly(chunk.toString())).toList();
            }
        };
    }
}
