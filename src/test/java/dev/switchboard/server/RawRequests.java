package dev.switchboard.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP/1.1 request over a raw socket, with exactly the headers a test gives: Java's HTTP client
 * will not send a chosen {@code Host}, and browsers' headers ({@code Origin}, form content types)
 * are what these tests are about. {@code Host} defaults to the address dialed; the connection is
 * closed after the answer, which is read to the end.
 */
final class RawRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RawRequests() {
    }

    /** Sends {@code method target} with {@code headers} (a null value leaves a default header out) and {@code body}. */
    static Response send(int port, String method, String target, Map<String, String> headers, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", "127.0.0.1:" + port);
        all.put("Connection", "close");
        if (content.length > 0) {
            all.put("Content-Length", Integer.toString(content.length));
        }
        all.putAll(headers);
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        all.forEach((name, value) -> {
            if (value != null) {
                head.append(name).append(": ").append(value).append("\r\n");
            }
        });
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            return Response.parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Response send(int port, String method, String target, Map<String, String> headers) {
        return send(port, method, target, headers, "");
    }

    /** A response: status, headers by lower-case name (repeated headers joined with ", "), body. */
    record Response(int status, Map<String, String> headers, String body) {

        static Response parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new IllegalStateException("No complete response head in: " + text);
            }
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip(), (a, b) -> a + ", " + b);
            }
            byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                rest = dechunk(rest);
            }
            return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers,
                    new String(rest, StandardCharsets.UTF_8));
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Response is not JSON: " + body, e);
            }
        }

        private static byte[] dechunk(byte[] chunked) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int at = 0;
            while (true) {
                int lineEnd = indexOfCrlf(chunked, at);
                int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII)
                        .split(";")[0].strip(), 16);
                if (size == 0) {
                    return out.toByteArray();
                }
                out.write(chunked, lineEnd + 2, size);
                at = lineEnd + 2 + size + 2;
            }
        }

        private static int indexOfCrlf(byte[] bytes, int from) {
            for (int i = from; i + 1 < bytes.length; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                    return i;
                }
            }
            throw new IllegalStateException("A chunk size line has no end");
        }
    }
}
