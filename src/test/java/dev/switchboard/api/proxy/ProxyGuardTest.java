package dev.switchboard.api.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy route dials through the api_base guard like every provider call. */
class ProxyGuardTest {

    @TempDir
    Path dir;

    @Test
    void an_api_base_the_guard_refuses_is_never_called() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start()) {
            // Saved while private addresses were allowed, then served by a gateway that refuses them.
            try (TestGateway open = TestGateway.start(dir)) {
                ProxyFixtures.endpoint(open, "local", "custom", upstream.baseUrl() + "/v1", "sk-guarded-key-4321");
            }
            try (TestGateway guarded = TestGateway.start(dir, Map.of("SWITCHBOARD_KEK_PASSPHRASE", TestGateway.PASSPHRASE,
                    "SWITCHBOARD_ALLOW_PRIVATE_API_BASE", "false", "SWITCHBOARD_API_BASE_ALLOWED_SCHEMES", "http,https"))) {
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        guarded.uri("/gateway/proxy/local/files")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(503);
                var error = new TestGateway.Response(response.statusCode(), response.body()).json().path("error");
                assertThat(error.path("message").asText()).contains("Refused to connect").contains("127.0.0.1");
                assertThat(error.path("type").isTextual()).isTrue();
                assertThat(upstream.requestCount()).isZero();
            }
        }
    }
}
