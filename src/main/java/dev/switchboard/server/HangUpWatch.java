package dev.switchboard.server;

import dev.switchboard.provider.Caller;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices callers that hang up while their call is still waiting on a provider, and aborts the
 * provider call ({@link Caller#hangUp}). A caller's connection is quiet while it waits for its
 * answer, so the end of its input means it left. Calls that answer within {@code after} are never
 * watched and cost only a queue entry; a longer call's connection is put in non-blocking mode and
 * watched by one selector thread until the call starts answering.
 *
 * <p>A caller that sends more bytes while waiting (HTTP pipelining) loses one of them to the watch;
 * its connection is then closed after the answer, as HTTP allows, and it resends on a new one.
 */
final class HangUpWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HangUpWatch.class);
    private static final long TICK_MILLIS = 100;

    private final long afterNanos;
    private final Selector selector;
    private final Queue<Watched> waiting = new ConcurrentLinkedQueue<>();
    private final ByteBuffer probe = ByteBuffer.allocate(1);
    private final Thread thread;
    private volatile boolean closed;

    HangUpWatch(Duration after) {
        this.afterNanos = after.toNanos();
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Could not open a selector", e);
        }
        this.thread = Thread.ofPlatform().daemon().name("switchboard-hang-up-watch").start(this::run);
    }

    /** Starts the clock on a call whose caller is on {@code channel}; stop it before answering. */
    Watched watch(SocketChannel channel, Caller caller) {
        Watched watched = new Watched(channel, caller, System.nanoTime() + afterNanos);
        waiting.add(watched);
        return watched;
    }

    private void run() {
        while (!closed) {
            try {
                selector.select(TICK_MILLIS);
                for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    ((Watched) key.attachment()).readable(key);
                }
                long now = System.nanoTime();
                for (Iterator<Watched> calls = waiting.iterator(); calls.hasNext(); ) {
                    Watched call = calls.next();
                    if (call.state != Watched.WAITING) {
                        calls.remove();
                    } else if (now - call.dueNanos >= 0 && call.startWatching()) {
                        calls.remove();
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.warn("The hang-up watch failed a round: {}", e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(1000);
            selector.close();
        } catch (IOException e) {
            // nothing left to watch
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One call's watch: waiting for its turn, watching, or done. */
    final class Watched {
        static final int WAITING = 0;
        static final int WATCHING = 1;
        static final int DONE = 2;

        private final SocketChannel channel;
        private final Caller caller;
        private final long dueNanos;
        private final ReentrantLock lock = new ReentrantLock();
        private volatile int state = WAITING;
        private SelectionKey key;
        private volatile boolean spoiled;

        private Watched(SocketChannel channel, Caller caller, long dueNanos) {
            this.channel = channel;
            this.caller = caller;
            this.dueNanos = dueNanos;
        }

        /** On the watch thread: puts the connection under watch, unless the call is answering. */
        private boolean startWatching() {
            if (!lock.tryLock()) {
                return false;
            }
            try {
                if (state != WAITING) {
                    return true;
                }
                channel.configureBlocking(false);
                key = channel.register(selector, SelectionKey.OP_READ, this);
                state = WATCHING;
            } catch (ClosedChannelException e) {
                state = DONE;
            } catch (IOException | RuntimeException e) {
                state = DONE;
                restoreBlocking();
            } finally {
                lock.unlock();
            }
            return true;
        }

        /** On the watch thread: the caller's connection has input, or its end. */
        private void readable(SelectionKey readyKey) {
            if (!lock.tryLock()) {
                return;
            }
            try {
                if (state != WATCHING) {
                    return;
                }
                probe.clear();
                int read;
                try {
                    read = channel.read(probe);
                } catch (IOException e) {
                    read = -1;
                }
                if (read == 0) {
                    return;
                }
                readyKey.cancel();
                if (read < 0) {
                    LOG.debug("A caller hung up while its call waited on the provider; aborting the provider call");
                    caller.hangUp();
                } else {
                    spoiled = true;
                }
            } finally {
                lock.unlock();
            }
        }

        /**
         * Ends the watch before the call answers: the connection is back in blocking mode for the
         * server to write. Safe to call more than once.
         */
        void stop() {
            if (state == DONE) {
                return;
            }
            lock.lock();
            try {
                if (state == WATCHING) {
                    key.cancel();
                    selector.wakeup();
                    long giveUp = System.nanoTime() + 1_000_000_000L;
                    while (channel.isRegistered() && System.nanoTime() - giveUp < 0 && !closed) {
                        LockSupport.parkNanos(100_000);
                    }
                    restoreBlocking();
                }
                state = DONE;
            } finally {
                lock.unlock();
            }
        }

        /** Whether the watch took a byte the caller sent, so the connection must close after the answer. */
        boolean spoiled() {
            return spoiled;
        }

        private void restoreBlocking() {
            try {
                if (channel.isOpen()) {
                    channel.configureBlocking(true);
                }
            } catch (IOException | RuntimeException e) {
                // the connection is unusable; the server's next write finds out
            }
        }
    }
}
