package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.Reply;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raw proxy over an endpoint with a fallback: a primary that cannot be reached before any byte
 * was sent gives way to the fallback; a primary that fails after the body went out does not.
 */
class ProxyFallbackTest {

    @TempDir
    static Path dir;
    static GatewayFixture fixture;
    static FakeUpstream fallback;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(dir);
        fallback = fixture.upstream();
        FakeUpstream broken = fixture.upstream();
        broken.setDefault(Reply.closeConnection());
        String unreachable = fixture.definition("custom", "http://127.0.0.1:" + FakeUpstream.refusedPort(), "down-model");
        String served = fixture.definition("custom", fallback.baseUrl(), "up-model");
        String cut = fixture.definition("custom", broken.baseUrl(), "cut-model");
        fixture.endpoint("files", """
                [{"model_definition_id": "%s", "linkage_type": "PRIMARY"},
                 {"model_definition_id": "%s", "linkage_type": "FALLBACK", "fallback_order": 0}]"""
                .formatted(unreachable, served), "");
        fixture.endpoint("uploads", """
                [{"model_definition_id": "%s", "linkage_type": "PRIMARY"},
                 {"model_definition_id": "%s", "linkage_type": "FALLBACK", "fallback_order": 0}]"""
                .formatted(cut, served), "");
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void an_unreachable_primary_gives_way_to_the_fallback() throws Exception {
        fallback.enqueue(Reply.json("{\"object\": \"list\", \"data\": []}"));

        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                fixture.gateway().uri("/gateway/proxy/files/files")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-switchboard-target")).hasValue("custom/up-model");
        assertThat(response.headers().firstValue("x-switchboard-attempts")).hasValue("2");
        assertThat(fallback.takeRequest().path()).endsWith("/files");
    }

    @Test
    void a_body_already_sent_is_not_sent_again_to_the_fallback() throws Exception {
        int before = fallback.received().size();

        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                fixture.gateway().uri("/gateway/proxy/uploads/files")).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[4096])).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("\"error\"");
        assertThat(fallback.received()).hasSize(before);
    }
}
