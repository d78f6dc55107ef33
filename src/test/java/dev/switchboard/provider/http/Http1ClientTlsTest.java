package dev.switchboard.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.provider.Caller;
import dev.switchboard.provider.Timeouts;
import dev.switchboard.provider.UpstreamResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS and proxies: a server with a certificate for {@code localhost} made by keytool, a client that
 * trusts it, and a proxy that tunnels (CONNECT) or forwards plain requests.
 */
@Timeout(30)
class Http1ClientTlsTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofSeconds(5));
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;
    private static SSLContext context;

    private final List<AutoCloseable> closeLater = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void make_a_certificate_for_localhost() throws Exception {
        Path store = dir.resolve("localhost.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        km.init(keys, PASSWORD);
        TrustManagerFactory tm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tm.init(keys);
        context = SSLContext.getInstance("TLS");
        context.init(km.getKeyManagers(), tm.getTrustManagers(), null);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeLater) {
            c.close();
        }
    }

    @Test
    void talks_https_to_a_host_its_certificate_names_and_reuses_the_connection() throws IOException {
        RawServer server = tlsServer();
        Http1Client client = client(ProxySelector.of(null));
        Origin origin = new Origin(true, "localhost", server.port());
        assertThat(call(client, origin)).isEqualTo("200 ok");
        assertThat(call(client, origin)).isEqualTo("200 ok");
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.requests.get(0)).contains("\r\nHost: localhost:" + server.port() + "\r\n");
    }

    @Test
    void refuses_a_certificate_for_another_host() throws IOException {
        RawServer server = tlsServer();
        Http1Client client = client(ProxySelector.of(null));
        assertThatThrownBy(() -> call(client, new Origin(true, "127.0.0.1", server.port())))
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void reaches_an_https_origin_through_a_connect_tunnel() throws IOException {
        RawServer server = tlsServer();
        List<String> asked = new CopyOnWriteArrayList<>();
        RawServer proxy = keep(new RawServer(peer -> {
            asked.add(peer.readRequest());
            peer.write("HTTP/1.1 200 Connection established\r\n\r\n");
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                peer.pipe(upstream);
            }
        }));
        Http1Client client = client(through(proxy));
        assertThat(call(client, new Origin(true, "localhost", server.port()))).isEqualTo("200 ok");
        assertThat(asked).singleElement().asString()
                .startsWith("CONNECT localhost:" + server.port() + " HTTP/1.1\r\nHost: localhost:" + server.port());
        assertThat(server.requests).singleElement().asString().startsWith("POST /v1 HTTP/1.1\r\n");
    }

    @Test
    void a_proxy_that_refuses_the_tunnel_is_an_error_naming_its_status() throws IOException {
        RawServer proxy = keep(new RawServer(peer -> {
            peer.readRequest();
            peer.write("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n");
        }));
        Http1Client client = client(through(proxy));
        assertThatThrownBy(() -> call(client, new Origin(true, "localhost", 9)))
                .isInstanceOf(IOException.class)
                .hasMessage("The proxy refused to open a tunnel to localhost:9: HTTP 407");
    }

    @Test
    void sends_plain_http_requests_to_the_proxy_with_the_absolute_url() throws IOException {
        RawServer proxy = keep(new RawServer(peer -> {
            peer.readRequest();
            peer.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        }));
        Http1Client client = client(through(proxy));
        assertThat(call(client, new Origin(false, "provider.example", 8080))).isEqualTo("200 ok");
        assertThat(proxy.requests).singleElement().asString()
                .startsWith("POST http://provider.example:8080/v1 HTTP/1.1\r\nHost: provider.example:8080\r\n");
    }

    private RawServer tlsServer() throws IOException {
        var socket = context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        return keep(new RawServer(socket, peer -> {
            while (peer.readRequest() != null) {
                peer.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            }
        }));
    }

    private Http1Client client(ProxySelector proxies) {
        return keep(new Http1Client(Http1Client.SYSTEM_DNS, proxies, context.getSocketFactory()));
    }

    private static ProxySelector through(RawServer proxy) {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        proxy.port())));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
            }
        };
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        closeLater.add(closeable);
        return closeable;
    }

    private static String call(Http1Client client, Origin origin) throws IOException {
        try (UpstreamResponse response = client.post(origin, "/v1", "application/json", Map.of(), new byte[0],
                TIMEOUTS, Caller.none())) {
            return response.status() + " " + new String(response.body().readAllBytes());
        }
    }
}
