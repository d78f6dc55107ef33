package dev.switchboard.provider;

import java.time.Duration;

/**
 * How long an attempt may wait on a provider: to connect, for the response headers (first byte),
 * between two reads of the body or two stream events (idle), and for the whole answer, from the
 * request sent to its last byte: {@code answer} for an answer that is not a stream,
 * {@code stream} for a stream ({@link Duration#ZERO}: no limit but {@code idle}). A timeout makes
 * the attempt fail over to the next target.
 */
public record Timeouts(Duration connect, Duration firstByte, Duration idle, Duration answer, Duration stream) {

    /** A whole answer that is not a stream: ten minutes, as the OpenAI and Anthropic SDKs wait. */
    public static final Duration DEFAULT_ANSWER = Duration.ofMinutes(10);

    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(300),
            Duration.ofSeconds(120));

    /** The default bounds on a whole answer: {@link #DEFAULT_ANSWER}, and none on a stream. */
    public Timeouts(Duration connect, Duration firstByte, Duration idle) {
        this(connect, firstByte, idle, DEFAULT_ANSWER, Duration.ZERO);
    }

    /** The bound on the whole answer, from the request sent; {@link Duration#ZERO} for none. */
    public Duration total(boolean streamed) {
        return streamed ? stream : answer;
    }

    /**
     * How long to wait for the response headers: {@code firstByte}, or less when every kind of
     * answer must be whole sooner (the headers' wait cannot yet know which kind is coming).
     */
    public Duration headers() {
        if (stream.isZero() || answer.isZero()) {
            return firstByte;
        }
        Duration longest = answer.compareTo(stream) >= 0 ? answer : stream;
        return longest.compareTo(firstByte) < 0 ? longest : firstByte;
    }
}
