package dev.switchboard.provider;

import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.SseEvent;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A provider's server-sent event stream read as canonical events, one upstream event at a time: the
 * one {@link ChatStream} every provider uses, given how its format decodes an event and which event
 * (if any) ends the stream before the connection does.
 */
public final class SseChatStream implements ChatStream {

    private final UpstreamResponse response;
    private final SseReader reader;
    private final Function<SseEvent, List<ChatEvent>> decode;
    private final Predicate<SseEvent> ends;
    private boolean done;

    /** Takes ownership of {@code response}; closing the stream closes it. */
    public SseChatStream(UpstreamResponse response, Function<SseEvent, List<ChatEvent>> decode,
                         Predicate<SseEvent> ends) {
        this.response = response;
        this.reader = new SseReader(response.body());
        this.decode = decode;
        this.ends = ends;
    }

    @Override
    public Optional<List<ChatEvent>> next() {
        if (done) {
            return Optional.empty();
        }
        Optional<SseEvent> event;
        try {
            event = reader.next();
        } catch (IOException e) {
            throw UpstreamFailures.classify(e, "reading the stream");
        }
        if (event.isEmpty()) {
            done = true;
            return Optional.empty();
        }
        done = ends.test(event.get());
        return Optional.of(decode.apply(event.get()));
    }

    @Override
    public void beforeWait(Runnable action) {
        reader.beforeWait(action);
    }

    @Override
    public void close() {
        response.close();
    }
}
