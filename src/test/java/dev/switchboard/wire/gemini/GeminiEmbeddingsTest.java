package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.Fixtures.json;
import static dev.switchboard.wire.gemini.Fixtures.parse;
import static dev.switchboard.wire.gemini.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.EmbeddingRequest;
import dev.switchboard.core.EmbeddingResponse;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Operation;
import dev.switchboard.core.Usage;
import dev.switchboard.core.WireFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Gemini's embedContent and batchEmbedContents against the canonical embeddings, both ways. */
class GeminiEmbeddingsTest {

    private static final WireFormat.Embeddings BATCH = GeminiFormat.INSTANCE.embeddings().orElseThrow();
    private static final WireFormat.Embeddings SINGLE = GeminiFormat.INSTANCE.embedContent();

    private static ObjectNode object(String name) {
        return (ObjectNode) json(name);
    }

    @Test
    void the_two_methods_are_their_own_operations() {
        assertThat(BATCH.operation()).isEqualTo(Operation.BATCH_EMBED_CONTENTS);
        assertThat(SINGLE.operation()).isEqualTo(Operation.EMBED_CONTENT);
    }

    @Test
    void a_batch_decodes_to_one_input_per_request_with_its_dimensions() {
        EmbeddingRequest request = BATCH.decodeRequest(object("request-batch-embed-contents.json"));

        assertThat(request.inputs()).containsExactly("What is the meaning of life?",
                "How much wood would a woodchuck chuck?", "How does the brain work?");
        assertThat(request.dimensions()).isEqualTo(OptionalInt.of(3));
        assertThat(request.encodingFormat()).isEmpty();
        assertThat(request.sourceFormat()).contains(GeminiFormat.INSTANCE);
    }

    @Test
    void one_content_is_one_input_of_its_text_parts_joined_by_newlines() {
        ObjectNode body = (ObjectNode) parse("""
                {"content": {"parts": [{"text": "first"}, {"inlineData": {"mimeType": "image/png", "data": "AA=="}},
                 {"text": "second"}]}}""");

        EmbeddingRequest request = SINGLE.decodeRequest(body);

        assertThat(request.inputs()).containsExactly("first\nsecond");
        assertThat(request.dimensions()).isEmpty();
    }

    @Test
    void a_batch_whose_requests_ask_for_different_sizes_cannot_be_translated() {
        ObjectNode body = object("request-batch-embed-contents.json");
        ((ObjectNode) body.get("requests").get(2)).put("outputDimensionality", 5);

        assertThatThrownBy(() -> BATCH.decodeRequest(body)).isInstanceOf(GatewayException.InvalidRequest.class)
                .hasMessageContaining("requests[2].outputDimensionality").hasMessageContaining("requests[0].");
    }

    @Test
    void a_malformed_request_is_a_400_naming_the_field() {
        assertThatThrownBy(() -> BATCH.checkShape((ObjectNode) parse("{\"requests\": []}")))
                .isInstanceOf(GatewayException.InvalidRequest.class).hasMessageContaining("'requests' must be a non-empty list");
        assertThatThrownBy(() -> BATCH.checkShape((ObjectNode) parse(
                "{\"requests\": [{\"content\": {\"parts\": [{\"text\": \"x\"}]}}, {\"taskType\": \"CLUSTERING\"}]}")))
                .isInstanceOf(GatewayException.InvalidRequest.class).hasMessageContaining("'requests[1].content' is required");
        assertThatThrownBy(() -> SINGLE.checkShape((ObjectNode) parse(
                "{\"content\": {\"parts\": [{\"text\": \"x\"}]}, \"outputDimensionality\": 0}")))
                .isInstanceOf(GatewayException.InvalidRequest.class)
                .hasMessageContaining("'outputDimensionality' must be a positive integer");
        assertThatCode(() -> SINGLE.checkShape(object("request-embed-content.json"))).doesNotThrowAnyException();
    }

