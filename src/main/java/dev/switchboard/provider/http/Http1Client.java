package dev.switchboard.provider.http;

import dev.switchboard.provider.Caller;
import dev.switchboard.provider.Timeouts;
import dev.switchboard.provider.UpstreamResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A small HTTP/1.1 client for calling providers: blocking sockets on the caller's (virtual) thread,
 * keep-alive connections pooled per origin, TLS with host name verification, HTTP and SOCKS proxies
 * from a {@link ProxySelector}. It sends one request per connection at a time, never follows
 * redirects, and retries a request only when a pooled connection turns out to have been closed by
 * the server before anything came back.
 */
public final class Http1Client implements AutoCloseable {

    /** Resolves a host name to the addresses to try, in order; may refuse with an unchecked exception. */
    @FunctionalInterface
    public interface AddressResolver {
        List<InetAddress> resolve(String host) throws IOException;
    }

    /** The system's resolver. */
    public static final AddressResolver SYSTEM_DNS = host -> List.of(InetAddress.getAllByName(host));

    private static final long DEFAULT_KEEP_ALIVE_NANOS = Duration.ofSeconds(30).toNanos();
    private static final int MAX_IDLE_PER_ORIGIN = 256;
    private static final Duration SWEEP_PERIOD = Duration.ofSeconds(5);

    private final AddressResolver resolver;
    private final ProxySelector proxies;
    private final SSLSocketFactory tls;
    private final UpstreamTrace trace;
    private final Map<Origin, IdleConnections> idle = new ConcurrentHashMap<>();
    private final Thread sweeper;
    private volatile boolean closed;

    /**
     * @param resolver the resolver for origins reached directly (not for proxies' own addresses)
     * @param proxies  chooses a proxy per origin; {@code ProxySelector.of(null)} for none
     * @param tls      makes TLS connections, e.g. {@code SSLContext.getDefault().getSocketFactory()}
     */
    public Http1Client(AddressResolver resolver, ProxySelector proxies, SSLSocketFactory tls) {
        this(resolver, proxies, tls, UpstreamTrace.NONE);
    }

    /** As above, joining every request to the current trace with {@code trace}. */
    public Http1Client(AddressResolver resolver, ProxySelector proxies, SSLSocketFactory tls, UpstreamTrace trace) {
        this.resolver = resolver;
        this.proxies = proxies;
        this.tls = tls;
        this.trace = trace;
        this.sweeper = Thread.ofVirtual().name("switchboard-http-pool-sweeper").start(this::sweep);
    }

    /**
     * POSTs {@code body} to {@code target} (the path and query) at {@code origin} and returns once
     * the response head arrived, whatever its status. The caller must close the response.
     * {@code contentType} is sent unless {@code headers} name one, and the caller's {@code Via}
     * unless they name one. The exchange is registered with the caller, so a hang-up aborts it.
     *
     * @throws IOException              if the call fails; a timeout is a {@link SocketTimeoutException}
     * @throws IllegalArgumentException if a header cannot be sent (the message names it, never its value)
     */
    public UpstreamResponse post(Origin origin, String target, String contentType, Map<String, String> headers,
                                 byte[] body, Timeouts timeouts, Caller caller) throws IOException {
        Request request = Request.post(origin, target, contentType, headers, caller.via(),
                trace.headers(origin.host(), origin.port()), body);
        for (Http1Connection pooled = take(origin); pooled != null; pooled = take(origin)) {
            try {
                return exchange(pooled, request, timeouts, caller);
            } catch (IOException e) {
                pooled.close();
                if (e instanceof SocketTimeoutException || !pooled.receivedNothing()) {
                    throw e;
                }
                // The server had closed this idle connection: try the next one, then a new one.
            } catch (RuntimeException e) {
                pooled.close();
                throw e;
            }
        }
        Http1Connection fresh = connect(origin, timeouts.connect());
        try {
            return exchange(fresh, request, timeouts, caller);
        } catch (IOException | RuntimeException e) {
            fresh.close();
            throw e;
        }
    }

    private UpstreamResponse exchange(Http1Connection connection, Request request, Timeouts timeouts, Caller caller)
            throws IOException {
        if (caller.gone()) {
            throw new IOException("The caller hung up");
        }
        caller.abortWith(connection::close);
        long sent = System.nanoTime();
        connection.timeout(timeouts.headers());
        request.writeTo(connection);
        Http1Response response = Http1Response.read(this, connection, timeouts, sent, false);
        trace.answered(response.status());
        // From here the response decides between reuse and close, so a late hang-up closes it instead.
        caller.abortWith(response::close);
        return response;
    }

    /**
     * Sends a request of any method, its body streamed as it is written, and returns once the
     * response head arrived, whatever its status; the caller must close the response. A request
     * without a body may go on a pooled connection (and, as a POST, to a fresh one if the pooled one
     * had been closed by the server); one with a body always goes on a fresh connection, since its
     * body can be read only once. The exchange is registered with the caller, so a hang-up aborts it.
     *
     * @throws IOException              if the call fails, including reading the request's body
     * @throws IllegalArgumentException if a header cannot be sent (the message names it, never its value)
     */
    public UpstreamResponse send(Origin origin, String target, StreamedRequest request, Timeouts timeouts,
                                 Caller caller) throws IOException {
        List<Map.Entry<String, String>> traceHeaders = trace.headers(origin.host(), origin.port());
        if (!request.hasBody()) {
            for (Http1Connection pooled = take(origin); pooled != null; pooled = take(origin)) {
                try {
                    return exchange(pooled, target, request, traceHeaders, timeouts, caller);
                } catch (IOException e) {
                    pooled.close();
                    if (e instanceof SocketTimeoutException || !pooled.receivedNothing()) {
                        throw e;
                    }
                } catch (RuntimeException e) {
                    pooled.close();
                    throw e;
                }
            }
        }
        Http1Connection fresh = connect(origin, timeouts.connect());
        try {
            return exchange(fresh, target, request, traceHeaders, timeouts, caller);
        } catch (IOException | RuntimeException e) {
            fresh.close();
            throw e;
        }
    }

