package dev.switchboard.api.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.CallerGoneException;
import dev.switchboard.api.ErrorFormat;
import dev.switchboard.api.EventSink;
import dev.switchboard.api.Exchange;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.SseEvent;
import dev.switchboard.provider.openai.OpenAiStreamEncoder;
import dev.switchboard.routing.Dispatcher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a canonical event stream to the caller as OpenAI {@code chat.completion.chunk} events,
 * ending with {@code data: [DONE]}; a failure after the start becomes one error event.
 */
public final class OpenAiStreams {

    static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiStreams.class);

    private OpenAiStreams() {
    }

    public static void write(Exchange exchange, Map<String, String> headers, Dispatcher.OpenStream open,
                             String model, boolean includeUsage, ErrorFormat errors) {
        OpenAiStreamEncoder encoder = new OpenAiStreamEncoder("chatcmpl-" + UUID.randomUUID().toString().replace("-", ""),
                model, System.currentTimeMillis() / 1000, includeUsage);
        try (EventSink sink = exchange.openStream(headers)) {
            send(sink, encoder, open.first(), exchange);
            while (true) {
                Optional<List<ChatEvent>> next;
                try {
                    next = open.rest().next();
                } catch (GatewayException e) {
                    LOG.info("Stream for '{}' failed after it started: {}", model, e.getMessage());
                    exchange.info().streamFailed();
                    sink.send(errors.streamEvent(e));
                    return;
                }
                if (next.isEmpty()) {
                    break;
                }
                send(sink, encoder, next.get(), exchange);
            }
            if (!exchange.info().sawStop()) {
                GatewayException cut = new GatewayException.UpstreamUnavailable(
                        "The provider ended the stream before it was complete", null);
                exchange.info().streamFailed();
                sink.send(errors.streamEvent(cut));
                return;
            }
            for (ObjectNode chunk : encoder.finish()) {
                sink.send(SseEvent.dataOnly(chunk.toString()));
            }
            sink.send(DONE);
        } catch (CallerGoneException gone) {
            LOG.debug("Caller hung up during a stream for '{}'; upstream call aborted", model);
        } finally {
            open.rest().close();
        }
    }

    private static void send(EventSink sink, OpenAiStreamEncoder encoder, List<ChatEvent> events, Exchange exchange) {
        for (ChatEvent event : events) {
            if (event instanceof ChatEvent.UsageUpdate update) {
                exchange.info().usage(update.usage());
            } else if (event instanceof ChatEvent.Stop) {
                exchange.info().stopped();
            }
            for (ObjectNode chunk : encoder.encode(event)) {
                sink.send(SseEvent.dataOnly(chunk.toString()));
            }
        }
    }
}
