package dev.switchboard.api.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Bodies;
import dev.switchboard.api.CallerGoneException;
import dev.switchboard.api.EventSink;
import dev.switchboard.api.Exchange;
import dev.switchboard.api.InvocationRoute;
import dev.switchboard.api.RoutingHeaders;
import dev.switchboard.config.ConfigSnapshot;
import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.Call;
import dev.switchboard.provider.Operation;
import dev.switchboard.provider.Provider;
import dev.switchboard.provider.SseEvent;
import dev.switchboard.provider.SseReader;
import dev.switchboard.provider.UpstreamFailures;
import dev.switchboard.provider.UpstreamResponse;
import dev.switchboard.provider.WireFormat;
import dev.switchboard.provider.openai.OpenAiChatCodec;
import dev.switchboard.routing.Dispatcher;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /gateway/openai/v1/chat/completions}: OpenAI's chat API, where {@code model} names the
 * endpoint. A target that speaks OpenAI gets the caller's body with only the model replaced, and
 * its answer (or stream, event by event) is relayed as it comes; other targets are translated.
 */
public final class ChatCompletionsHandler implements InvocationRoute.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(ChatCompletionsHandler.class);
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
        EndpointSnapshot endpoint = config.get().endpoint(name).orElseThrow(() -> ModelNotFound.of(name));
        Translation translation = new Translation(body);
        if (!body.path("stream").asBoolean(false)) {
            var outcome = dispatcher.run(endpoint, call -> unary(body, translation, call));
            exchange.respond(200, RoutingHeaders.of(name, outcome, exchange), "application/json", outcome.value());
            return;
        }
        var outcome = dispatcher.run(endpoint, call -> open(body, translation, call));
        var headers = RoutingHeaders.of(name, outcome, exchange);
        switch (outcome.value()) {
            case Relay relay -> relay.to(exchange, headers, name);
            case Translated translated -> OpenAiStreams.write(exchange, headers, translated.stream(), name,
                    translation.request().includeUsage(), OpenAiErrorFormat.INSTANCE);
        }
    }

    private byte[] unary(ObjectNode body, Translation translation, Call call) {
        Provider provider = dispatcher.provider(call.target());
        if (provider.wireFormat() == WireFormat.OPENAI) {
            try (UpstreamResponse response = provider.send(Operation.CHAT_COMPLETIONS, withModel(body, call), call)) {
                return response.readAll(MAX_RESPONSE);
            }
        }
        var response = provider.chat(translation.request(), call);
        return Bodies.write(OpenAiChatCodec.encodeResponse(response,
                response.model().orElse(call.target().modelName()), System.currentTimeMillis() / 1000));
    }

    private Opened open(ObjectNode body, Translation translation, Call call) {
        Provider provider = dispatcher.provider(call.target());
        if (provider.wireFormat() != WireFormat.OPENAI) {
            return new Translated(dispatcher.openStream(provider, translation.request(), call));
        }
        UpstreamResponse response = provider.send(Operation.CHAT_COMPLETIONS, withModel(body, call), call);
        try {
            SseReader reader = new SseReader(response.body());
            Optional<SseEvent> first = reader.next();
            if (first.isEmpty() || first.get().isDone()) {
                throw new GatewayException.UpstreamUnavailable("The provider ended the stream before sending anything",
                        null);
            }
            if (first.get().data().startsWith("{\"error\"")) {
                throw new GatewayException.UpstreamUnavailable("The provider's stream began with an error: "
                        + first.get().data(), null);
            }
            return new Relay(response, reader, first.get());
        } catch (IOException e) {
            response.close();
            throw UpstreamFailures.classify(e, "reading the stream");
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
    }

    private static ObjectNode withModel(ObjectNode body, Call call) {
        ObjectNode copy = body.deepCopy();
        copy.put("model", call.target().modelName());
        return copy;
    }

    /** The caller's body decoded to the canonical model, only when a target needs translation. */
    private static final class Translation {
        private final ObjectNode body;
        private ChatRequest request;

        Translation(ObjectNode body) {
            this.body = body;
        }

        ChatRequest request() {
            if (request == null) {
                request = OpenAiChatCodec.decodeRequest(body);
            }
            return request;
        }
    }

    private sealed interface Opened permits Relay, Translated { }

    private record Translated(Dispatcher.OpenStream stream) implements Opened { }

    /** An OpenAI stream whose first event has arrived, relayed byte for byte. */
    private record Relay(UpstreamResponse response, SseReader reader, SseEvent first) implements Opened {
        void to(Exchange exchange, Map<String, String> headers, String endpoint) {
            boolean sawDone = false;
            try (response; EventSink sink = exchange.openStream(headers)) {
                sink.send(first.raw());
                while (true) {
                    Optional<SseEvent> event;
                    try {
                        event = reader.next();
                    } catch (IOException e) {
                        GatewayException failure = UpstreamFailures.classify(e, "reading the stream");
                        LOG.info("Stream for '{}' failed after it started: {}", endpoint, failure.getMessage());
                        sink.send(OpenAiErrorFormat.INSTANCE.streamEvent(failure));
                        return;
                    }
                    if (event.isEmpty()) {
                        break;
                    }
                    sawDone |= event.get().isDone();
                    sink.send(event.get().raw());
                }
                if (!sawDone) {
                    sink.send(OpenAiErrorFormat.INSTANCE.streamEvent(new GatewayException.UpstreamUnavailable(
                            "The provider ended the stream without [DONE]", null)));
                }
            } catch (CallerGoneException gone) {
                LOG.debug("Caller hung up during a stream for '{}'; upstream call aborted", endpoint);
            }
        }
    }
}
