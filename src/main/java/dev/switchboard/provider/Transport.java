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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends requests to providers over HTTP/1.1 with keep-alive (Helidon WebClient, blocking on the
 * caller's virtual thread). Redirects are never followed. The first-byte timeout bounds the wait for
 * response headers; the idle timeout bounds each wait for more of the body.
 */
public final class Transport implements AutoCloseable {

    private final Map<Duration, WebClient> clients = new ConcurrentHashMap<>();
    private final IdleWatchdog watchdog = new IdleWatchdog(Duration.ofMillis(250));

    /** POSTs {@code body}; returns once the response headers arrived, whatever the status. */
    public UpstreamResponse post(URI uri, Map<String, String> headers, byte[] body, Timeouts timeouts) {
        HttpClientRequest request = client(timeouts.connect()).post()
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

    private WebClient client(Duration connectTimeout) {
        return clients.computeIfAbsent(connectTimeout, timeout -> WebClient.builder()
                .followRedirects(false)
                .socketOptions(options -> options.connectTimeout(timeout).tcpNoDelay(true))
                .build());
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
