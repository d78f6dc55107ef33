package dev.switchboard.api;

import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.ErrorFormat;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Usage;
import dev.switchboard.core.WireFormat;
import dev.switchboard.routing.Dispatcher;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a canonical event stream to the caller in the caller's format. The frames of events
 * already received go out together; the caller's stream is flushed whenever the provider's would
 * make it wait, so no event waits on the next. A failure after the start, or a provider stream that
 * ends before its stop reason, becomes one error event in the caller's format; the upstream call is
 * closed in every case.
 */
final class TranslatedStream {

    private static final Logger LOG = LoggerFactory.getLogger(TranslatedStream.class);

    private final WireFormat.StreamEncoder encoder;
    private Usage usage = Usage.NONE;
    private boolean stopped;
    /** The events sent to the caller so far, for an error event numbered after them. */
    private long sent;

    private TranslatedStream(WireFormat.StreamEncoder encoder) {
        this.encoder = encoder;
    }

    static StreamEnd write(Exchange exchange, Map<String, String> headers, Dispatcher.OpenStream open,
                           WireFormat.StreamEncoder encoder, ErrorFormat errors, String endpoint) {
        return new TranslatedStream(encoder).write(exchange, headers, open, errors, endpoint);
    }

    private StreamEnd write(Exchange exchange, Map<String, String> headers, Dispatcher.OpenStream open,
                            ErrorFormat errors, String endpoint) {
        try (EventSink sink = exchange.openStream(headers)) {
            open.rest().beforeWait(sink::flush);
            send(sink, open.first());
            while (true) {
                Optional<List<ChatEvent>> next;
                try {
                    next = open.rest().next();
                } catch (GatewayException e) {
                    // A stream the gateway ended (shutting down) says so, not what the cut looked like.
                    return fail(sink, errors, endpoint, exchange.caller().ended().orElse(e));
                }
                if (next.isEmpty()) {
                    break;
                }
                send(sink, next.get());
            }
            if (!stopped) {
                return fail(sink, errors, endpoint, new GatewayException.UpstreamUnavailable(
                        "The provider ended the stream before it was complete", null));
            }
            encoder.finish().forEach(frame -> write(sink, frame));
            // Closing the sink sends what is left: a stream that arrived whole goes out in one write.
        } catch (CallerGoneException gone) {
            LOG.debug("Caller hung up during a stream for '{}'; upstream call aborted", endpoint);
        } finally {
            open.rest().close();
        }
        return new StreamEnd(usage, 0, false);
    }

    private StreamEnd fail(EventSink sink, ErrorFormat errors, String endpoint, GatewayException e) {
        LOG.info("Stream for '{}' failed after it started: {}", endpoint, e.getMessage());
        encoder.flush().forEach(frame -> write(sink, frame));
        sink.send(errors.streamEvent(e, sent));
        return new StreamEnd(usage, 0, true);
    }

    private void send(EventSink sink, List<ChatEvent> events) {
        for (ChatEvent event : events) {
            if (event instanceof ChatEvent.UsageUpdate update) {
                usage = update.usage();
            } else if (event instanceof ChatEvent.Stop) {
                stopped = true;
            }
            encoder.encode(event).forEach(frame -> write(sink, frame));
        }
    }

    private void write(EventSink sink, byte[] frame) {
        sink.write(frame);
        sent++;
    }
}
