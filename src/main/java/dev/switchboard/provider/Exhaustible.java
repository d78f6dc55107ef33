package dev.switchboard.provider;

/**
 * A body stream that can tell when it has been read to its end, so that the next read returns -1
 * at once. {@link SseReader} then knows no wait is coming and does not flush early: a stream that
 * arrived whole goes to the caller in one write.
 */
public interface Exhaustible {

    /** Whether everything was read and the next read returns -1 without waiting. */
    boolean exhausted();
}
