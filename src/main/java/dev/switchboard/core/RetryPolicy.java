package dev.switchboard.core;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How often a call tries the same target again before moving on to the next, and how long it waits
 * first. Only a failure that may pass by itself is tried again: a connection that failed or broke, a
 * timeout before the first byte, and the statuses 408, 429, 500, 502, 503, 504 and 52x (529 is
 * Anthropic's "overloaded"). A provider that says when to come back ({@code retry-after-ms} or
 * {@code retry-after}, in seconds or as a date) is waited for exactly, if that is within
 * {@code maxBackoff}; if it asks for longer, the target is not tried again and the call moves on, so
 * a caller never waits longer than the endpoint allows for one pause. Otherwise the wait grows
 * exponentially from {@code initialBackoff}, capped by {@code maxBackoff}, with "equal jitter" (a
 * random point in the upper half), so callers that failed together do not come back together.
 *
 * @param maxRetries     tries on the same target after its first, 0 (the default) to move on at once
 * @param initialBackoff the wait before the first retry, before jitter
 * @param maxBackoff     the longest one wait may be, the provider's {@code retry-after} included
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {

    public static final int MAX_RETRIES = 10;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
    /** The longest wait an endpoint may allow before one retry. */
    public static final Duration LONGEST_BACKOFF = Duration.ofMinutes(5);

    /** No retries: each target is tried once (the default, as in MLflow and most gateways). */
    public static final RetryPolicy NONE = new RetryPolicy(0, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);

    public RetryPolicy {
        if (maxRetries < 0 || maxRetries > MAX_RETRIES) {
            throw new IllegalArgumentException("maxRetries must be from 0 to " + MAX_RETRIES);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoffs must satisfy 0 <= initial <= max");
        }
    }

    /**
     * How long to wait before retry number {@code retry} (1 for the first) after {@code failure} on
     * the same target, or empty to move on: the failure is not worth retrying, the retries are used
     * up, or the provider asked for a longer wait than {@code maxBackoff}.
     */
    public Optional<Duration> delayBefore(int retry, GatewayException failure, RandomGenerator random) {
        if (retry > maxRetries || !passesByItself(failure)) {
            return Optional.empty();
        }
        Optional<Duration> asked = retryAfter(failure);
        if (asked.isPresent()) {
            return asked.get().compareTo(maxBackoff) <= 0 ? asked : Optional.empty();
        }
        long ceiling = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(retry - 1, 30));
        long half = ceiling / 2;
        return Optional.of(Duration.ofMillis(half + (ceiling - half == 0 ? 0 : random.nextLong(ceiling - half + 1))));
    }

    /** Whether {@code failure} may well not happen again on the same target a moment later. */
    public static boolean passesByItself(GatewayException failure) {
        if (failure instanceof GatewayException.UpstreamUnavailable
                || failure instanceof GatewayException.UpstreamTimeout) {
            return true;
        }
        if (failure instanceof GatewayException.Upstream) {
            int status = failure.status();
            return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504
                    || status >= 520 && status <= 529;
        }
        return false;
    }

    /** The wait the provider asked for with its error, if it did and it can be read. */
    static Optional<Duration> retryAfter(GatewayException failure) {
        if (!(failure instanceof GatewayException.Upstream upstream)) {
            return Optional.empty();
        }
        Map<String, String> headers = upstream.retryHeaders();
        String millis = headers.get("retry-after-ms");
        if (millis != null) {
            try {
                double ms = Double.parseDouble(millis.trim());
                if (ms >= 0 && Double.isFinite(ms)) {
                    return Optional.of(Duration.ofMillis((long) Math.ceil(ms)));
                }
            } catch (NumberFormatException ignored) {
                // Not a number: fall through to retry-after.
            }
        }
        String after = headers.get("retry-after");
        if (after == null) {
            return Optional.empty();
        }
        String value = after.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
