package dev.switchboard.server;

import dev.switchboard.access.Principal;
import dev.switchboard.api.CallerGoneException;
import dev.switchboard.api.EventSink;
import dev.switchboard.api.Exchange;
import dev.switchboard.api.Surface;
import dev.switchboard.provider.Caller;
import dev.switchboard.telemetry.CallTrace;
import dev.switchboard.telemetry.Operation;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** An {@link Exchange} over a Helidon request and response. */
final class HelidonExchange implements Exchange {

    /** The first size of a stream's buffer of unflushed events. */
    private static final int PENDING_START = 2048;
    /** Unflushed events beyond this go to Helidon at once, so a provider that never pauses cannot grow it. */
    private static final int PENDING_MAX = 32 * 1024;

    private final ServerRequest req;
    private final ServerResponse res;
    private byte[] body = new byte[0];
    private Caller caller = Caller.none();
    private Principal principal = Principal.OPEN;
    private HangUpWatch.Watched watched;
    private final long startNanos;
    private boolean answered;
    private boolean streamed;
    private int status;
    private long answeredNanos;
    private final CallTrace trace;

    HelidonExchange(ServerRequest req, ServerResponse res, long startNanos, CallTrace trace) {
        this.req = req;
        this.res = res;
        this.startNanos = startNanos;
        this.trace = trace;
    }

    /** Records who the server found the caller to be. */
    void authenticated(Principal who) {
        principal = who;
    }

    /**
     * Gives the handler its request: the body read, the caller, and the hang-up watch to stop before
     * answering ({@code null} when the connection is not watched).
     */
    void begin(byte[] requestBody, Caller requestCaller, HangUpWatch.Watched watch) {
        body = requestBody;
        caller = requestCaller;
        watched = watch;
    }

    /** Whether the handler has begun answering, after which errors can no longer become a status. */
    boolean answered() {
        return answered;
    }

    boolean streamed() {
        return streamed;
    }

    /** {@link System#nanoTime()} when the answer began (a stream's headers go out with its first event), or 0. */
    long answeredNanos() {
        return answeredNanos;
    }

    /** The status sent, or 0 if nothing was sent yet. */
    int status() {
        return status;
    }

    @Override
    public void asks(Surface.Request request) {
        trace.operation(switch (request) {
            case Surface.Request.Chat chat -> Operation.CHAT;
            case Surface.Request.Embed embed -> Operation.EMBEDDINGS;
            case Surface.Request.CountTokens count -> Operation.COUNT_TOKENS;
        });
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
    public byte[] body() {
        return body;
    }

    @Override
    public Optional<String> pathParam(String name) {
        return req.path().pathParameters().first(name).asOptional();
    }

    @Override
    public Optional<String> header(String name) {
        return req.headers().first(HeaderNames.create(name));
    }

    @Override
    public Optional<String> query(String name) {
        return req.query().first(name).asOptional();
    }

    @Override
    public long startNanos() {
        return startNanos;
    }

    @Override
    public void respond(int status, Map<String, String> headers, String contentType, byte[] content) {
        stopWatching();
        answered = true;
        answeredNanos = System.nanoTime();
        this.status = status;
        res.status(status);
        headers.forEach(res::header);
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.send(content);
    }

    @Override
    public EventSink openStream(Map<String, String> headers) {
        stopWatching();
        answered = true;
        answeredNanos = System.nanoTime();
        streamed = true;
        status = 200;
        res.status(200);
        headers.forEach(res::header);
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        OutputStream out = res.outputStream();
        return new EventSink() {
            /**
             * Events since the last flush, sent to Helidon in one write (one chunk, one socket
             * write) when flushed; allocated only while events flow, so a waiting stream holds none.
             */
            private byte[] pending;
            private int pendingLength;

            @Override
            public void write(byte[] event) {
                if (pending == null) {
                    pending = new byte[Math.max(PENDING_START, event.length)];
                } else if (pendingLength + event.length > pending.length) {
                    pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + event.length));
                }
                System.arraycopy(event, 0, pending, pendingLength, event.length);
                pendingLength += event.length;
                if (pendingLength >= PENDING_MAX) {
                    send();
                }
            }

            private void send() {
                if (pendingLength > 0) {
                    toCaller(() -> out.write(pending, 0, pendingLength));
                    pending = null;
                    pendingLength = 0;
                }
            }

            @Override
            public void flush() {
                send();
                toCaller(out::flush);
            }

            @Override
            public void close() {
                try {
                    send();
                } catch (CallerGoneException e) {
                    // the caller is gone; closing below only releases the response
                }
                try {
                    out.close();
                } catch (IOException | UncheckedIOException | io.helidon.webserver.ServerConnectionException e) {
                    // the caller is gone; nothing more to tell it
                }
            }
        };
    }

    /** The connection goes back to blocking mode before the server writes to it. */
    private void stopWatching() {
        if (watched != null) {
            watched.stop();
        }
    }

    private interface Io {
        void run() throws IOException;
    }

    /** Runs a write to the caller; every way Helidon reports a lost connection becomes a hang-up. */
    private static void toCaller(Io write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new CallerGoneException(e);
        } catch (UncheckedIOException e) {
            throw new CallerGoneException(e.getCause());
        } catch (io.helidon.webserver.ServerConnectionException e) {
            throw new CallerGoneException(new IOException(e.getMessage(), e));
        }
    }
}
