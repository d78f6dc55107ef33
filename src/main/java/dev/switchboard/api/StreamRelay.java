package dev.switchboard.api;

import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Usage;
import dev.switchboard.provider.SseEvent;
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
 * arrives. It only looks inside events for usage and for the format's end marker; a stream that
 * breaks, times out or ends without its end marker gets one error event in the caller's format.
 */
public final class StreamRelay {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRelay.class);

    /** What differs between wire formats when relaying. */
    public interface Format {
        /** Whether the event is the format's end of stream (OpenAI's {@code [DONE]}, Anthropic's message_stop ...). */
        boolean ends(SseEvent event);

        /** The usage so far, updated with what the event reports (most events report nothing). */
        Usage usage(SseEvent event, Usage soFar);

        /**
         * Whether the event only ends the stream and carries nothing for the caller (OpenAI's
         * {@code [DONE]}); a first event like that means the provider sent nothing.
         */
        default boolean terminatorOnly(SseEvent event) {
            return ends(event);
        }

        /** The error an event reports, if it is an error event. */
        Optional<String> error(SseEvent event);

        ErrorFormat errors();
    }

    private final UpstreamResponse response;
    private final SseReader reader;
    private final SseEvent first;
    private final Format format;

    private StreamRelay(UpstreamResponse response, SseReader reader, SseEvent first, Format format) {
        this.response = response;
        this.reader = reader;
        this.first = first;
        this.format = format;
    }

    /**
     * Reads a provider's stream up to its first event. A stream that breaks, ends or reports an
     * error before then fails this attempt (retryably), so a fallback can still serve the caller.
     */
    public static StreamRelay open(UpstreamResponse response, Format format) {
        try {
            SseReader reader = new SseReader(response.body());
            Optional<SseEvent> first = reader.next();
            if (first.isEmpty() || format.terminatorOnly(first.get())) {
                throw new GatewayException.UpstreamUnavailable("The provider ended the stream before sending anything",
                        null);
            }
            Optional<String> error = format.error(first.get());
            if (error.isPresent()) {
                throw new GatewayException.UpstreamUnavailable("The provider's stream began with an error: "
                        + error.get(), null);
            }
            return new StreamRelay(response, reader, first.get(), format);
        } catch (IOException e) {
            response.close();
            throw UpstreamFailures.classify(e, "reading the stream");
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
    }

    /** Opens the caller's stream with {@code headers} and relays until the provider's stream ends. */
    public void to(Exchange exchange, Map<String, String> headers) {
        boolean ended = false;
        Usage usage = Usage.NONE;
        String endpoint = exchange.info().endpoint();
        try (response; EventSink sink = exchange.openStream(headers)) {
            // Events already received go out in one write; the sink is flushed whenever the reader
            // would wait for the provider, so no event waits on the next one.
            reader.beforeWait(sink::flush);
            SseEvent event = first;
            while (true) {
                ended |= format.ends(event);
                usage = format.usage(event, usage);
                sink.write(event.raw());
                Optional<SseEvent> next;
                try {
                    next = reader.next();
                } catch (IOException e) {
                    fail(exchange, sink, endpoint, UpstreamFailures.classify(e, "reading the stream"));
                    return;
                } finally {
                    exchange.info().addUpstreamNanos(reader.takeWaitedNanos());
                    exchange.info().usage(usage);
                }
                if (next.isEmpty()) {
                    break;
                }
                event = next.get();
            }
            if (!ended) {
                fail(exchange, sink, endpoint, new GatewayException.UpstreamUnavailable(
                        "The provider ended the stream before it was complete", null));
            }
            // Closing the sink sends what is left: a stream that arrived whole goes out in one write.
        } catch (CallerGoneException gone) {
            LOG.debug("Caller hung up during a stream for '{}'; upstream call aborted", endpoint);
        }
    }

    private void fail(Exchange exchange, EventSink sink, String endpoint, GatewayException failure) {
        LOG.info("Stream for '{}' failed after it started: {}", endpoint, failure.getMessage());
        exchange.info().streamFailed();
        sink.send(format.errors().streamEvent(failure));
    }
}
