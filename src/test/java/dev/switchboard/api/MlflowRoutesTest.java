package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MLflow's unified routes: the per-endpoint invocations route and the OpenAI-shaped chat route. */
class MlflowRoutesTest {

    @TempDir
    static Path dir;
    static GatewayFixture fixture;
    static FakeUpstream upstream;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(dir);
        upstream = fixture.upstream();
        fixture.endpoint("chat", fixture.definition(upstream.baseUrl(), "gpt-upstream"));
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static dev.switchboard.TestGateway.Response invoke(String endpoint, String body) {
        return fixture.gateway().send("POST", "/gateway/" + endpoint + "/mlflow/invocations", body);
    }

    @Test
    void a_body_with_messages_is_chat() {
        upstream.enqueue(Reply.json(OpenAiBodies.chatCompletion("gpt-upstream", "Bonjour", 5, 2)));

        var response = invoke("chat", """
                {"messages": [{"role": "system", "content": "Be French"}, {"role": "user", "content": "Hello"}],
                 "temperature": 0.5, "max_tokens": 20}""");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.text("/object")).isEqualTo("chat.completion");
        assertThat(response.text("/choices/0/message/content")).isEqualTo("Bonjour");
        assertThat(response.json().at("/usage/prompt_tokens").asInt()).isEqualTo(5);
        Recorded sent = upstream.received().getLast();
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo("gpt-upstream");
        assertThat(sent.bodyJson().path("messages")).hasSize(2);
        assertThat(sent.bodyJson().path("temperature").asDouble()).isEqualTo(0.5);
    }

    @Test
    void a_body_with_input_is_embeddings() {
        upstream.enqueue(Reply.json(OpenAiBodies.embeddings(2, 3)));

        var response = invoke("chat", "{\"input\": [\"a\", \"b\"]}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("data")).hasSize(2);
        assertThat(response.json().at("/data/0/embedding")).hasSize(3);
        assertThat(upstream.received().getLast().path()).isEqualTo("/embeddings");
    }

    @Test
    void streams_openai_chunks_ending_with_done() {
        upstream.enqueue(Reply.sse(OpenAiBodies.chunks("gpt-upstream", List.of("Hel", "lo"), true)).withDone());

        var response = invoke("chat", "{\"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");

        assertThat(response.status()).isEqualTo(200);
        List<String> events = response.body().lines().filter(l -> l.startsWith("data:")).toList();
        assertThat(String.join("", events)).contains("\"Hel\"").contains("\"lo\"").contains("chat.completion.chunk");
        assertThat(events.getLast()).isEqualTo("data: [DONE]");
    }

    @Test
    void a_model_field_is_refused_with_422() {
        var response = invoke("chat", "{\"model\": \"x\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.text("/detail")).contains("'model' is not permitted");
    }

    @Test
    void a_body_that_is_neither_chat_nor_embeddings_is_a_400() {
        var response = invoke("chat", "{\"prompt\": \"Hi\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("/detail")).isEqualTo("Invalid request: payload format must be either chat or embeddings");
    }

    @Test
    void malformed_json_and_unknown_endpoints_get_detail_errors() {
        var malformed = invoke("chat", "{\"messages\": [");
        var unknown = invoke("nope", "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
        var wrongRole = invoke("chat", "{\"messages\": [{\"role\": \"wizard\", \"content\": \"Hi\"}]}");

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text("/detail")).startsWith("Invalid JSON payload");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("/detail")).contains("nope");
        assertThat(wrongRole.status()).isEqualTo(400);
        assertThat(wrongRole.text("/detail")).contains("role");
    }

    @Test
    void the_unified_chat_route_serves_the_openai_sdk() {
        upstream.enqueue(Reply.json(OpenAiBodies.chatCompletion("gpt-upstream", "Unified", 3, 1)));
        var client = fixture.mlflowOpenai();

        var completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("chat").addUserMessage("Hi").build());

        assertThat(completion.choices().getFirst().message().content()).contains("Unified");
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("missing").addUserMessage("Hi").build())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void an_endpoint_whose_only_key_was_deleted_says_so() {
        String secret = fixture.gateway().api("POST", "secrets/create", """
                {"secret_name": "short-lived", "secret_value": {"api_key": "sk-short-lived-123456"}, "provider": "custom",
                 "auth_config": {"api_base": "%s"}}""".formatted(upstream.baseUrl())).text("/secret/secret_id");
        String definition = fixture.gateway().api("POST", "model-definitions/create", """
                {"name": "orphan-def", "secret_id": "%s", "provider": "custom", "model_name": "m"}"""
                .formatted(secret)).text("/model_definition/model_definition_id");
        fixture.endpoint("orphaned", definition);
        fixture.gateway().api("DELETE", "secrets/delete", "{\"secret_id\": \"" + secret + "\"}");

        var response = invoke("orphaned", "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.text("/detail")).contains("has no usable target").contains("secret was deleted");
    }
}
