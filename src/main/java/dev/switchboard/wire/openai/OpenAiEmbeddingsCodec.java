package dev.switchboard.wire.openai;

import static dev.switchboard.wire.openai.OpenAiFields.NODES;
import static dev.switchboard.wire.openai.OpenAiFields.given;
import static dev.switchboard.wire.openai.OpenAiFields.invalid;
import static dev.switchboard.wire.openai.OpenAiFields.putExtra;
import static dev.switchboard.wire.openai.OpenAiFields.rest;
import static dev.switchboard.wire.openai.OpenAiFields.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.EmbeddingRequest;
import dev.switchboard.core.EmbeddingResponse;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Usage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * OpenAI Embeddings ({@code POST /v1/embeddings}) and the canonical model, both ways. Inputs are
 * strings (token-id arrays are refused). With {@code encoding_format: base64} each embedding travels
 * as the base64 of its little-endian float32 values; both forms are decoded and either is encoded.
 */
public final class OpenAiEmbeddingsCodec {

    private static final Set<String> REQUEST_FIELDS = Set.of("model", "input", "encoding_format", "dimensions");

    private OpenAiEmbeddingsCodec() {
    }

    /**
     * The rules every OpenAI-format provider's request meets, without decoding: {@code input} is a
     * string, a list of strings, a list of token ids, or a list of token-id lists, never empty;
     * {@code encoding_format} and {@code dimensions} are valid. Pass-through checks a body with
     * these; token ids are passed through, though translating them to another format is refused.
     */
    public static void checkShape(JsonNode body) {
        options(body);
        JsonNode input = body.get("input");
        if (!given(input)) {
            throw invalid("input", "is required");
        }
        if (input.isTextual()) {
            return;
        }
        if (!input.isArray()) {
            throw invalid("input", "must be a string, a list of strings, or a list of token ids");
        }
        if (input.isEmpty()) {
            throw invalid("input", "must not be an empty list");
        }
        boolean texts = input.get(0).isTextual();
        boolean tokenLists = input.get(0).isArray();
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            if (texts ? !item.isTextual() : tokenLists ? !isTokenList(item) : !isToken(item)) {
                throw invalid("input[" + i + "]", texts ? "must be a string, as the first input is"
                        : tokenLists ? "must be a non-empty list of token ids (integers)"
                        : "must be a token id (an integer), as the first input is");
            }
        }
    }

    /** A caller's request; throws {@link GatewayException.InvalidRequest} naming the bad field. */
    public static EmbeddingRequest decodeRequest(JsonNode body) {
        Optional<String> format = options(body);
        if (format.isPresent() && !format.get().equals("float") && !format.get().equals("base64")) {
            throw invalid("encoding_format", "must be 'float' or 'base64'");
        }
        OptionalInt dimensions = OpenAiFields.integer(body, "dimensions", "dimensions");
        return new EmbeddingRequest(inputs(body.get("input")), format, dimensions, rest(body, REQUEST_FIELDS),
                Optional.of(OpenAiChatFormat.INSTANCE));
    }

    /** The body is an object with a valid {@code encoding_format} (returned) and {@code dimensions}. */
    private static Optional<String> options(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GatewayException.InvalidRequest("The request body must be a JSON object");
        }
        Optional<String> format = OpenAiFields.text(body, "encoding_format", "encoding_format");
        if (format.isPresent() && !format.get().equals("float") && !format.get().equals("base64")) {
            throw invalid("encoding_format", "must be 'float' or 'base64'");
        }
        OptionalInt dimensions = OpenAiFields.integer(body, "dimensions", "dimensions");
        if (dimensions.isPresent() && dimensions.getAsInt() < 1) {
            throw invalid("dimensions", "must be a positive integer");
        }
        return format;
    }

    private static boolean isToken(JsonNode item) {
        return item.isIntegralNumber() && item.canConvertToInt() && item.intValue() >= 0;
    }

    private static boolean isTokenList(JsonNode item) {
        if (!item.isArray() || item.isEmpty()) {
            return false;
        }
        for (JsonNode token : item) {
            if (!isToken(token)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> inputs(JsonNode input) {
        if (!given(input)) {
            throw invalid("input", "is required");
        }
        if (input.isTextual()) {
            return List.of(input.textValue());
        }
        if (!input.isArray()) {
            throw invalid("input", "must be a string or a list of strings");
        }
        if (input.isEmpty()) {
            throw invalid("input", "must not be an empty list");
        }
        List<String> inputs = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            if (item.isNumber() || item.isArray()) {
                throw invalid("input", "must be a string or a list of strings here: token ids are only passed "
                        + "through, on the OpenAI embeddings route, to a provider that speaks OpenAI's format");
            }
            if (!item.isTextual()) {
                throw invalid("input[" + i + "]", "must be a string");
            }
            inputs.add(item.textValue());
        }
        return inputs;
    }

    /** A request for an OpenAI-format provider; a single input is sent as a string. */
    public static ObjectNode encodeRequest(EmbeddingRequest request, String model) {
        ObjectNode body = NODES.objectNode().put("model", model);
        if (request.inputs().size() == 1) {
            body.put("input", request.inputs().getFirst());
        } else {
            ArrayNode input = body.putArray("input");
            request.inputs().forEach(input::add);
        }
        request.encodingFormat().ifPresent(f -> body.put("encoding_format", f));
        request.dimensions().ifPresent(d -> body.put("dimensions", d));
        putExtra(body, request.extra(), request.extraApplies(OpenAiChatFormat.INSTANCE));
        return body;
    }

    /** A provider's embeddings list, vectors ordered by their {@code index}. */
    public static EmbeddingResponse decodeResponse(JsonNode body) {
        JsonNode data = body == null ? null : body.get("data");
        if (data == null || !data.isArray()) {
            throw new GatewayException.UpstreamUnavailable("The provider's embeddings response has no 'data' list", null);
        }
        float[][] vectors = new float[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            int index = item.path("index").asInt(i);
            if (index < 0 || index >= vectors.length || vectors[index] != null) {
                index = i;
            }
            vectors[index] = vector(item.get("embedding"));
        }
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i] == null) {
                throw new GatewayException.UpstreamUnavailable("The provider's embeddings response repeats an index",
                        null);
            }
        }
        JsonNode usage = body.path("usage");
        return new EmbeddingResponse(List.of(vectors), new Usage(OpenAiFields.count(usage.get("prompt_tokens")), 0, 0, 0, 0),
                textOf(body.get("model")).filter(m -> !m.isBlank()));
    }

    private static float[] vector(JsonNode embedding) {
        if (embedding != null && embedding.isArray()) {
            float[] vector = new float[embedding.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = embedding.get(i).floatValue();
            }
            return vector;
        }
        if (embedding != null && embedding.isTextual()) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(embedding.textValue());
            } catch (IllegalArgumentException e) {
                bytes = new byte[1];
            }
            if (bytes.length % Float.BYTES == 0) {
                float[] vector = new float[bytes.length / Float.BYTES];
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
                return vector;
            }
        }
        throw new GatewayException.UpstreamUnavailable(
                "The provider sent an embedding that is neither a list of numbers nor base64 float32", null);
    }

    /** An embeddings list for a caller, as base64 strings when {@code encodingFormat} is {@code base64}. */
    public static ObjectNode encodeResponse(EmbeddingResponse response, String model, Optional<String> encodingFormat) {
        boolean base64 = encodingFormat.filter("base64"::equals).isPresent();
        ObjectNode body = NODES.objectNode().put("object", "list");
        ArrayNode data = body.putArray("data");
        for (int i = 0; i < response.vectors().size(); i++) {
            float[] vector = response.vectors().get(i);
            ObjectNode item = data.addObject().put("object", "embedding");
            if (base64) {
                ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(vector);
                item.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float value : vector) {
                    values.add(value);
                }
            }
            item.put("index", i);
        }
        body.put("model", model);
        body.putObject("usage").put("prompt_tokens", response.usage().input())
                .put("total_tokens", response.usage().total());
        return body;
    }
}
