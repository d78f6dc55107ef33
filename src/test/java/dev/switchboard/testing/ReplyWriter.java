package dev.switchboard.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * Plays a {@link Reply} onto a connection in HTTP/1.1: JSON with a Content-Length, an event stream
 * in chunks flushed one per frame, or a deliberate failure. Blocking steps end when the thread is
 * interrupted, which is how {@link FakeUpstream#close()} releases them.
 */
final class ReplyWriter {

    private ReplyWriter() {}

    /**
     * Returns whether the connection may serve another request; false means close it now.
     * {@code socket} is the connection, for a reply that ends it with a reset.
     */
    static boolean write(Reply reply, Recorded request, OutputStream out, Socket socket)
            throws IOException, InterruptedException {
        return switch (reply) {
            case Reply.Json json -> {
                writeJson(json, request, out);
                yield true;
            }
            case Reply.Bytes bytes -> {
                writeBytes(bytes, request, out);
                yield true;
            }
            case Reply.Sse sse -> writeSse(sse, out);
            case Reply.Delayed delayed -> {
                Thread.sleep(delayed.delay());
                yield write(delayed.then(), request, out, socket);
            }
            case Reply.Raw raw -> {
                writeRaw(raw, out, socket);
                yield false;
            }
            case Reply.Hang hang -> {
                new CountDownLatch(1).await();
                yield false;
            }
            case Reply.CloseConnection close -> false;
            case Reply.Respond respond -> write(decide(respond, request), request, out, socket);
        };
    }

    private static void writeRaw(Reply.Raw raw, OutputStream out, Socket socket)
            throws IOException, InterruptedException {
        int atOnce = raw.drip().isZero() ? raw.bytes().length : Math.min(raw.dripFrom(), raw.bytes().length);
        out.write(raw.bytes(), 0, atOnce);
        for (int i = atOnce; i < raw.bytes().length; i++) {
            out.flush();
            Thread.sleep(raw.drip());
            out.write(raw.bytes()[i]);
        }
        out.flush();
        if (raw.endsWithReset()) {
            // A linger of zero makes close() send RST instead of FIN.
            socket.setSoLinger(true, 0);
        }
    }

    private static Reply decide(Reply.Respond respond, Recorded request) {
        try {
            return respond.respond().apply(request);
        } catch (RuntimeException | AssertionError e) {
            return Reply.json(500, OpenAiBodies.error(
                    "fake upstream: respond function failed: " + e, "fake_upstream_error", "respond_failed"));
        }
    }

    private static void writeJson(Reply.Json json, Recorded request, OutputStream out) throws IOException {
        byte[] body = json.body().getBytes(UTF_8);
        Map<String, String> headers = headers("application/json", json.headers());
        headers.put("Content-Length", Integer.toString(body.length));
        head(json.status(), headers, out);
        if (!request.method().equals("HEAD")) {
            out.write(body);
        }
        out.flush();
    }

    private static void writeBytes(Reply.Bytes reply, Recorded request, OutputStream out) throws IOException {
        byte[] body = reply.body();
        Map<String, String> headers = headers("application/octet-stream", reply.headers());
        if (reply.chunkSize() > 0) {
            headers.put("Transfer-Encoding", "chunked");
        } else {
            headers.put("Content-Length", Integer.toString(body.length));
        }
        head(reply.status(), headers, out);
        out.flush();
        if (request.method().equals("HEAD")) {
            return;
        }
        if (reply.chunkSize() == 0) {
            out.write(body);
            out.flush();
            return;
        }
        for (int at = 0; at < body.length; at += reply.chunkSize()) {
            int n = Math.min(reply.chunkSize(), body.length - at);
            out.write((Integer.toHexString(n) + "\r\n").getBytes(US_ASCII));
            out.write(body, at, n);
            out.write("\r\n".getBytes(US_ASCII));
            out.flush();
        }
        out.write("0\r\n\r\n".getBytes(US_ASCII));
        out.flush();
    }

    private static boolean writeSse(Reply.Sse sse, OutputStream out) throws IOException, InterruptedException {
        Map<String, String> headers = headers("text/event-stream", sse.headers());
        headers.put("Cache-Control", "no-cache");
        headers.put("Transfer-Encoding", "chunked");
        head(200, headers, out);
        out.flush();
        for (int sent = 0; ; sent++) {
            if (sent == sse.holdAfter()) {
                sse.release().await();
            }
            if (sent == sse.cutAfter()) {
                return false;
            }
            if (sent == sse.frames().size()) {
                break;
            }
            if (sent > 0) {
                Thread.sleep(sse.eventDelay());
            }
            byte[] frame = (sse.frames().get(sent) + "\n\n").getBytes(UTF_8);
            out.write((Integer.toHexString(frame.length) + "\r\n").getBytes(US_ASCII));
            out.write(frame);
            out.write("\r\n".getBytes(US_ASCII));
            out.flush();
        }
        out.write("0\r\n\r\n".getBytes(US_ASCII));
        out.flush();
        return true;
    }

    private static Map<String, String> headers(String contentType, Map<String, String> scripted) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Content-Type", contentType);
        headers.putAll(scripted);
        return headers;
    }

    private static void head(int status, Map<String, String> headers, OutputStream out) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status));
        headers.forEach((name, value) -> head.append("\r\n").append(name).append(": ").append(value));
        out.write(head.append("\r\n\r\n").toString().getBytes(UTF_8));
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status " + status;
        };
    }
}
