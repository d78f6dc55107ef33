package dev.switchboard.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP/1.1 server on a random loopback port that stands in for an LLM provider: script
 * replies with {@link #enqueue}, run the code under test against {@link #baseUrl()}, then verify
 * what it sent with {@link #received()} or {@link #takeRequest()}. Each connection is served on its
 * own virtual thread; all methods are thread-safe. {@link #close()} drops every connection,
 * including hung and held ones.
 */
public final class FakeUpstream implements AutoCloseable {

    private static final Duration TAKE_TIMEOUT = Duration.ofSeconds(10);
    private static final Reply NO_REPLY = Reply.json(500,
            OpenAiBodies.error("no reply scripted", "fake_upstream_error", "no_reply_scripted"));

    private final ServerSocket server;
    private final Thread acceptor;
    private final Map<Socket, Thread> connections = new ConcurrentHashMap<>();
    private final Map<String, Deque<Reply>> scripted = new HashMap<>();
    private final List<Recorded> received = new ArrayList<>();
    private final BlockingQueue<Recorded> untaken = new LinkedBlockingQueue<>();
    private Reply fallback = NO_REPLY;
    private volatile boolean closed;

    private FakeUpstream(ServerSocket server) {
        this.server = server;
        this.acceptor = Thread.ofVirtual().name("fake-upstream-accept-" + server.getLocalPort()).start(this::accept);
    }

    public static FakeUpstream start() {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
            return new FakeUpstream(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loopback port with nothing listening on it, for connection-refused cases. */
    public static int refusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Queues a reply for the next request on any path. */
    public void enqueue(Reply reply) {
        enqueue("", reply);
    }

    /**
     * Queues a reply for the next request whose path starts with {@code pathPrefix}. A request takes
     * from the longest matching prefix that has a reply left, then from the general queue, then the default.
     */
    public synchronized void enqueue(String pathPrefix, Reply reply) {
        scripted.computeIfAbsent(pathPrefix, prefix -> new ArrayDeque<>()).add(reply);
    }

    /** The reply used once the queues are empty; initially a 500 saying "no reply scripted". */
    public synchronized void setDefault(Reply reply) {
        fallback = reply;
    }

    /** Every request so far, in arrival order. */
    public List<Recorded> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public int requestCount() {
        synchronized (received) {
            return received.size();
        }
    }

    /** The oldest request not yet taken; fails if none arrives within 10 seconds. */
    public Recorded takeRequest() {
        return takeRequest(TAKE_TIMEOUT);
    }

    public Recorded takeRequest(Duration timeout) {
        try {
            Recorded request = untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (request == null) {
                throw new AssertionError("no request arrived within " + timeout);
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a request", e);
        }
    }

    /** Waits until at least {@code n} requests have arrived and returns all of them. */
    public List<Recorded> awaitRequests(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            try {
                while (received.size() < n) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("expected " + n + " requests within " + timeout
                                + " but got " + received.size() + ": " + received);
                    }
                    TimeUnit.NANOSECONDS.timedWait(received, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for requests", e);
            }
            return List.copyOf(received);
        }
    }

    /** Stops listening and drops every connection, releasing hung, delayed and held replies. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing a listening socket only fails if it is already broken; nothing left to release
        }
        connections.forEach((socket, thread) -> {
            drop(socket);
            thread.interrupt();
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        join(acceptor, deadline);
        connections.values().forEach(thread -> join(thread, deadline));
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                Thread thread = Thread.ofVirtual().name("fake-upstream-" + socket.getPort()).unstarted(() -> serve(socket));
                connections.put(socket, thread);
                thread.start();
                if (closed) {
                    drop(socket);
                    thread.interrupt();
                }
            } catch (IOException e) {
                // the listening socket was closed: close() is under way
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            // Each frame of a stream is flushed on its own: without this, Nagle's algorithm and the
            // client's delayed ACK hold the second small write back for some 40 ms.
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            while (!closed) {
                Optional<Recorded> request = RequestReader.read(in, out);
                if (request.isEmpty()) {
                    return;
                }
                remember(request.get());
                boolean keepOpen = ReplyWriter.write(next(request.get().path()), request.get(), out, socket);
                boolean clientCloses = request.get().header("Connection").orElse("").equalsIgnoreCase("close");
                if (!keepOpen || clientCloses) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client hung up, or close() dropped the connection: nothing to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.remove(socket);
        }
    }

    private void remember(Recorded request) {
        synchronized (received) {
            received.add(request);
            received.notifyAll();
        }
        untaken.add(request);
    }

    private synchronized Reply next(String path) {
        Optional<Deque<Reply>> queue = scripted.entrySet().stream()
                .filter(entry -> path.startsWith(entry.getKey()) && !entry.getValue().isEmpty())
                .max(Map.Entry.comparingByKey(Comparator.comparingInt(String::length)))
                .map(Map.Entry::getValue);
        return queue.map(Deque::poll).orElse(fallback);
    }

    private static void drop(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed by its own thread
        }
    }

    private static void join(Thread thread, long deadline) {
        try {
            thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
