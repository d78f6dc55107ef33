package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.anthropic.models.models.ModelInfo;
import com.anthropic.models.models.ModelListParams;
import com.google.genai.Client;
import com.google.genai.types.ContentEmbedding;
import com.google.genai.types.CountTokensResponse;
import com.google.genai.types.EmbedContentConfig;
import com.google.genai.types.EmbedContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.ListModelsConfig;
import com.google.genai.types.Model;
import dev.switchboard.testing.AnthropicBodies;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.GeminiBodies;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes the Anthropic and Gemini SDKs call beside generation, driven by the official
 * anthropic-java and google-genai SDKs against the real gateway: token counting, Gemini embeddings,
 * and the model lists.
 */
class NativeSdkRoutesTest {

    private static final List<String> ENDPOINTS = List.of("claude", "flash", "gemini-embed", "gpt", "openai-embed");

    @TempDir
    static Path dir;
    static GatewayFixture fixture;
    static FakeUpstream anthropic;
    static FakeUpstream gemini;
    static FakeUpstream openai;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(dir);
        anthropic = fixture.upstream();
        gemini = fixture.upstream();
        openai = fixture.upstream();
        fixture.endpoint("claude", fixture.definition("anthropic", anthropic.baseUrl(), "claude-sonnet-4-5"));
        fixture.endpoint("flash", fixture.definition("gemini", gemini.baseUrl(), "gemini-2.5-flash"));
        fixture.endpoint("gemini-embed", fixture.definition("gemini", gemini.baseUrl(), "gemini-embedding-001"));
        fixture.endpoint("gpt", fixture.definition("custom", openai.baseUrl(), "gpt-4o"));
        fixture.endpoint("openai-embed", fixture.definition("custom", openai.baseUrl(), "text-embedding-3-small"));
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static AnthropicClient anthropicSdk() {
        return AnthropicOkHttpClient.builder().baseUrl(fixture.gateway().uri("/gateway/anthropic").toString())
                .apiKey("not-needed").maxRetries(0).build();
    }

    private static Client geminiSdk() {
        return Client.builder().apiKey("not-needed")
                .httpOptions(HttpOptions.builder().baseUrl(fixture.gateway().uri("/gateway/gemini").toString()).build())
                .build();
    }

    private static MessageCountTokensParams count(String model) {
        return MessageCountTokensParams.builder().model(model).system("You are a scientist")
                .addUserMessage("Hello, Claude").build();
    }

    @Test
    void anthropic_sdk_counts_tokens_with_claude() {
        anthropic.enqueue(Reply.json(AnthropicBodies.tokenCount(14)));

        MessageTokensCount tokens = anthropicSdk().messages().countTokens(count("claude"));

        assertThat(tokens.inputTokens()).isEqualTo(14);
        Recorded sent = anthropic.received().getLast();
        assertThat(sent.path()).isEqualTo("/v1/messages/count_tokens");
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void anthropic_sdk_counts_tokens_of_a_gemini_endpoint_and_of_an_openai_one() {
        gemini.enqueue(Reply.json(GeminiBodies.tokenCount(12)));
        HttpResponseFor<MessageTokensCount> exact = anthropicSdk().messages().withRawResponse()
                .countTokens(count("flash"));
        assertThat(exact.parse().inputTokens()).isEqualTo(12);
        assertThat(exact.headers().values("x-switchboard-token-count")).containsExactly("exact");

        HttpResponseFor<MessageTokensCount> estimated = anthropicSdk().messages().withRawResponse()
                .countTokens(count("gpt"));
        assertThat(estimated.parse().inputTokens()).isEqualTo(14);
        assertThat(estimated.headers().values("x-switchboard-token-count")).containsExactly("estimated");
    }

    @Test
    void anthropic_sdk_lists_every_endpoint_page_by_page_and_retrieves_one() {
        List<String> ids = new ArrayList<>();
        anthropicSdk().models().list(ModelListParams.builder().limit(2L).build()).autoPager()
                .forEach(model -> ids.add(model.id()));

        assertThat(ids).containsExactlyInAnyOrderElementsOf(ENDPOINTS);
        ModelInfo claude = anthropicSdk().models().retrieve("claude");
        assertThat(claude.displayName()).isEqualTo("claude");
        assertThat(claude.createdAt()).isNotNull();
        assertThat(claude.lifecycle()).isEqualTo(ModelInfo.Lifecycle.ACTIVE);
        assertThatThrownBy(() -> anthropicSdk().models().retrieve("no-such-endpoint"))
                .isInstanceOf(com.anthropic.errors.NotFoundException.class);
    }

    @Test
    void gemini_sdk_counts_tokens_with_gemini_and_estimates_for_an_openai_endpoint() {
        gemini.enqueue(Reply.json(GeminiBodies.tokenCount(7)));

        CountTokensResponse counted = geminiSdk().models.countTokens("flash", "Hello there", null);
        CountTokensResponse estimated = geminiSdk().models.countTokens("gpt", "Hello there", null);

        assertThat(counted.totalTokens()).contains(7);
        assertThat(gemini.received().getLast().path()).isEqualTo("/v1beta/models/gemini-2.5-flash:countTokens");
        // 11 characters: 3 tokens, and 3 for the one message
        assertThat(estimated.totalTokens()).contains(6);
    }

    @Test
    void gemini_sdk_embeds_with_a_gemini_model_passed_through() {
        gemini.enqueue(Reply.json(GeminiBodies.embeddings(2, 3)));

        EmbedContentResponse response = geminiSdk().models.embedContent("gemini-embed", List.of("one", "two"),
                EmbedContentConfig.builder().taskType("RETRIEVAL_DOCUMENT").outputDimensionality(3).build());

        List<ContentEmbedding> embeddings = response.embeddings().orElseThrow();
        assertThat(embeddings).hasSize(2);
        assertThat(embeddings.get(1).values().orElseThrow()).containsExactly(0.2f, 0.201f, 0.202f);
        Recorded sent = gemini.received().getLast();
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        assertThat(sent.bodyJson().path("requests")).allSatisfy(request -> {
            assertThat(request.path("model").asText()).isEqualTo("models/gemini-embedding-001");
            assertThat(request.path("taskType").asText()).isEqualTo("RETRIEVAL_DOCUMENT");
        });
    }

    @Test
    void gemini_sdk_embeds_with_an_openai_model_translated() {
        openai.enqueue(Reply.json(OpenAiBodies.embeddings(1, 4)));

        EmbedContentResponse response = geminiSdk().models.embedContent("openai-embed", "only one", null);

        assertThat(response.embeddings().orElseThrow().getFirst().values().orElseThrow())
                .containsExactly(0.1f, 0.101f, 0.102f, 0.103f);
        assertThat(openai.received().getLast().bodyJson().path("input").toString()).isEqualTo("\"only one\"");
    }

    @Test
    void gemini_sdk_lists_every_endpoint_page_by_page_and_gets_one() {
        List<String> names = new ArrayList<>();
        for (Model model : geminiSdk().models.list(ListModelsConfig.builder().pageSize(2).build())) {
            names.add(model.name().orElseThrow());
        }

        assertThat(names).containsExactlyElementsOf(ENDPOINTS.stream().map(n -> "models/" + n).toList());
        Model flash = geminiSdk().models.get("flash", null);
        assertThat(flash.displayName()).contains("flash");
        assertThatThrownBy(() -> geminiSdk().models.get("no-such-endpoint", null))
                .isInstanceOf(com.google.genai.errors.ClientException.class).hasMessageContaining("404");
    }
}
