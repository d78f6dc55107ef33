package dev.switchboard.api;

import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.GatewayException;
import dev.switchboard.routing.Dispatcher;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a canonical event stream to the caller in the caller's format. The frames of events
 * already received go out together; the caller's stream is flushed whenever the provider's would
 * make it wait, so no event waits on the next. A failure after the start, or a provider stream that ends before its stop reason,
 * becomes one error event in the caller's format; the upstream call is closed in every case.
 */
public final class TranslatedStream {

    private static final Logger LOG = LoggerFactory.getLogger(TranslatedStream.class);

    /** Turns canonical events into complete server-sent event frames of one wire format. */
    public interface Encoder {
        List<byte[]> encode(ChatEvent event);

        /** The frames that end a complete stream (closing blocks, a final usage chunk, [DONE] ...). */
        List<byte[]> finish();
    }

    private TranslatedStream() {
    }

    public static void write(Exchange exchange, Map<String, String> headers, Dispatcher.OpenStream open,
                             Encoder encoder, ErrorFormat errors) {
        try (EventSink sink = exchange.openStream(headers)) {
            open.rest().beforeWait(sink::flush);
            send(sink, encoder, open.first(), exchange);
            while (true) {
                Optional<List<ChatEvent>> next;
                try {
                    next = open.rest().next();
                } catch (GatewayException e) {
                    fail(exchange, sink, errors, e);
                    return;
                }
                if (next.isEmpty()) {
                    break;
                }
                send(sink, encoder, next.get(), exchange);
            }
            if (!exchange.info().sawStop()) {
                fail(exchange, sink, errors, new GatewayException.UpstreamUnavailable(
                        "The provider ended the stream before it was complete", null));
                return;
            }
            for (byte[] frame : encoder.finish()) {
                sink.write(frame);
            }
            // Closing the sink sends what is left: a stream that arrived whole goes out in one write.
        } catch (CallerGoneException gone) {
            LOG.debug("Caller hung up during a stream for '{}'; upstream call aborted", exchange.info().endpoint());
        } finally {
            open.rest().close();
        }
    }

    private static void fail(Exchange exchange, EventSink sink, ErrorFormat errors, GatewayException e) {
        LOG.info("Stream for '{}' failed after it started: {}", exchange.info().endpoint(), e.getMessage());
        exchange.info().streamFailed();
        sink.send(errors.streamEvent(e));
    }

    private static void send(EventSink sink, Encoder encoder, List<ChatEvent> events, Exchange exchange) {
        for (ChatEvent event : events) {
            if (event instanceof ChatEvent.UsageUpdate update) {
                exchange.info().usage(update.usage());
            } else if (event instanceof ChatEvent.Stop) {
                exchange.info().stopped();
            }
            for (byte[] frame : encoder.encode(event)) {
                sink.write(frame);
            }
        }
    }
}
