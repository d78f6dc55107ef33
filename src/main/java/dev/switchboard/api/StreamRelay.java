package dev.switchboard.api;

import dev.switchboard.core.ErrorFormat;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.SseEvent;
import dev.switchboard.core.Usage;
import dev.switchboard.core.WireFormat;
import dev.switchboard.provider.SseReader;
import dev.switchboard.provider.UpstreamFailures;
import dev.switchboard.provider.UpstreamResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays a provider's stream to a caller of the same format byte for byte, event by event, as it
 * arrives. It only looks inside events for usage and for the format's end marker
 * ({@link WireFormat.Relay}); a stream that breaks, times out or ends without its end marker gets
 * one error event in the caller's format, and a stream in which the provider reports an error ends
 * with that event, relayed as it came.
 */
final class StreamRelay {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRelay.class);

    private final UpstreamResponse response;
    private final SseReader reader;
    private final SseEvent first;
    private final WireFormat.Relay rules;

    private StreamRelay(UpstreamResponse response, SseReader reader, SseEvent first, WireFormat.Relay rules) {
        this.response = response;
        this.reader = reader;
        this.first = first;
        this.rules = rules;
    }

    /**
     * Reads a provider's stream up to its first event. A stream that breaks, ends or reports an
     * error before then fails this attempt (retryably), so a fallback can still serve the caller.
     */
    static StreamRelay open(UpstreamResponse response, WireFormat.Relay rules) {
        try {
            SseReader reader = new SseReader(response.body());
            Optional<SseEvent> first = reader.next();
            if (first.isEmpty() || rules.terminatorOnly(first.get())) {
                throw new GatewayException.UpstreamUnavailable("The provider ended the stream before sending anything",
                        null);
            }
            Optional<String> error = rules.error(first.get());
            if (error.isPresent()) {
                throw new GatewayException.UpstreamUnavailable("The provider's stream began with an error: "
                        + error.get(), null);
            }
            return new StreamRelay(response, reader, first.get(), rules);
        } catch (IOException e) {
            response.close();
            throw UpstreamFailures.classify(e, "reading the stream");
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
    }

    /** Opens the caller's stream with {@code headers} and relays until the provider's stream ends. */
    StreamEnd to(Exchange exchange, Map<String, String> headers, ErrorFormat errors, String endpoint) {
        boolean ended = false;
        Usage usage = Usage.NONE;
        long waited = 0;
        long sent = 0;
        try (response; EventSink sink = exchange.openStream(headers)) {
            // Events already received go out in one write; the sink is flushed whenever the reader
            // would wait for the provider, so no event waits on the next one.
            reader.beforeWait(sink::flush);
            SseEvent event = first;
            while (true) {
                ended |= rules.ends(event);
                usage = rules.usage(event, usage);
                if (rules.forwards(event)) {
                    sink.write(event.raw());
                    sent++;
                }
                Optional<String> error = rules.error(event);
                if (error.isPresent()) {
                    // The provider's own error event, just relayed, is the one that ends the stream.
                    LOG.info("Stream for '{}' failed after it started: the provider reported {}", endpoint, error.get());
                    return new StreamEnd(usage, waited, true);
                }
                Optional<SseEvent> next;
                try {
                    next = reader.next();
                } catch (IOException e) {
                    waited += reader.takeWaitedNanos();
                    // A stream the gateway ended (shutting down) says so, not what the cut looked like.
                    fail(sink, errors, endpoint, exchange.caller().ended()
                            .orElseGet(() -> UpstreamFailures.classify(e, "reading the stream")), sent);
                    return new StreamEnd(usage, waited, true);
                }
                waited += reader.takeWaitedNanos();
                if (next.isEmpty()) {
                    break;
                }
                event = next.get();
            }
            if (!ended) {
                fail(sink, errors, endpoint, new GatewayException.UpstreamUnavailable(
                        "The provider ended the stream before it was complete", null), sent);
                return new StreamEnd(usage, waited, true);
            }
            // Closing the sink sends what is left: a stream that arrived whole goes out in one write.
        } catch (CallerGoneException gone) {
            LOG.debug("Caller hung up during a stream for '{}'; upstream call aborted", endpoint);
        }
        return new StreamEnd(usage, waited, false);
    }

    /** Ends the caller's stream with one error event, numbered after the {@code sent} events relayed. */
    private static void fail(EventSink sink, ErrorFormat errors, String endpoint, GatewayException failure,
                             long sent) {
        LOG.info("Stream for '{}' failed after it started: {}", endpoint, failure.getMessage());
        sink.send(errors.streamEvent(failure, sent));
    }
}
