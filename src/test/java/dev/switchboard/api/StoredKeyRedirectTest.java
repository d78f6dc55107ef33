package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whoever can reach the management API must not be able to aim a stored key at their own server
 * and read it from the next call: moving a key's api_base takes the key itself. Two fake
 * upstreams stand for the provider and for the attacker's server.
 */
class StoredKeyRedirectTest {

    private static final String KEY = "sk-stored-key-never-leaves-1234";
    private static final String CHAT = "{\"model\": \"chat\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}";

    @TempDir
    Path dir;
    GatewayFixture fixture;
    FakeUpstream provider;
    FakeUpstream attacker;
    String secretId;

    @BeforeEach
    void start() {
        fixture = GatewayFixture.start(dir);
        provider = fixture.upstream();
        attacker = fixture.upstream();
        provider.setDefault(Reply.json(200, OpenAiBodies.chatCompletion("m", "from the provider", 1, 1)));
        attacker.setDefault(Reply.json(200, OpenAiBodies.chatCompletion("m", "from the attacker", 1, 1)));
        secretId = fixture.gateway().api("POST", "secrets/create", """
                {"secret_name": "prod", "secret_value": {"api_key": "%s"}, "provider": "custom",
                 "auth_config": {"api_base": "%s"}}""".formatted(KEY, provider.baseUrl())).text("/secret/secret_id");
        String definition = fixture.gateway().api("POST", "model-definitions/create", """
                {"name": "m", "secret_id": "%s", "provider": "custom", "model_name": "m"}"""
                .formatted(secretId)).text("/model_definition/model_definition_id");
        fixture.endpoint("chat", definition);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private TestGateway.Response updateSecret(String fields) {
        return fixture.gateway().api("POST", "secrets/update", "{\"secret_id\": \"" + secretId + "\", " + fields + "}");
    }

    @Test
    void an_update_without_the_key_cannot_aim_the_stored_key_at_another_server() {
        TestGateway.Response moved = updateSecret("\"auth_config\": {\"api_base\": \"" + attacker.baseUrl() + "\"}");
        TestGateway.Response answer = fixture.gateway().send("POST", "/gateway/openai/v1/chat/completions", CHAT);

        assertThat(moved.status()).isEqualTo(400);
        assertThat(moved.body()).doesNotContain(KEY);
        assertThat(answer.body()).contains("from the provider");
        assertThat(attacker.requestCount()).isZero();
        assertThat(provider.takeRequest().header("Authorization")).hasValue("Bearer " + KEY);
    }

    @Test
    void an_update_that_carries_a_key_moves_only_that_key() {
        TestGateway.Response moved = updateSecret("\"secret_value\": {\"api_key\": \"sk-the-callers-own-key-5678\"}, "
                + "\"auth_config\": {\"api_base\": \"" + attacker.baseUrl() + "\"}");
        fixture.gateway().send("POST", "/gateway/openai/v1/chat/completions", CHAT);

        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(attacker.takeRequest().header("Authorization")).hasValue("Bearer sk-the-callers-own-key-5678");
        assertThat(provider.requestCount()).isZero();
    }
}
