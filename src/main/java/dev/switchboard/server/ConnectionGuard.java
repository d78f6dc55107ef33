package dev.switchboard.server;

import io.helidon.common.socket.SocketOptions;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every connection the listener accepted, and what it owes: a complete request head within the
 * header time-out of opening (or within the idle time-out after its last answer), and a request
 * body within the body time-out once its head arrived. A sweeper closes a connection that misses a
 * head deadline, and ends the input of one that misses a body deadline, so the reading request
 * fails with a 408 it can still send.
 *
 * <p>Connections are known by the caller's address; Helidon reports each accepted socket through
 * {@link #socketOptions}. Requests mark their progress from their own thread; the sweeper runs on
 * its own.
 */
final class ConnectionGuard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final Duration SWEEP_PERIOD = Duration.ofMillis(100);

    private final ServerLimits limits;
    private final Map<SocketAddress, Tracked> open = new ConcurrentHashMap<>();
    private final Thread sweeper;
    private volatile boolean closed;

    ConnectionGuard(ServerLimits limits) {
        this.limits = limits;
        this.sweeper = Thread.ofPlatform().daemon().name("switchboard-connection-guard").start(this::sweep);
    }

    /** The listener's socket options, reporting each accepted socket to this guard. */
    SocketOptions socketOptions(SocketOptions options) {
        return new AcceptHook(options, this);
    }

    /** Connections being tracked (open, or closed since the last sweep). */
    int size() {
        return open.size();
    }

    /** The tracked connection a request arrived on, if the listener reported it. */
    Optional<Tracked> of(SocketAddress peer) {
        return Optional.ofNullable(open.get(peer));
    }

    private void accepted(SocketChannel channel) {
        try {
            SocketAddress peer = channel.getRemoteAddress();
            if (peer != null) {
                open.put(peer, new Tracked(channel, System.nanoTime() + limits.headerTimeout().toNanos()));
            }
        } catch (IOException e) {
            // the caller already left; Helidon finds out on its first read
        }
    }

    private void sweep() {
        while (!closed) {
            try {
                Thread.sleep(SWEEP_PERIOD);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            open.entrySet().removeIf(entry -> !entry.getValue().check(now));
        }
    }

    @Override
    public void close() {
        closed = true;
        sweeper.interrupt();
    }

    /**
     * One connection: its socket, what it is doing, and the deadline for that. Phases move from the
     * connection's own thread; the sweeper reads them.
     */
    final class Tracked {
        private static final int AWAITING_HEAD = 0;
        private static final int READING_BODY = 1;
        private static final int BUSY = 2;

        final SocketChannel channel;
        private volatile int phase = AWAITING_HEAD;
        private volatile long deadline;
        private volatile boolean bodyTimedOut;

        private Tracked(SocketChannel channel, long deadline) {
            this.channel = channel;
            this.deadline = deadline;
        }

        /** A request head arrived: its body, if any, is due within the body time-out. */
        void headArrived(boolean hasBody) {
            if (hasBody) {
                deadline = System.nanoTime() + limits.bodyTimeout().toNanos();
                phase = READING_BODY;
            } else {
                phase = BUSY;
            }
        }

        /** The body is in: no deadline while the request is handled (its calls have their own). */
        void bodyRead() {
            phase = BUSY;
        }

        /** The answer is out: the next request head is due within the idle time-out. */
        void answered() {
            deadline = System.nanoTime() + limits.idleTimeout().toNanos();
            phase = AWAITING_HEAD;
        }

        /** Whether the body deadline passed, so a body that ended early ended because of it. */
        boolean bodyTimedOut() {
            return bodyTimedOut;
        }

        /** Enforces the deadline; false once the connection is closed and can be forgotten. */
        private boolean check(long now) {
            if (!channel.isOpen()) {
                return false;
            }
            int current = phase;
            if (current == BUSY || now - deadline < 0) {
                return true;
            }
            try {
                if (current == AWAITING_HEAD) {
                    LOG.debug("Closing a connection that sent no complete request head in time");
                    channel.close();
                    return false;
                }
                if (!bodyTimedOut) {
                    bodyTimedOut = true;
                    LOG.debug("Ending the input of a connection whose request body did not arrive in time");
                    channel.shutdownInput();
                }
            } catch (IOException e) {
                // the connection is going away either way
            }
            return true;
        }
    }

    /** Helidon's socket options, plus telling the guard of each accepted socket. */
    private static final class AcceptHook implements SocketOptions {
        private final SocketOptions delegate;
        private final ConnectionGuard guard;

        AcceptHook(SocketOptions delegate, ConnectionGuard guard) {
            this.delegate = delegate;
            this.guard = guard;
        }

        @Override
        public void configureSocket(SocketChannel socket) {
            delegate.configureSocket(socket);
            guard.accepted(socket);
        }

        @Override
        public void configureSocket(java.net.Socket socket) {
            delegate.configureSocket(socket);
        }

        @Override
        public Map<SocketOption<?>, Object> socketOptions() {
            return delegate.socketOptions();
        }

        @Override
        public Duration connectTimeout() {
            return delegate.connectTimeout();
        }

        @Override
        public Duration readTimeout() {
            return delegate.readTimeout();
        }

        @Override
        public Optional<Integer> socketReceiveBufferSize() {
            return delegate.socketReceiveBufferSize();
        }

        @Override
        public Optional<Integer> socketSendBufferSize() {
            return delegate.socketSendBufferSize();
        }

        @Override
        public boolean socketReuseAddress() {
            return delegate.socketReuseAddress();
        }

        @Override
        public boolean socketKeepAlive() {
            return delegate.socketKeepAlive();
        }

        @Override
        public boolean tcpNoDelay() {
            return delegate.tcpNoDelay();
        }
    }
}
