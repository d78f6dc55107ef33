package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.GeminiBodies;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gemini's embeddings through the real gateway, both sides: {@code :embedContent} and
 * {@code :batchEmbedContents} passed through to a Gemini target and translated to an OpenAI-format
 * one, and OpenAI's {@code /embeddings} translated to a Gemini embedding model.
 */
class GeminiEmbeddingsRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BATCH = """
            {"requests": [
              {"model": "models/%1$s", "content": {"parts": [{"text": "first"}]}, "taskType": "RETRIEVAL_DOCUMENT",
               "title": "One", "outputDimensionality": 3},
              {"model": "models/%1$s", "content": {"parts": [{"text": "second"}]}, "taskType": "RETRIEVAL_DOCUMENT",
               "title": "Two", "outputDimensionality": 3}]}""";
    private static final String SINGLE = """
            {"content": {"parts": [{"text": "only"}]}, "taskType": "RETRIEVAL_QUERY"}""";

    @TempDir
    static Path dir;
    static GatewayFixture fixture;
    static FakeUpstream gemini;
    static FakeUpstream openai;
    static FakeUpstream anthropic;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(dir);
        gemini = fixture.upstream();
        openai = fixture.upstream();
        anthropic = fixture.upstream();
        String geminiEmbedding = fixture.definition("gemini", gemini.baseUrl(), "gemini-embedding-001");
        fixture.endpoint("gemini-embed", geminiEmbedding);
        String openaiEmbedding = fixture.definition("custom", openai.baseUrl(), "text-embedding-3-small");
        fixture.endpoint("openai-embed", openaiEmbedding);
        fixture.endpoint("claude", fixture.definition("anthropic", anthropic.baseUrl(), "claude-sonnet-4-5"));
        fixture.endpoint("gemini-then-openai", """
                [{"model_definition_id": "%s", "linkage_type": "PRIMARY"},
                 {"model_definition_id": "%s", "linkage_type": "FALLBACK", "fallback_order": 0}]"""
                .formatted(geminiEmbedding, openaiEmbedding), "");
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static HttpResponse<String> call(String endpoint, String method, String body) {
        return fixture.exchange("POST", "/gateway/gemini/v1beta/models/" + endpoint + ":" + method, body);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_batch_to_a_gemini_model_is_passed_through_with_the_targets_model_in_each_request() {
        gemini.enqueue(Reply.json(GeminiBodies.embeddings(2, 3)));

        HttpResponse<String> answer = call("gemini-embed", "batchEmbedContents", BATCH.formatted("gemini-embed"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(json(answer.body())).isEqualTo(json(GeminiBodies.embeddings(2, 3)));
        Recorded sent = gemini.received().getLast();
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        assertThat(sent.header("x-goog-api-key")).isPresent();
        assertThat(sent.bodyJson()).isEqualTo(json(BATCH.formatted("gemini-embedding-001")));
    }

    @Test
    void one_content_to_a_gemini_model_is_passed_through_to_embed_content() {
        gemini.enqueue(Reply.json("{\"embedding\": {\"values\": [0.5, -0.25]}}"));

        HttpResponse<String> answer = call("gemini-embed", "embedContent", SINGLE);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(json(answer.body())).isEqualTo(json("{\"embedding\": {\"values\": [0.5, -0.25]}}"));
        Recorded sent = gemini.received().getLast();
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-embedding-001:embedContent");
        assertThat(sent.bodyJson()).isEqualTo(json(SINGLE));
    }

    @Test
    void a_batch_to_an_openai_model_is_translated_both_ways() {
        openai.enqueue(Reply.json(OpenAiBodies.embeddings(2, 3)));

        HttpResponse<String> answer = call("openai-embed", "batchEmbedContents", BATCH.formatted("openai-embed"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode embeddings = json(answer.body()).path("embeddings");
        assertThat(embeddings).hasSize(2);
        assertThat(embeddings.get(0).path("values").get(0).floatValue()).isEqualTo(0.1f);
        assertThat(embeddings.get(1).path("values").get(2).floatValue()).isEqualTo(0.202f);
        Recorded sent = openai.received().getLast();
        assertThat(sent.path()).isEqualTo("/embeddings");
        assertThat(sent.bodyJson()).isEqualTo(json("""
                {"model": "text-embedding-3-small", "input": ["first", "second"], "dimensions": 3}"""));
    }

    @Test
    void one_content_to_an_openai_model_is_one_input_and_one_embedding() {
        openai.enqueue(Reply.json(OpenAiBodies.embeddings(1, 2)));

        HttpResponse<String> answer = call("openai-embed", "embedContent", SINGLE);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(json(answer.body())).isEqualTo(json("{\"embedding\": {\"values\": [0.1, 0.101]}}"));
        assertThat(openai.received().getLast().bodyJson().path("input").asText()).isEqualTo("only");
    }

    @Test
    void an_openai_caller_reaches_a_gemini_embedding_model_with_zero_usage() {
        gemini.enqueue(Reply.json(GeminiBodies.embeddings(2, 3)));

        HttpResponse<String> answer = fixture.exchange("POST", "/gateway/openai/v1/embeddings",
                "{\"model\": \"gemini-embed\", \"input\": [\"a\", \"b\"], \"dimensions\": 3}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = json(answer.body());
        assertThat(body.path("data")).hasSize(2);
        assertThat(body.at("/data/1/embedding/0").floatValue()).isEqualTo(0.2f);
        assertThat(body.at("/data/1/index").asInt()).isEqualTo(1);
        assertThat(body.path("usage")).isEqualTo(json("{\"prompt_tokens\": 0, \"total_tokens\": 0}"));
        Recorded sent = gemini.received().getLast();
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        assertThat(sent.bodyJson()).isEqualTo(json("""
                {"requests": [
                  {"model": "models/gemini-embedding-001", "content": {"parts": [{"text": "a"}]}, "outputDimensionality": 3},
                  {"model": "models/gemini-embedding-001", "content": {"parts": [{"text": "b"}]}, "outputDimensionality": 3}]}"""));
    }

    @Test
    void a_failing_gemini_target_falls_back_to_the_next_which_is_translated() {
        gemini.enqueue(Reply.json(503, GeminiBodies.error(503, "UNAVAILABLE", "The model is overloaded")));
        openai.enqueue(Reply.json(OpenAiBodies.embeddings(2, 3)));

        HttpResponse<String> answer = call("gemini-then-openai", "batchEmbedContents",
                BATCH.formatted("gemini-then-openai"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("x-switchboard-attempts")).contains("2");
        assertThat(json(answer.body()).path("embeddings")).hasSize(2);
    }

    @Test
    void errors_have_googles_shape() {
        HttpResponse<String> otherModel = call("gemini-embed", "batchEmbedContents", BATCH.formatted("openai-embed"));
        assertThat(otherModel.statusCode()).isEqualTo(400);
        assertThat(json(otherModel.body()).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(json(otherModel.body()).at("/error/message").asText())
                .contains("'requests[0].model' must be models/gemini-embed");

        HttpResponse<String> noEmbeddings = call("claude", "embedContent", SINGLE);
        assertThat(noEmbeddings.statusCode()).isEqualTo(400);
        assertThat(json(noEmbeddings.body()).at("/error/message").asText()).contains("has no embeddings");
        assertThat(anthropic.requestCount()).isZero();

        HttpResponse<String> unknown = call("no-such-endpoint", "embedContent", SINGLE);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown.body()).at("/error/status").asText()).isEqualTo("NOT_FOUND");

        HttpResponse<String> noContent = call("gemini-embed", "embedContent", "{\"taskType\": \"CLUSTERING\"}");
        assertThat(noContent.statusCode()).isEqualTo(400);
        assertThat(json(noContent.body()).at("/error/message").asText()).contains("'content' is required");

        for (String method : List.of("predict", "")) {
            HttpResponse<String> unserved = call("gemini-embed", method, SINGLE);
            assertThat(unserved.statusCode()).isEqualTo(404);
            assertThat(json(unserved.body()).at("/error/message").asText()).contains(":batchEmbedContents");
        }
    }
}