    private UpstreamResponse exchange(Http1Connection connection, String target, StreamedRequest request,
                                      List<Map.Entry<String, String>> traceHeaders, Timeouts timeouts, Caller caller)
            throws IOException {
        if (caller.gone()) {
            throw new IOException("The caller hung up");
        }
        caller.abortWith(connection::close);
        long sent = System.nanoTime();
        connection.timeout(timeouts.headers());
        request.writeTo(connection, target, caller.via(), traceHeaders, timeouts.idle());
        Http1Response response = Http1Response.read(this, connection, timeouts, sent, request.bodiless());
        trace.answered(response.status());
        caller.abortWith(response::close);
        return response;
    }

    /** A connection whose response was read to its end, offered back for reuse. */
    void release(Http1Connection connection, long keepAliveNanos) {
        if (closed) {
            connection.close();
            return;
        }
        connection.idle(System.nanoTime(), keepAliveNanos);
        IdleConnections pool = idle.computeIfAbsent(connection.origin, o -> new IdleConnections());
        pool.connections.offerFirst(connection);
        if (pool.size.incrementAndGet() > MAX_IDLE_PER_ORIGIN) {
            Http1Connection oldest = pool.connections.pollLast();
            if (oldest != null) {
                pool.size.decrementAndGet();
                oldest.close();
            }
        }
    }

    /** The most recently used idle connection to {@code origin} that has not expired, if any. */
    private Http1Connection take(Origin origin) {
        IdleConnections pool = idle.get(origin);
        if (pool == null) {
            return null;
        }
        long now = System.nanoTime();
        for (Http1Connection c = pool.connections.pollFirst(); c != null; c = pool.connections.pollFirst()) {
            pool.size.decrementAndGet();
            if (!c.expired(now, DEFAULT_KEEP_ALIVE_NANOS)) {
                return c;
            }
            c.close();
        }
        return null;
    }

    private Http1Connection connect(Origin origin, Duration timeout) throws IOException {
        Proxy proxy = proxyFor(origin);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Socket socket = switch (proxy.type()) {
            case DIRECT -> dial(origin, millis);
            case SOCKS -> {
                Socket s = new Socket(proxy);
                connectOrClose(s, InetSocketAddress.createUnresolved(origin.host(), origin.port()), millis);
                yield s;
            }
            case HTTP -> {
                Socket s = new Socket();
                InetSocketAddress address = (InetSocketAddress) proxy.address();
                connectOrClose(s, address.isUnresolved()
                        ? new InetSocketAddress(address.getHostString(), address.getPort()) : address, millis);
                yield s;
            }
        };
        try {
            socket.setTcpNoDelay(true);
            boolean viaHttpProxy = proxy.type() == Proxy.Type.HTTP;
            if (viaHttpProxy && origin.https()) {
                ProxyTunnel.open(socket, origin, millis);
                viaHttpProxy = false;
            }
            if (origin.https()) {
                socket = handshake(socket, origin, millis);
            }
            return new Http1Connection(origin, socket, viaHttpProxy);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private Proxy proxyFor(Origin origin) {
        List<Proxy> choices = proxies.select(URI.create(origin.toString()));
        return choices == null || choices.isEmpty() ? Proxy.NO_PROXY : choices.get(0);
    }

    /** Connects to the first of the origin's addresses that answers. */
    private Socket dial(Origin origin, int millis) throws IOException {
        IOException failure = null;
        for (InetAddress address : resolver.resolve(origin.host())) {
            Socket socket = new Socket();
            try {
                connectOrClose(socket, new InetSocketAddress(address, origin.port()), millis);
                return socket;
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        throw failure != null ? failure : new java.net.UnknownHostException(origin.host());
    }

    private static void connectOrClose(Socket socket, InetSocketAddress address, int millis) throws IOException {
        try {
            socket.connect(address, millis);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private Socket handshake(Socket plain, Origin origin, int millis) throws IOException {
        SSLSocket socket = (SSLSocket) tls.createSocket(plain, origin.host(), origin.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(millis);
        socket.startHandshake();
        return socket;
    }

    /** Closes idle connections that expired, every few seconds, until the client closes. */
    private void sweep() {
        while (!closed) {
            try {
                Thread.sleep(SWEEP_PERIOD);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (IdleConnections pool : idle.values()) {
                for (Http1Connection c : pool.connections) {
                    // Only the thread that removes a connection (this, or take) may close it.
                    if (c.expired(now, DEFAULT_KEEP_ALIVE_NANOS) && pool.connections.removeFirstOccurrence(c)) {
                        pool.size.decrementAndGet();
                        c.close();
                    }
                }
            }
        }
    }

    /** Closes every idle connection; responses still being read keep theirs until they finish. */
    @Override
    public void close() {
        closed = true;
        sweeper.interrupt();
        for (IdleConnections pool : idle.values()) {
            for (Http1Connection c = pool.connections.pollFirst(); c != null; c = pool.connections.pollFirst()) {
                c.close();
            }
        }
    }

    /** The idle connections to one origin, most recently used first, with a count (deque sizes are O(n)). */
    private static final class IdleConnections {
        final ConcurrentLinkedDeque<Http1Connection> connections = new ConcurrentLinkedDeque<>();
        final AtomicInteger size = new AtomicInteger();
    }
}
