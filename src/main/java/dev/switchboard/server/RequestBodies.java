package dev.switchboard.server;

import dev.switchboard.core.GatewayException;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads request bodies as they arrive, up to a size limit: memory grows with the bytes received
 * (never with what a header declares) and is reserved from the {@link BodyBudget}. A body larger
 * than the limit is a 413; one that stops arriving before the body time-out is a 408.
 */
final class RequestBodies {

    /** A body declared at most this large is read into one array of its size. */
    private static final int EXACT_UP_TO = 16 * 1024;
    /** A larger or undeclared body starts this small and doubles as its bytes arrive. */
    private static final int FIRST_CHUNK = 8 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private RequestBodies() {
    }

    /**
     * A body read whole, with the budget it holds; {@link #close} releases that budget once the
     * request no longer needs the bytes.
     */
    record Body(byte[] bytes, BodyBudget budget, long reserved) implements AutoCloseable {
        static final Body NONE = new Body(EMPTY, null, 0);

        @Override
        public void close() {
            if (budget != null) {
                budget.release(reserved);
            }
        }
    }

    static Body read(ServerRequest req, long limit, BodyBudget budget, ConnectionGuard.Tracked connection) {
        var declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > limit) {
            throw new GatewayException.PayloadTooLarge(limit);
        }
        if (!req.content().hasEntity()) {
            if (connection != null) {
                connection.bodyRead();
            }
            return Body.NONE;
        }
        long expected = declared.isPresent() ? declared.getAsLong() : -1;
        int capacity = expected >= 0 && expected <= EXACT_UP_TO ? (int) expected : FIRST_CHUNK;
        budget.reserve(capacity);
        long reserved = capacity;
        byte[] buffer = new byte[capacity];
        int size = 0;
        try (InputStream in = req.content().inputStream()) {
            while (true) {
                if (size == buffer.length) {
                    if (expected >= 0 && size >= expected) {
                        break;
                    }
                    if (size > limit) {
                        throw new GatewayException.PayloadTooLarge(limit);
                    }
                    // Grow as bytes come: towards the declared length, or one past the limit.
                    long target = Math.min(expected >= 0 ? expected : limit + 1, (long) buffer.length * 2);
                    budget.reserve(target - buffer.length);
                    reserved += target - buffer.length;
                    buffer = Arrays.copyOf(buffer, (int) target);
                }
                int read = in.read(buffer, size, buffer.length - size);
                if (read < 0) {
                    break;
                }
                size += read;
            }
            if (expected < 0 && size > limit) {
                throw new GatewayException.PayloadTooLarge(limit);
            }
            if (expected >= 0 && size < expected) {
                throw ended(connection, size, expected);
            }
        } catch (GatewayException e) {
            budget.release(reserved);
            throw e;
        } catch (IOException | RuntimeException e) {
            // However Helidon reports a body cut short (the caller left, or its input was ended at the deadline)
            budget.release(reserved);
            throw ended(connection, size, expected);
        }
        if (connection != null) {
            connection.bodyRead();
        }
        return new Body(size == buffer.length ? buffer : Arrays.copyOf(buffer, size), budget, reserved);
    }

    private static RuntimeException ended(ConnectionGuard.Tracked connection, long size, long expected) {
        if (connection != null && connection.bodyTimedOut()) {
            return new GatewayException.RequestTimeout("The request body did not arrive within the time allowed "
                    + "(SWITCHBOARD_BODY_TIMEOUT); " + size + " bytes came");
        }
        return new GatewayException.InvalidRequest("The request body ended after " + size + " bytes"
                + (expected >= 0 ? " of the " + expected + " declared" : ""));
    }
}
