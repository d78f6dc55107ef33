package dev.switchboard.wire.openai;

import static dev.switchboard.wire.openai.Fixtures.json;
import static dev.switchboard.wire.openai.Fixtures.parse;
import static dev.switchboard.wire.openai.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.EmbeddingRequest;
import dev.switchboard.core.EmbeddingResponse;
import dev.switchboard.core.GatewayException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiEmbeddingsCodecTest {

    @ParameterizedTest
    @ValueSource(strings = {"embeddings-request.json", "embeddings-base64-request.json"})
    void a_request_fixture_survives_decode_and_encode_unchanged(String fixture) {
        JsonNode original = json(fixture);

        EmbeddingRequest request = OpenAiEmbeddingsCodec.decodeRequest(original);

        assertThat(wire(OpenAiEmbeddingsCodec.encodeRequest(request, original.get("model").textValue())))
                .isEqualTo(original);
    }

    @Test
    void a_list_input_keeps_its_order_and_unknown_fields_go_to_extra() {
        EmbeddingRequest request = OpenAiEmbeddingsCodec.decodeRequest(json("embeddings-base64-request.json"));

        assertThat(request.inputs()).containsExactly("The food was delicious", "and the waiter...");
        assertThat(request.encodingFormat()).contains("base64");
        assertThat(request.dimensions()).hasValue(4);
        assertThat(request.extra()).containsOnlyKeys("user");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "embeddings-response.json|float",
            "embeddings-base64-response.json|base64"})
    void a_response_fixture_survives_decode_and_encode_unchanged(String fixture, String format) {
        JsonNode original = json(fixture);

        EmbeddingResponse response = OpenAiEmbeddingsCodec.decodeResponse(original);

        assertThat(wire(OpenAiEmbeddingsCodec.encodeResponse(response, "text-embedding-3-small", Optional.of(format))))
                .isEqualTo(original);
    }

    @Test
    void base64_embeddings_decode_to_little_endian_float32_values() {
        EmbeddingResponse response = OpenAiEmbeddingsCodec.decodeResponse(json("embeddings-base64-response.json"));

        assertThat(response.vectors()).hasSize(2);
        assertThat(response.vectors().get(0)).containsExactly(0.0023064255f, -0.009327292f, 0.015797347f, -0.0028842222f);
        assertThat(response.vectors().get(1)[3]).isEqualTo(0.5f);
        assertThat(response.usage().input()).isEqualTo(5);
        assertThat(response.model()).contains("text-embedding-3-small");
    }

    @Test
    void float_and_base64_responses_of_the_same_vectors_are_equal_and_convert_into_each_other() {
        EmbeddingResponse fromBase64 = OpenAiEmbeddingsCodec.decodeResponse(json("embeddings-base64-response.json"));

        JsonNode asFloats = wire(OpenAiEmbeddingsCodec.encodeResponse(fromBase64, "m", Optional.of("float")));
        EmbeddingResponse back = OpenAiEmbeddingsCodec.decodeResponse(asFloats);

        assertThat(asFloats.path("data").get(1).path("embedding").get(3).asDouble()).isEqualTo(0.5);
        assertThat(back.vectors().get(0)).containsExactly(fromBase64.vectors().get(0));
        assertThat(OpenAiEmbeddingsCodec.encodeResponse(back, "m", Optional.of("base64")).path("data").get(0)
                .path("embedding").asText()).isEqualTo("ZicXO4DRGLxwaYE8OAU9uw==");
    }

    @Test
    void vectors_are_ordered_by_their_index() {
        EmbeddingResponse response = OpenAiEmbeddingsCodec.decodeResponse(parse("""
                {"data": [{"embedding": [2.0], "index": 1}, {"embedding": [1.0], "index": 0}]}"""));

        assertThat(response.vectors()).containsExactly(new float[] {1.0f}, new float[] {2.0f});
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{}|'input' is required",
            "{\"input\": []}|'input' must not be an empty list",
            "{\"input\": 5}|'input' must be a string or a list of strings",
            "{\"input\": [1, 2, 3]}|'input' must be a string or a list of strings here: token ids are only passed through, on the OpenAI embeddings route, to a provider that speaks OpenAI's format",
            "{\"input\": [[1, 2], [3]]}|'input' must be a string or a list of strings here: token ids are only passed through, on the OpenAI embeddings route, to a provider that speaks OpenAI's format",
            "{\"input\": [\"a\", {}]}|'input[1]' must be a string",
            "{\"input\": \"a\", \"encoding_format\": \"int8\"}|'encoding_format' must be 'float' or 'base64'",
            "{\"input\": \"a\", \"dimensions\": 0}|'dimensions' must be a positive integer",
            "{\"input\": \"a\", \"dimensions\": \"256\"}|'dimensions' must be an integer"})
    void a_malformed_request_is_a_400_naming_the_field(String body, String message) {
        var thrown = catchThrowableOfType(GatewayException.InvalidRequest.class,
                () -> OpenAiEmbeddingsCodec.decodeRequest(parse(body)));

        assertThat(thrown.getMessage()).isEqualTo(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"input\": \"a\"}", "{\"input\": [\"a\", \"b\"]}", "{\"input\": [1, 2, 3]}",
            "{\"input\": [[1, 2], [3]]}", "{\"input\": [0], \"dimensions\": 8, \"encoding_format\": \"base64\"}"})
    void the_shape_check_takes_texts_and_token_ids_alike(String body) {
        OpenAiEmbeddingsCodec.checkShape(parse(body));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{}|'input' is required",
            "{\"input\": []}|'input' must not be an empty list",
            "{\"input\": {}}|'input' must be a string, a list of strings, or a list of token ids",
            "{\"input\": [\"a\", 1]}|'input[1]' must be a string, as the first input is",
            "{\"input\": [1, \"a\"]}|'input[1]' must be a token id (an integer), as the first input is",
            "{\"input\": [-1]}|'input[0]' must be a token id (an integer), as the first input is",
            "{\"input\": [1.5]}|'input[0]' must be a token id (an integer), as the first input is",
            "{\"input\": [[1], []]}|'input[1]' must be a non-empty list of token ids (integers)",
            "{\"input\": [[1], [\"a\"]]}|'input[1]' must be a non-empty list of token ids (integers)",
            "{\"input\": \"a\", \"dimensions\": 0}|'dimensions' must be a positive integer"})
    void the_shape_check_refuses_what_no_provider_takes(String body, String message) {
        var thrown = catchThrowableOfType(GatewayException.InvalidRequest.class,
                () -> OpenAiEmbeddingsCodec.checkShape(parse(body)));

        assertThat(thrown.getMessage()).isEqualTo(message);
    }

    @Test
    void a_provider_response_without_data_is_an_upstream_failure() {
        var thrown = catchThrowableOfType(GatewayException.UpstreamUnavailable.class,
                () -> OpenAiEmbeddingsCodec.decodeResponse(parse("{\"object\": \"list\"}")));

        assertThat(thrown.status()).isEqualTo(502);
    }
}
