package dev.switchboard.provider;

import java.time.Duration;

/**
 * How long an attempt may wait on a provider: to connect, for the response headers (first byte),
 * and between two reads of the body or two stream events (idle). A timeout makes the attempt fail
 * over to the next target.
 */
public record Timeouts(Duration connect, Duration firstByte, Duration idle) {

    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(300),
            Duration.ofSeconds(120));
}
