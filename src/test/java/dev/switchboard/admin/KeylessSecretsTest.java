package dev.switchboard.admin;

import static dev.switchboard.admin.AdminFixtures.assertError;
import static dev.switchboard.admin.AdminFixtures.definition;
import static dev.switchboard.admin.AdminFixtures.endpoint;
import static dev.switchboard.admin.AdminFixtures.json;
import static dev.switchboard.admin.AdminFixtures.ok;
import static dev.switchboard.admin.AdminFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A self-hosted server (Ollama, vLLM, LM Studio, or any OpenAI-compatible one as {@code custom})
 * often takes no key: its secret is created without {@code secret_value}, stores no key, and the
 * gateway calls the server with no {@code Authorization} header. Providers that need a key still
 * refuse a secret without one.
 */
class KeylessSecretsTest {

    private static final String HELLO = "{\"messages\": [{\"role\": \"user\", \"content\": \"Hello!\"}]}";

    @TempDir
    static Path dir;
    static TestGateway gw;
    static FakeUpstream local;
    static FakeUpstream moved;

    @BeforeAll
    static void start() {
        gw = TestGateway.start(dir);
        local = FakeUpstream.start();
        local.setDefault(Reply.json(OpenAiBodies.chatCompletion("llama3", "from the local server", 3, 2)));
        moved = FakeUpstream.start();
        moved.setDefault(Reply.json(OpenAiBodies.chatCompletion("llama3", "from the moved server", 3, 2)));
    }

    @AfterAll
    static void stop() {
        gw.close();
        local.close();
        moved.close();
    }

    @Test
    void a_custom_server_secret_needs_no_key_and_its_calls_carry_no_authorization_header() {
        String name = unique("local");
        var created = ok(gw.api("POST", "secrets/create", """
                {"secret_name": "%s", "provider": "custom", "auth_config": {"api_base": "%s/v1"}}
                """.formatted(name, local.baseUrl()))).json().path("secret");
        assertThat(created.path("masked_values")).as("no key stored").isEqualTo(json("{}"));

        String endpoint = unique("keyless");
        endpoint(gw, endpoint, definition(gw, unique("def"), created.path("secret_id").asText(), "custom", "llama3"));

        int before = local.requestCount();
        assertThat(invoke(endpoint).body()).contains("from the local server");
        Recorded request = local.received().get(before);
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("Authorization")).as("no key, so no Authorization header").isEmpty();
    }

    @Test
    void an_empty_secret_value_is_accepted_for_a_provider_whose_key_is_optional() {
        var secret = ok(gw.api("POST", "secrets/create", """
                {"secret_name": "%s", "provider": "ollama", "secret_value": {}}
                """.formatted(unique("ollama")))).json().path("secret");

        assertThat(secret.path("provider").asText()).isEqualTo("ollama");
        assertThat(secret.path("masked_values")).isEqualTo(json("{}"));
    }

    @Test
    void a_provider_that_needs_a_key_still_refuses_a_secret_without_one() {
        assertError(gw.api("POST", "secrets/create", """
                {"secret_name": "%s", "provider": "openai"}""".formatted(unique("no-key"))),
                400, "INVALID_PARAMETER_VALUE").contains("requires secret_value field(s) api_key");
    }

    @Test
    void a_secret_for_no_provider_still_needs_a_value() {
        assertError(gw.api("POST", "secrets/create", """
                {"secret_name": "%s"}""".formatted(unique("nothing"))), 400, "INVALID_PARAMETER_VALUE")
                .contains("'secret_value'").contains("'custom'");
    }

    @Test
    void a_keyless_secret_moves_to_another_server_without_a_key_and_sends_one_once_given() {
        String secretId = ok(gw.api("POST", "secrets/create", """
                {"secret_name": "%s", "provider": "vllm", "auth_config": {"api_base": "%s/v1"}}
                """.formatted(unique("vllm"), local.baseUrl()))).text("/secret/secret_id");
        String endpoint = unique("moving");
        endpoint(gw, endpoint, definition(gw, unique("def"), secretId, "vllm", "llama3"));

        // No key to leak, so a new address needs none.
        ok(gw.api("POST", "secrets/update", """
                {"secret_id": "%s", "auth_config": {"api_base": "%s/v1"}}""".formatted(secretId, moved.baseUrl())));
        int before = moved.requestCount();
        assertThat(invoke(endpoint).body()).contains("from the moved server");
        assertThat(moved.received().get(before).header("Authorization")).isEmpty();

        // Started with --api-key after all: the key given later is sent.
        ok(gw.api("POST", "secrets/update", """
                {"secret_id": "%s", "secret_value": {"api_key": "sk-vllm-started-with-a-key"}}""".formatted(secretId)));
        before = moved.requestCount();
        assertThat(invoke(endpoint).body()).contains("from the moved server");
        assertThat(moved.received().get(before).header("Authorization")).hasValue("Bearer sk-vllm-started-with-a-key");
    }

    private static TestGateway.Response invoke(String endpoint) {
        TestGateway.Response answer = gw.send("POST", "/gateway/" + endpoint + "/mlflow/invocations", HELLO);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }
}
