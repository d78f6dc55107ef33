package dev.switchboard.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.core.ApiBasePolicy;
import dev.switchboard.core.GatewayException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Only what a provider call itself meets counts as the provider's failure (and so lets another
 * target try): a failure of the gateway's own code surfaces as itself, to become a 500.
 */
class TransportTest {

    private static final ApiBasePolicy OPEN = ApiBasePolicy.fromEnv(Map.of(
            "SWITCHBOARD_ALLOW_PRIVATE_API_BASE", "true", "SWITCHBOARD_API_BASE_ALLOWED_SCHEMES", "http,https"));

    private final AtomicInteger served = new AtomicInteger();
    private HttpServer server;

    @BeforeEach
    void start_a_loopback_origin() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", exchange -> {
            served.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop_the_origin() {
        server.stop(0);
    }

    @Test
    void a_failure_of_the_gateways_own_code_is_not_made_an_upstream_failure() {
        Map<String, String> broken = new HashMap<>();
        broken.put("x-broken", null);
        try (Transport transport = new Transport(OPEN, Set.of())) {
            assertThatThrownBy(() -> transport.post(URI.create("http://127.0.0.1:" + port() + "/v1"), broken,
                    new byte[0], Timeouts.DEFAULT, Caller.none()))
                    .isNotInstanceOf(GatewayException.class)
                    .isInstanceOf(NullPointerException.class);
        }
        assertThat(served).hasValue(0);
    }

    @Test
    void a_refused_connection_is_a_retryable_upstream_failure() {
        int closed = port();
        server.stop(0);
        try (Transport transport = new Transport(OPEN, Set.of())) {
            assertThatThrownBy(() -> transport.post(URI.create("http://127.0.0.1:" + closed + "/v1"), Map.of(),
                    new byte[0], Timeouts.DEFAULT, Caller.none()))
                    .isInstanceOfSatisfying(GatewayException.UpstreamUnavailable.class,
                            e -> assertThat(e.retryable()).isTrue());
        }
    }

    private int port() {
        return server.getAddress().getPort();
    }
}
