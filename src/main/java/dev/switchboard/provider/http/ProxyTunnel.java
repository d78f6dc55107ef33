package dev.switchboard.provider.http;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Opens a tunnel to an origin through an HTTP proxy (CONNECT), for TLS to run inside. */
final class ProxyTunnel {

    private ProxyTunnel() {
    }

    /**
     * Asks the proxy connected on {@code socket} to tunnel to {@code origin}, within {@code millis}.
     *
     * @throws IOException if the proxy refuses (its status is in the message) or does not answer
     */
    static void open(Socket socket, Origin origin, int millis) throws IOException {
        String target = origin.hostAndPort();
        byte[] request = ("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Http1Connection proxy = new Http1Connection(origin, socket, false);
        proxy.timeout(Duration.ofMillis(millis));
        proxy.write(request, request.length);
        ResponseHead head = ResponseHead.read(proxy);
        if (head.status < 200 || head.status > 299) {
            throw new IOException("The proxy refused to open a tunnel to " + target + ": HTTP " + head.status);
        }
        if (proxy.hasBufferedBytes()) {
            throw new IOException("The proxy sent data before the tunnel to " + target + " was open");
        }
    }
}
