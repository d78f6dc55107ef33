package dev.switchboard.provider;

import dev.switchboard.core.GatewayException;
import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The inbound request that provider calls are made for: the {@code Via} value every upstream
 * request carries (so a gateway that calls itself, directly or through others, is caught), and the
 * hang-up signal that aborts the provider call in flight when the caller is gone.
 *
 * <p>One per inbound request. The request's thread registers each upstream exchange with
 * {@link #abortWith}; {@link #hangUp} may come from any thread and closes the registered one.
 */
public final class Caller {

    private final String via;
    private final AtomicReference<Closeable> current = new AtomicReference<>();
    private volatile boolean gone;
    private volatile GatewayException ended;

    private Caller(String via) {
        this.via = via;
    }

    /** A caller whose upstream requests carry {@code via} as their {@code Via} header. */
    public static Caller via(String via) {
        return new Caller(via);
    }

    /** A caller with no {@code Via} to send and no hang-up to watch for (tests, start-up work). */
    public static Caller none() {
        return new Caller(null);
    }

    /** The {@code Via} header value for upstream requests, if any. */
    public Optional<String> via() {
        return Optional.ofNullable(via);
    }

    /**
     * Registers what a hang-up should close: the connection of the exchange about to start, or its
     * response once the head arrived. Replaces the previous registration. If the caller is already
     * gone, closes {@code upstream} at once.
     */
    public void abortWith(Closeable upstream) {
        current.set(upstream);
        if (gone || ended != null) {
            closeQuietly(current.getAndSet(null));
        }
    }

    /** The caller hung up: aborts the registered upstream exchange, and any registered later. */
    public void hangUp() {
        gone = true;
        closeQuietly(current.getAndSet(null));
    }

    /**
     * The gateway ends this call (it is shutting down): aborts the registered upstream exchange, and
     * any registered later. The caller is still there, and is answered with {@code reason}: a failure
     * seen after this is the gateway's doing, not the provider's ({@link #ended()}).
     */
    public void end(GatewayException reason) {
        ended = reason;
        closeQuietly(current.getAndSet(null));
    }

    /** Why the gateway ended this call, if it did ({@link #end}). */
    public Optional<GatewayException> ended() {
        return Optional.ofNullable(ended);
    }

    /** Whether the caller hung up; a failure seen after that is the hang-up, not the provider's. */
    public boolean gone() {
        return gone;
    }

    private static void closeQuietly(Closeable upstream) {
        if (upstream == null) {
            return;
        }
        try {
            upstream.close();
        } catch (IOException | RuntimeException e) {
            // closing is the whole point; a failure to close leaves nothing to undo
        }
    }
}
