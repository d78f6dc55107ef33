package dev.switchboard.provider;

import dev.switchboard.config.Timeouts;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import dev.switchboard.core.ApiBasePolicy;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends requests to providers over HTTP/1.1 with keep-alive (Helidon WebClient, blocking on the
 * caller's virtual thread). Redirects are never followed. The first-byte timeout bounds the wait for
 * response headers; the idle timeout bounds each wait for more of the body.
 */
public final class Transport implements AutoCloseable {

    private final Map<ClientKey, WebClient> clients = new ConcurrentHashMap<>();
    private final IdleWatchdog watchdog = new IdleWatchdog(Duration.ofMillis(250));
    private final ApiBasePolicy policy;
    private final Set<String> builtInOrigins;

    /** A client key: guarded clients check every dialed address against the api_base policy. */
    private record ClientKey(Duration connectTimeout, boolean guarded) { }

    /**
     * @param policy         the SSRF rules every dialed address is checked against
     * @param builtInOrigins the origins ({@code scheme://host:port}) of providers' built-in base URLs,
     *                       which are exempt (e.g. Ollama's {@code http://localhost:11434})
     */
    public Transport(ApiBasePolicy policy, Set<String> builtInOrigins) {
        this.policy = policy;
        this.builtInOrigins = Set.copyOf(builtInOrigins);
    }

    /** The origin of a URL, as {@link #Transport} compares them. */
    public static String origin(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://"
                + uri.getHost().toLowerCase(java.util.Locale.ROOT) + ":" + port;
    }

    /** POSTs {@code body}; returns once the response headers arrived, whatever the status. */
    public UpstreamResponse post(URI uri, Map<String, String> headers, byte[] body, Timeouts timeouts) {
        boolean guarded = uri.getHost() == null || !builtInOrigins.contains(origin(uri));
        HttpClientRequest request = client(new ClientKey(timeouts.connect(), guarded)).post()
                .uri(uri)
                .followRedirects(false)
                .readTimeout(timeouts.firstByte());
        request.header(HeaderNames.CONTENT_TYPE, "application/json");
        headers.forEach((name, value) -> request.header(HeaderNames.create(name), value));
        try {
            return new Response(request.submit(body), timeouts.idle());
        } catch (RuntimeException e) {
            throw UpstreamFailures.classify(e, "calling " + uri.getHost());
        }
    }

    private WebClient client(ClientKey key) {
        return clients.computeIfAbsent(key, k -> {
            var builder = WebClient.builder()
                    .followRedirects(false)
                    // Kept per connection for its lifetime; requests are written once, and bodies
                    // larger than the buffer go straight to the socket.
                    .writeBufferSize(2048)
                    .socketOptions(options -> options.connectTimeout(k.connectTimeout()).tcpNoDelay(true));
            if (k.guarded()) {
                builder.dnsResolver(new GuardedDns(policy)).proxy(io.helidon.webclient.api.Proxy.noProxy());
            }
            return builder.build();
        });
    }

    @Override
    public void close() {
        watchdog.close();
    }

    /** A Helidon response with the idle watchdog attached. */
    private final class Response implements UpstreamResponse, IdleWatchdog.Watched {
        private final HttpClientResponse response;
        private final long idleNanos;
        private volatile long lastActivity = System.nanoTime();
        private volatile boolean expired;
        private InputStream body;

        Response(HttpClientResponse response, Duration idle) {
            this.response = response;
            this.idleNanos = idle.toNanos();
        }

        @Override
        public int status() {
            return response.status().code();
        }

        @Override
        public Optional<String> header(String name) {
            return response.headers().first(HeaderNames.create(name));
        }

        @Override
        public synchronized InputStream body() {
            if (body == null) {
                lastActivity = System.nanoTime();
                watchdog.watch(this);
                body = new WatchedStream(response.inputStream());
            }
            return body;
        }

        @Override
        public long idleNanos() {
            return idleNanos;
        }

        @Override
        public long lastActivityNanos() {
            return lastActivity;
        }

        @Override
        public void expire() {
            expired = true;
            response.close();
        }

        @Override
        public void close() {
            watchdog.unwatch(this);
            response.close();
        }

        /** Counts reads as activity, and reports reads cut by the watchdog as timeouts. */
        private final class WatchedStream extends FilterInputStream {
            WatchedStream(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                try {
                    int b = super.read();
                    lastActivity = System.nanoTime();
                    return b;
                } catch (IOException | RuntimeException e) {
                    throw failure(e);
                }
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                try {
                    int n = super.read(buffer, offset, length);
                    lastActivity = System.nanoTime();
                    return n;
                } catch (IOException | RuntimeException e) {
                    throw failure(e);
                }
            }

            /** A read failure as an IOException: a timeout if the watchdog cut the response. */
            private IOException failure(Exception e) {
                if (expired) {
                    return new SocketTimeoutException("no data from the provider for " + Duration.ofNanos(idleNanos));
                }
                return e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }

        }
    }
}
