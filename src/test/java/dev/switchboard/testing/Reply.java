package dev.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * What {@link FakeUpstream} does with one request, as data: a JSON body, an event stream, or a
 * network failure (slow headers, a hang, a dropped connection, a stream cut after N events).
 */
public sealed interface Reply {

    /** A 200 JSON response. */
    static Json json(String body) {
        return json(200, body);
    }

    static Json json(int status, String body) {
        return new Json(status, body, Map.of());
    }

    /** A {@code text/event-stream} where each element is one event's data, sent as {@code data: <event>}. */
    static Sse sse(List<String> events) {
        return sseFrames(events.stream().map(event -> "data: " + event).toList());
    }

    /** An event stream of raw frames such as {@code "event: ping\ndata: {}"}; each is followed by a blank line. */
    static Sse sseFrames(List<String> frames) {
        return new Sse(frames, Map.of(), Duration.ZERO, Integer.MAX_VALUE, Integer.MAX_VALUE, new CountDownLatch(0));
    }

    /**
     * Raw bytes with a status and content type, sent with a Content-Length (see {@link Bytes#chunked}
     * for chunks); the answer to HEAD gets the head only.
     */
    static Bytes bytes(int status, String contentType, byte[] body) {
        return new Bytes(status, Map.of("Content-Type", contentType), body, 0);
    }

    /** Waits before sending the status line, so the client sees a slow first byte. */
    static Reply delayHeaders(Duration delay, Reply then) {
        return new Delayed(delay, then);
    }

    /** Reads the request and never answers; {@link FakeUpstream#close()} releases it by closing the socket. */
    static Reply hang() {
        return new Hang();
    }

    /** Reads the request, then closes the socket without sending a byte. */
    static Reply closeConnection() {
        return new CloseConnection();
    }

    /**
     * Sends {@code bytes} exactly as given (no status line or headers of its own: a fault may be
     * anything), then closes the connection; see {@link Raw#drip(int, Duration)} and {@link Raw#reset()}.
     */
    static Raw raw(byte[] bytes) {
        return new Raw(bytes, Duration.ZERO, 0, false);
    }

    /** Sends {@code text} in UTF-8 as it is, then closes the connection. */
    static Raw raw(String text) {
        return raw(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Decides the reply from the recorded request; a function that throws yields a 500. */
    static Reply respond(Function<Recorded, Reply> respond) {
        return new Respond(respond);
    }

    /**
     * A chat completion whose text is {@code model=<the request's model>}, to see which target served
     * a call. Streams chunks (with usage when {@code stream_options.include_usage}) when the request asks.
     */
    static Reply echoModel() {
        return respond(request -> {
            JsonNode body = request.bodyJson();
            String model = body.path("model").asText("");
            String text = "model=" + model;
            if (body.path("stream").asBoolean(false)) {
                boolean usage = body.path("stream_options").path("include_usage").asBoolean(false);
                return sse(OpenAiBodies.chunks(model, List.of(text), usage)).withDone();
            }
            return json(OpenAiBodies.chatCompletion(model, text, 1, 1));
        });
    }

    /** A complete response with a Content-Length; headers given here replace the defaults. */
    record Json(int status, String body, Map<String, String> headers) implements Reply {
        public Json {
            headers = Map.copyOf(headers);
        }

        public Json header(String name, String value) {
            return new Json(status, body, with(headers, name, value));
        }
    }

    /**
     * A chunked 200 stream, flushed after each frame. {@code cutAfter} and {@code holdAfter} count
     * frames already sent ({@code [DONE]} included); {@link Integer#MAX_VALUE} means never. A hold
     * comes before a cut at the same count.
     */
    record Sse(List<String> frames, Map<String, String> headers, Duration eventDelay, int cutAfter,
            int holdAfter, CountDownLatch release) implements Reply {
        public Sse {
            frames = List.copyOf(frames);
            headers = Map.copyOf(headers);
            if (eventDelay.isNegative() || cutAfter < 0 || holdAfter < 0) {
                throw new IllegalArgumentException("negative delay or count");
            }
        }

        /** Appends the {@code data: [DONE]} frame that ends an OpenAI stream. */
        public Sse withDone() {
            List<String> withDone = new ArrayList<>(frames);
            withDone.add("data: [DONE]");
            return new Sse(withDone, headers, eventDelay, cutAfter, holdAfter, release);
        }

        /** Waits this long between two frames. */
        public Sse eventDelay(Duration delay) {
            return new Sse(frames, headers, delay, cutAfter, holdAfter, release);
        }

        /** Closes the TCP connection after {@code n} frames, without the terminating chunk. */
        public Sse cutAfter(int n) {
            return new Sse(frames, headers, eventDelay, n, holdAfter, release);
        }

        /** After {@code n} frames, blocks until {@code release} is counted down (or the fake closes). */
        public Sse holdAfter(int n, CountDownLatch release) {
            return new Sse(frames, headers, eventDelay, cutAfter, n, release);
        }

        public Sse header(String name, String value) {
            return new Sse(frames, with(headers, name, value), eventDelay, cutAfter, holdAfter, release);
        }
    }

    /** Raw bytes; {@code chunkSize} 0 sends a Content-Length, more sends chunks of that size, each flushed. */
    record Bytes(int status, Map<String, String> headers, byte[] body, int chunkSize) implements Reply {
        public Bytes {
            headers = Map.copyOf(headers);
            body = body.clone();
        }

        public Bytes chunked(int size) {
            return new Bytes(status, headers, body, size);
        }

        public Bytes header(String name, String value) {
            return new Bytes(status, with(headers, name, value), body, chunkSize);
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    record Delayed(Duration delay, Reply then) implements Reply {}

    /**
     * Raw bytes: the first {@code dripFrom} at once, the rest one at a time with {@code drip} between
     * them (if not zero), then a close or a reset.
     */
    record Raw(byte[] bytes, Duration drip, int dripFrom, boolean endsWithReset) implements Reply {
        public Raw {
            bytes = bytes.clone();
        }

        /** Sends the bytes from {@code from} on one every {@code pause}: a provider that answers, ever so slowly. */
        public Raw drip(int from, Duration pause) {
            return new Raw(bytes, pause, from, endsWithReset);
        }

        /** Ends with a TCP reset (RST) rather than an orderly close. */
        public Raw reset() {
            return new Raw(bytes, drip, dripFrom, true);
        }
    }

    record Hang() implements Reply {}

    record CloseConnection() implements Reply {}

    record Respond(Function<Recorded, Reply> respond) implements Reply {}

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> copy = new HashMap<>(headers);
        copy.put(name, value);
        return copy;
    }
}
