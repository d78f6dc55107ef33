package dev.switchboard.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Bodies;
import dev.switchboard.api.CallerGoneException;
import dev.switchboard.api.EventSink;
import dev.switchboard.api.Exchange;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Usage;
import dev.switchboard.provider.SseEvent;
import dev.switchboard.provider.SseReader;
import dev.switchboard.provider.UpstreamFailures;
import dev.switchboard.provider.UpstreamResponse;
import dev.switchboard.provider.openai.OpenAiChatCodec;
import dev.switchboard.routing.Dispatcher;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an OpenAI-route attempt produces: a whole answer, a pass-through stream to relay byte for
 * byte, or a translated stream. Pass-through only looks inside a body or an event to read usage.
 */
final class PassThrough {

    private static final Logger LOG = LoggerFactory.getLogger(PassThrough.class);

    private PassThrough() {
    }

    /** A whole answer and the usage it reported. */
    record Answer(byte[] body, Usage usage) { }

    /** An OpenAI body relayed as it came; its usage is read without changing it. */
    static Answer answer(byte[] body) {
        return new Answer(body, usage(body).orElse(Usage.NONE));
    }

    /** A stream that has reached its first event, to be relayed or written. */
    sealed interface Opened permits Relay, Translated { }

    /** A stream from a provider in another format, written as OpenAI chunks. */
    record Translated(Dispatcher.OpenStream stream) implements Opened { }

    /** An OpenAI stream whose first event has arrived, relayed byte for byte. */
    record Relay(UpstreamResponse response, SseReader reader, SseEvent first) implements Opened {
        void to(Exchange exchange, Map<String, String> headers, String endpoint) {
            boolean sawDone = false;
            try (response; EventSink sink = exchange.openStream(headers)) {
                SseEvent event = first;
                while (true) {
                    sawDone |= event.isDone();
                    if (!sawDone && event.data().contains("\"usage\"")) {
                        usage(event.data().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                .ifPresent(exchange.info()::usage);
                    }
                    sink.send(event.raw());
                    Optional<SseEvent> next;
                    long waiting = System.nanoTime();
                    try {
                        next = reader.next();
                    } catch (IOException e) {
                        fail(exchange, sink, endpoint, UpstreamFailures.classify(e, "reading the stream"));
                        return;
                    } finally {
                        exchange.info().addUpstreamNanos(System.nanoTime() - waiting);
                    }
                    if (next.isEmpty()) {
                        break;
                    }
                    event = next.get();
                }
                if (!sawDone) {
                    fail(exchange, sink, endpoint, new GatewayException.UpstreamUnavailable(
                            "The provider ended the stream without [DONE]", null));
                }
            } catch (CallerGoneException gone) {
                LOG.debug("Caller hung up during a stream for '{}'; upstream call aborted", endpoint);
            }
        }

        private static void fail(Exchange exchange, EventSink sink, String endpoint, GatewayException failure) {
            LOG.info("Stream for '{}' failed after it started: {}", endpoint, failure.getMessage());
            exchange.info().streamFailed();
            sink.send(OpenAiErrorFormat.INSTANCE.streamEvent(failure));
        }
    }

    private static Optional<Usage> usage(byte[] json) {
        try {
            JsonNode node = Bodies.JSON.readTree(json);
            return node == null ? Optional.empty() : OpenAiChatCodec.usageOf(node);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
