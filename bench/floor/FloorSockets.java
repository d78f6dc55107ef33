import dev.switchboard.provider.Caller;
import dev.switchboard.provider.Timeouts;
import dev.switchboard.provider.UpstreamResponse;
import dev.switchboard.provider.http.Http1Client;
import dev.switchboard.provider.http.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The floor of blocking I/O on virtual threads: a bare server socket, one virtual thread per
 * connection reading requests by Content-Length, and the gateway's HTTP client forwarding each body
 * upstream. No HTTP framework at all. Usage: FloorSockets PORT UPSTREAM_PORT UPSTREAM_PATH
 */
public final class FloorSockets {
    public static void main(String[] args) throws Exception {
        Http1Client client = new Http1Client(Http1Client.SYSTEM_DNS, ProxySelector.of(null),
                SSLContext.getDefault().getSocketFactory());
        Origin upstream = new Origin(false, "127.0.0.1", Integer.parseInt(args[1]));
        String path = args[2];
        try (ServerSocket server = new ServerSocket(Integer.parseInt(args[0]), 4096, InetAddress.getLoopbackAddress())) {
            while (true) {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> serve(socket, client, upstream, path));
            }
        }
    }

    private static void serve(Socket socket, Http1Client client, Origin upstream, String path) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[8192];
            int pos = 0;
            int limit = 0;
            while (true) {
                int end;
                while ((end = headEnd(buffer, pos, limit)) < 0) {
                    System.arraycopy(buffer, pos, buffer, 0, limit - pos);
                    limit -= pos;
                    pos = 0;
                    int n = in.read(buffer, limit, buffer.length - limit);
                    if (n < 0) {
                        return;
                    }
                    limit += n;
                }
                int length = 0;
                for (String line : new String(buffer, pos, end - pos, StandardCharsets.ISO_8859_1).split("\r\n")) {
                    if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                        length = Integer.parseInt(line.substring(15).strip());
                    }
                }
                pos = end + 4;
                byte[] body = new byte[length];
                int have = Math.min(length, limit - pos);
                System.arraycopy(buffer, pos, body, 0, have);
                pos += have;
                while (have < length) {
                    int n = in.read(body, have, length - have);
                    if (n < 0) {
                        return;
                    }
                    have += n;
                }
                byte[] answer;
                try (UpstreamResponse response = client.post(upstream, path, "application/json",
                        Map.of("Authorization", "Bearer floor"), body, Timeouts.DEFAULT, Caller.none())) {
                    answer = response.readAll(1 << 20);
                }
                byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                        + answer.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
                byte[] reply = new byte[head.length + answer.length];
                System.arraycopy(head, 0, reply, 0, head.length);
                System.arraycopy(answer, 0, reply, head.length, answer.length);
                out.write(reply);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static int headEnd(byte[] b, int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
