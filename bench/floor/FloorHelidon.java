import dev.switchboard.provider.Caller;
import dev.switchboard.provider.Timeouts;
import dev.switchboard.provider.UpstreamResponse;
import dev.switchboard.provider.http.Http1Client;
import dev.switchboard.provider.http.Origin;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import java.net.ProxySelector;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The floor of the gateway's stack: Helidon's server (configured as the gateway configures it) and
 * the gateway's HTTP client, forwarding each POST body to the upstream and its answer back, with no
 * routing, JSON, usage or metrics. Usage: FloorHelidon PORT UPSTREAM_PORT UPSTREAM_PATH
 */
public final class FloorHelidon {
    public static void main(String[] args) throws Exception {
        Http1Client client = new Http1Client(Http1Client.SYSTEM_DNS, ProxySelector.of(null),
                SSLContext.getDefault().getSocketFactory());
        Origin upstream = new Origin(false, "127.0.0.1", Integer.parseInt(args[1]));
        String path = args[2];
        WebServer.builder()
                .host("127.0.0.1")
                .port(Integer.parseInt(args[0]))
                .useNio(false)
                .connectionOptions(options -> options.tcpNoDelay(true))
                .addProtocol(Http1Config.builder().validateResponseHeaders(false).build())
                .routing(routing -> routing.post("/*", (req, res) -> {
                    byte[] body = req.content().inputStream().readAllBytes();
                    try (UpstreamResponse answer = client.post(upstream, path, "application/json",
                            Map.of("Authorization", "Bearer floor"), body, Timeouts.DEFAULT, Caller.none())) {
                        byte[] bytes = answer.readAll(1 << 20);
                        res.header(HeaderNames.CONTENT_TYPE, "application/json");
                        res.send(bytes);
                    }
                }))
                .build()
                .start();
        Thread.currentThread().join();
    }
}
