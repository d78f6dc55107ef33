package dev.switchboard.server;

import dev.switchboard.access.Principal;
import dev.switchboard.api.CallerGoneException;
import dev.switchboard.api.proxy.ProxyExchange;
import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.Caller;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ProxyExchange} over a Helidon request and response. The body is read straight from
 * Helidon as the handler asks for it, under the connection guard's body time-out; once it has all
 * arrived (or at once, for a request without one) the connection is watched for the caller hanging
 * up, until the answer starts.
 */
final class HelidonProxyExchange implements ProxyExchange {

    private final ServerRequest req;
    private final ServerResponse res;
    private final long startNanos;
    private final Caller caller;
    private final Principal principal;
    private final ConnectionGuard.Tracked connection;
    private final HangUpWatch hangUps;
    private HangUpWatch.Watched watched;
    private boolean answered;
    private int status;
    private long answeredNanos;
    private String contentType = "";

    HelidonProxyExchange(ServerRequest req, ServerResponse res, long startNanos, Caller caller, Principal principal,
                         ConnectionGuard.Tracked connection, HangUpWatch hangUps) {
        this.req = req;
        this.res = res;
        this.startNanos = startNanos;
        this.caller = caller;
        this.principal = principal;
        this.connection = connection;
        this.hangUps = hangUps;
        if (!req.content().hasEntity()) {
            bodyRead();
        }
    }

    @Override
    public String method() {
        return req.prologue().method().text();
    }

    @Override
    public String endpoint() {
        return req.path().pathParameters().first("endpoint").orElse("");
    }

    /** The raw path after {@code /gateway/proxy/<endpoint>/}. */
    @Override
    public String rawPath() {
        String raw = req.prologue().uriPath().rawPath();
        int afterPrefix = raw.indexOf('/', "/gateway/proxy/".length());
        return afterPrefix < 0 ? "" : raw.substring(afterPrefix + 1);
    }

    @Override
    public String rawQuery() {
        return req.prologue().query().rawValue();
    }

    @Override
    public List<Map.Entry<String, String>> headers() {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Header header : req.headers()) {
            for (String value : header.allValues()) {
                headers.add(Map.entry(header.name(), value));
            }
        }
        return headers;
    }

    @Override
    public Optional<InputStream> body() {
        return req.content().hasEntity() ? Optional.of(new Body(req.content().inputStream())) : Optional.empty();
    }

    @Override
    public long declaredLength() {
        return req.headers().contentLength().orElse(-1);
    }

    @Override
    public Principal principal() {
        return principal;
    }

    @Override
    public Caller caller() {
        return caller;
    }

    @Override
    public long startNanos() {
        return startNanos;
    }

    @Override
    public OutputStream respond(int code, List<Map.Entry<String, String>> headers, long length) {
        stopWatching();
        answered = true;
        answeredNanos = System.nanoTime();
        status = code;
        res.status(Status.create(code));
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase("Content-Type")) {
                contentType = header.getValue();
            }
            res.headers().add(HeaderValues.create(HeaderNames.create(header.getKey()), header.getValue()));
        }
        if (length >= 0) {
            res.header(HeaderNames.CONTENT_LENGTH, Long.toString(length));
        }
        ToCaller out = new ToCaller(res.outputStream());
        if (method().equals("HEAD")) {
            // The head goes now, as given: closed without a byte written, Helidon would say Content-Length: 0.
            out.flush();
        }
        return out;
    }

    boolean answered() {
        return answered;
    }

    /** {@link System#nanoTime()} when the answer began, or 0 if it has not. */
    long answeredNanos() {
        return answeredNanos;
    }

    int status() {
        return status;
    }

    /** The answer's content type, empty before it started. */
    String contentType() {
        return contentType;
    }

    /** Ends the hang-up watch, if one started; safe to call more than once. */
    void stopWatching() {
        if (watched != null) {
            watched.stop();
        }
    }

    private void bodyRead() {
        if (connection != null) {
            connection.bodyRead();
            if (watched == null && !answered) {
                watched = hangUps.watch(connection.channel, caller);
            }
        }
    }

    /** The caller's body as it arrives; its end starts the hang-up watch, its failure says why in the cause. */
    private final class Body extends InputStream {
        private final InputStream in;
        private long received;
        private boolean ended;

        Body(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            int n;
            try {
                n = in.read(into, offset, length);
            } catch (IOException | RuntimeException e) {
                throw failed(e);
            }
            if (n < 0) {
                ended = true;
                bodyRead();
            } else {
                received += n;
            }
            return n;
        }

        private IOException failed(Exception cause) {
            GatewayException why = connection != null && connection.bodyTimedOut()
                    ? new GatewayException.RequestTimeout("The request body did not arrive within the time allowed "
                    + "(SWITCHBOARD_BODY_TIMEOUT); " + received + " bytes came")
                    : new GatewayException.InvalidRequest("The request body ended after " + received + " bytes");
            why.addSuppressed(cause);
            return new IOException(why.getMessage(), why);
        }
    }

    /** Writes to the caller; every way Helidon reports a lost connection becomes a hang-up. */
    private static final class ToCaller extends OutputStream {
        private final OutputStream out;

        ToCaller(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw new CallerGoneException(e);
            } catch (UncheckedIOException e) {
                throw new CallerGoneException(e.getCause());
            } catch (io.helidon.webserver.ServerConnectionException e) {
                throw new CallerGoneException(new IOException(e.getMessage(), e));
            }
        }

        @Override
        public void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new CallerGoneException(e);
            } catch (UncheckedIOException e) {
                throw new CallerGoneException(e.getCause());
            } catch (io.helidon.webserver.ServerConnectionException e) {
                throw new CallerGoneException(new IOException(e.getMessage(), e));
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new CallerGoneException(e);
            } catch (UncheckedIOException e) {
                throw new CallerGoneException(e.getCause());
            } catch (io.helidon.webserver.ServerConnectionException e) {
                throw new CallerGoneException(new IOException(e.getMessage(), e));
            }
        }
    }
}
