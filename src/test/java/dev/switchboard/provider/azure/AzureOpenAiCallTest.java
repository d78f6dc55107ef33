package dev.switchboard.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
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
 * Azure OpenAI through the running gateway to a fake Azure resource: the deployment URL, the
 * {@code api-key} header, and no {@code top_k}, which Azure refuses with a 400 (its entry in the
 * provider table drops it), whether the request was translated or passed through.
 */
class AzureOpenAiCallTest {

    private static final String KEY = "azure-key-0123456789";

    @TempDir
    static Path dir;
    static TestGateway gateway;
    static FakeUpstream azure;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start(dir);
        azure = FakeUpstream.start();
        String secret = gateway.api("POST", "secrets/create", """
                {"secret_name": "azure-key", "secret_value": {"api_key": "%s"}, "provider": "azure",
                 "auth_config": {"api_base": "%s"}}""".formatted(KEY, azure.baseUrl())).text("/secret/secret_id");
        String definition = gateway.api("POST", "model-definitions/create", """
                {"name": "azure-def", "secret_id": "%s", "provider": "azure", "model_name": "gpt-4o-prod"}"""
                .formatted(secret)).text("/model_definition/model_definition_id");
        assertThat(gateway.api("POST", "endpoints/create", """
                {"name": "azure-chat", "model_configs": [{"model_definition_id": "%s"}]}""".formatted(definition))
                .status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        azure.close();
    }

    private static AnthropicClient anthropicSdk() {
        return AnthropicOkHttpClient.builder().baseUrl(gateway.uri("/gateway/anthropic").toString())
                .apiKey("not-needed").maxRetries(0).build();
    }

    private static void assertCalledAzure(Recorded sent) {
        assertThat(sent.path()).startsWith("/openai/deployments/gpt-4o-prod/chat/completions?api-version=");
        assertThat(sent.header("api-key")).hasValue(KEY);
    }

    @Test
    void sends_no_top_k_when_an_anthropic_request_is_translated_for_azure() {
        azure.enqueue(Reply.json(OpenAiBodies.chatCompletion("gpt-4o", "Hi from Azure", 5, 3)));

        Message message = anthropicSdk().messages().create(MessageCreateParams.builder().model("azure-chat")
                .maxTokens(64).addUserMessage("Hello")
                // This SDK version has no typed setters for the sampling fields the Messages API documents.
                .putAdditionalBodyProperty("top_k", JsonValue.from(40))
                .putAdditionalBodyProperty("temperature", JsonValue.from(0.5)).build());

        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("Hi from Azure");
        Recorded sent = azure.received().getLast();
        assertCalledAzure(sent);
        assertThat(sent.bodyJson().has("top_k")).as("top_k in %s", sent).isFalse();
        assertThat(sent.bodyJson().path("temperature").asDouble()).isEqualTo(0.5);
    }

    @Test
    void sends_no_top_k_when_an_openai_request_is_passed_through_to_azure() {
        azure.enqueue(Reply.json(OpenAiBodies.chatCompletion("gpt-4o", "Hi from Azure", 5, 3)));

        TestGateway.Response response = gateway.send("POST", "/gateway/openai/v1/chat/completions", """
                {"model": "azure-chat", "messages": [{"role": "user", "content": "Hello"}], "top_k": 40, "top_p": 0.9}""");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Recorded sent = azure.received().getLast();
        assertCalledAzure(sent);
        assertThat(sent.bodyJson().has("top_k")).as("top_k in %s", sent).isFalse();
        assertThat(sent.bodyJson().path("top_p").asDouble()).isEqualTo(0.9);
    }
}
