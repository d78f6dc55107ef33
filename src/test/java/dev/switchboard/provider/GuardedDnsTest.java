package dev.switchboard.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.core.ApiBasePolicy;
import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.Caller;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport's guarded resolver refuses loopback targets before connecting; a permissive one connects. */
class GuardedDnsTest {

    private static final ApiBasePolicy STRICT = ApiBasePolicy.fromEnv(Map.of("SWITCHBOARD_API_BASE_ALLOWED_SCHEMES", "http,https"));

    private final AtomicInteger served = new AtomicInteger();
    private HttpServer server;

    @BeforeEach
    void start_a_loopback_origin() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", exchange -> {
            served.incrementAndGet();
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop_the_origin() {
        server.stop(0);
    }

    @Test
    void refuses_a_hostname_that_resolves_to_loopback_before_connecting() {
        assertThatThrownBy(() -> get(STRICT, "http://localhost:" + port() + "/v1"))
                .isInstanceOf(GatewayException.NoUsableTarget.class)
                .hasMessageContaining("'localhost'")
                .hasMessageContaining("127.0.0.1 is a loopback address (127.0.0.0/8)")
                .hasMessageContaining("SWITCHBOARD_ALLOW_PRIVATE_API_BASE=true");
        assertThat(served).hasValue(0);
    }

    @Test
    void is_consulted_for_ip_literals_too() {
        assertThatThrownBy(() -> get(STRICT, "http://127.0.0.1:" + port() + "/v1"))
                .isInstanceOf(GatewayException.NoUsableTarget.class)
                .hasMessageContaining("127.0.0.1 is a loopback address");
        assertThatThrownBy(() -> get(STRICT, "http://[::ffff:127.0.0.1]:" + port() + "/v1"))
                .isInstanceOf(GatewayException.NoUsableTarget.class)
                .hasMessageContaining("loopback");
        assertThat(served).hasValue(0);
    }

    @Test
    void a_permissive_policy_connects() {
        assertThat(get(ApiBasePolicy.permissive(), "http://localhost:" + port() + "/v1")).isEqualTo("200 hello");
        assertThat(get(ApiBasePolicy.permissive(), "http://127.0.0.1:" + port() + "/v1")).isEqualTo("200 hello");
        assertThat(served).hasValue(2);
    }

    @Test
    void the_allow_private_variable_lets_it_connect() {
        ApiBasePolicy allowing = ApiBasePolicy.fromEnv(Map.of("SWITCHBOARD_ALLOW_PRIVATE_API_BASE", "true",
                "SWITCHBOARD_API_BASE_ALLOWED_SCHEMES", "http,https"));
        assertThat(get(allowing, "http://localhost:" + port() + "/v1")).isEqualTo("200 hello");
    }

    @Test
    void catches_dns_rebinding_between_save_and_call() {
        AtomicInteger lookups = new AtomicInteger();
        ApiBasePolicy rebinding = new ApiBasePolicy(Set.of("http"), false, host -> new InetAddress[] {
            InetAddress.getByAddress(host, lookups.getAndIncrement() == 0 ? new byte[] {93, (byte) 184, (byte) 215, 14}
                    : new byte[] {127, 0, 0, 1})});
        String url = "http://rebind.example.com:" + port() + "/v1";

        rebinding.checkUrl(url); // saved while the name pointed at a public address

        assertThatThrownBy(() -> get(rebinding, url))
                .isInstanceOf(GatewayException.NoUsableTarget.class)
                .hasMessageContaining("'rebind.example.com': 127.0.0.1 is a loopback address");
        assertThat(served).hasValue(0);
    }

    @Test
    void refuses_a_name_if_any_of_its_addresses_is_refused() throws Exception {
        GuardedDns dns = new GuardedDns(new ApiBasePolicy(Set.of("https"), false, host -> new InetAddress[] {
            InetAddress.getByName("8.8.8.8"), InetAddress.getByName("fd00:ec2::254")}));
        assertThatThrownBy(() -> dns.resolve("mixed.example.com"))
                .isInstanceOf(GatewayException.NoUsableTarget.class)
                .hasMessageContaining("unique-local");
    }

    @Test
    void returns_every_address_in_the_resolvers_order() throws Exception {
        GuardedDns dns = new GuardedDns(new ApiBasePolicy(Set.of("https"), false, host -> new InetAddress[] {
            InetAddress.getByName("2606:4700:4700::1111"), InetAddress.getByName("1.1.1.1")}));
        assertThat(dns.resolve("one.example.com")).extracting(InetAddress::getHostAddress)
                .containsExactly("2606:4700:4700:0:0:0:0:1111", "1.1.1.1");
    }

    @Test
    void an_unknown_host_is_an_upstream_failure_as_with_the_default_resolver() {
        GuardedDns dns = new GuardedDns(new ApiBasePolicy(Set.of("https"), false, host -> {
            throw new UnknownHostException(host);
        }));
        assertThatThrownBy(() -> dns.resolve("nowhere.invalid"))
                .isInstanceOf(GatewayException.UpstreamUnavailable.class)
                .hasMessageContaining("Unknown host nowhere.invalid");
    }

    /** POSTs to {@code url} through a Transport for which no origin is built in, so every address is checked. */
    private static String get(ApiBasePolicy policy, String url) {
        try (Transport transport = new Transport(policy, Set.of());
             UpstreamResponse response = transport.post(URI.create(url), Map.of(), new byte[0], Timeouts.DEFAULT, Caller.none())) {
            return response.status() + " " + new String(response.readAll(1024), StandardCharsets.UTF_8);
        }
    }

    private int port() {
        return server.getAddress().getPort();
    }
}