    @Test
    void each_request_of_a_batch_names_the_model_of_the_url_or_none() {
        ObjectNode body = object("request-batch-embed-contents.json");
        ((ObjectNode) body.get("requests").get(1)).remove("model");
        ((ObjectNode) body.get("requests").get(2)).put("model", "gemini-embedding-001");
        assertThatCode(() -> GeminiFormat.INSTANCE.checkBatchModels(body, "gemini-embedding-001"))
                .doesNotThrowAnyException();

        assertThatThrownBy(() -> GeminiFormat.INSTANCE.checkBatchModels(body, "embed"))
                .isInstanceOf(GatewayException.InvalidRequest.class)
                .hasMessageContaining("'requests[0].model' must be models/embed");
    }

    @Test
    void a_provider_is_sent_a_batch_naming_its_model_in_each_request() {
        EmbeddingRequest request = new EmbeddingRequest(List.of("one", "two"), Optional.of("base64"), OptionalInt.of(8),
                Map.of());

        JsonNode sent = wire(BATCH.encodeRequest(request, "gemini-embedding-001"));

        assertThat(sent).isEqualTo(parse("""
                {"requests": [
                  {"model": "models/gemini-embedding-001", "content": {"parts": [{"text": "one"}]}, "outputDimensionality": 8},
                  {"model": "models/gemini-embedding-001", "content": {"parts": [{"text": "two"}]}, "outputDimensionality": 8}]}"""));
    }

    @Test
    void a_providers_batch_answer_decodes_in_order_with_zero_usage() {
        EmbeddingResponse response = BATCH.decodeResponse(json("response-batch-embed-contents.json"));

        assertThat(response.vectors()).hasSize(3);
        assertThat(response.vectors().get(1)).containsExactly(0.008163147f, -0.015219614f, -0.003812542f);
        assertThat(response.usage()).isEqualTo(Usage.NONE);
        assertThatThrownBy(() -> BATCH.decodeResponse(parse("{\"embedding\": {\"values\": [1]}}")))
                .isInstanceOf(GatewayException.UpstreamUnavailable.class);
    }

    @Test
    void a_caller_gets_the_shape_of_the_method_it_called() {
        EmbeddingResponse three = BATCH.decodeResponse(json("response-batch-embed-contents.json"));
        EmbeddingRequest request = BATCH.decodeRequest(object("request-batch-embed-contents.json"));
        EmbeddingResponse one = new EmbeddingResponse(List.of(three.vectors().getFirst()), Usage.NONE, Optional.empty());

        assertThat(wire(BATCH.encodeResponse(three, "text-embedding-3-small", request)))
                .isEqualTo(json("response-batch-embed-contents.json"));
        assertThat(wire(SINGLE.encodeResponse(one, "text-embedding-3-small", request)))
                .isEqualTo(json("response-embed-content.json"));
    }

    @Test
    void pass_through_names_the_targets_model_and_leaves_the_callers_body_alone() {
        ObjectNode batch = object("request-batch-embed-contents.json");
        ObjectNode single = object("request-embed-content.json");

        ObjectNode sentBatch = BATCH.passThrough(batch, "gemini-embedding-exp");
        ObjectNode sentSingle = SINGLE.passThrough(single, "models/gemini-embedding-exp");

        assertThat(sentBatch.get("requests")).allSatisfy(r -> {
            assertThat(r.path("model").asText()).isEqualTo("models/gemini-embedding-exp");
            assertThat(r.path("taskType").asText()).isEqualTo("SEMANTIC_SIMILARITY");
        });
        assertThat(sentSingle.path("model").asText()).isEqualTo("models/gemini-embedding-exp");
        assertThat(sentSingle.path("title").asText()).isEqualTo("Life");
        assertThat(batch).isEqualTo(json("request-batch-embed-contents.json"));
        assertThat(single).isEqualTo(json("request-embed-content.json"));
    }
}
