package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.GeminiFields.NODES;
import static dev.switchboard.wire.gemini.GeminiFields.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.EmbeddingRequest;
import dev.switchboard.core.EmbeddingResponse;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Operation;
import dev.switchboard.core.Usage;
import dev.switchboard.core.WireFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Gemini's embeddings, {@code models/{model}:embedContent} ({@link #SINGLE}: one {@code content},
 * answered {@code {"embedding": {"values"}}}) and {@code :batchEmbedContents} ({@link #BATCH}:
 * {@code requests[]}, each with its own {@code model}, answered {@code {"embeddings": [...]}}), and
 * the canonical model. A provider is always called in batch form. One content is one input: the
 * text of its parts, joined with newlines (Google embeds only {@code parts.text}, the rest is
 * ignored, here too). Toward a provider of another format {@code outputDimensionality} becomes the
 * canonical {@code dimensions}, and must then be the same for every request of a batch;
 * {@code taskType} and {@code title} have no form there and are left out (a Gemini target gets the
 * caller's body as it came).
 */
final class GeminiEmbeddings implements WireFormat.Embeddings {

    static final GeminiEmbeddings SINGLE = new GeminiEmbeddings(false);
    static final GeminiEmbeddings BATCH = new GeminiEmbeddings(true);

    private final boolean batch;

    private GeminiEmbeddings(boolean batch) {
        this.batch = batch;
    }

    @Override
    public Operation operation() {
        return batch ? Operation.BATCH_EMBED_CONTENTS : Operation.EMBED_CONTENT;
    }

    @Override
    public void checkShape(ObjectNode body) {
        requests(body).forEach((path, request) -> checkRequest(request, path));
    }

    @Override
    public EmbeddingRequest decodeRequest(ObjectNode body) {
        List<String> inputs = new ArrayList<>();
        OptionalInt dimensions = OptionalInt.empty();
        String firstPath = "";
        for (Map.Entry<String, JsonNode> entry : requests(body).entrySet()) {
            String path = entry.getKey();
            JsonNode request = entry.getValue();
            checkRequest(request, path);
            inputs.add(text(GeminiFields.object(request, "content", path + "content").orElseThrow()));
            OptionalInt own = GeminiFields.integer(request, "outputDimensionality", path + "outputDimensionality");
            if (inputs.size() == 1) {
                dimensions = own;
                firstPath = path;
            } else if (!own.equals(dimensions)) {
                throw invalid(path + "outputDimensionality", "must be the same as " + firstPath
                        + "outputDimensionality: this endpoint's model takes one size for the whole batch");
            }
        }
        return new EmbeddingRequest(inputs, Optional.empty(), dimensions, Map.of(), Optional.of(GeminiFormat.INSTANCE));
    }

    @Override
    public JsonNode encodeResponse(EmbeddingResponse response, String model, EmbeddingRequest request) {
        if (!batch) {
            ObjectNode body = NODES.objectNode();
            body.set("embedding", embedding(response.vectors().getFirst()));
            return body;
        }
        ObjectNode body = NODES.objectNode();
        ArrayNode embeddings = body.putArray("embeddings");
        response.vectors().forEach(vector -> embeddings.add(embedding(vector)));
        return body;
    }

    /** Always a batch: one request per input, each naming the model as {@code models/...}. */
    @Override
    public ObjectNode encodeRequest(EmbeddingRequest request, String model) {
        ObjectNode body = NODES.objectNode();
        ArrayNode requests = body.putArray("requests");
        for (String input : request.inputs()) {
            ObjectNode one = requests.addObject().put("model", resource(model));
            one.putObject("content").putArray("parts").addObject().put("text", input);
            request.dimensions().ifPresent(d -> one.put("outputDimensionality", d));
        }
        return body;
    }

    @Override
    public EmbeddingResponse decodeResponse(JsonNode body) {
        JsonNode embeddings = body == null ? null : body.get("embeddings");
        if (embeddings == null || !embeddings.isArray()) {
            throw new GatewayException.UpstreamUnavailable("The provider's embeddings response has no 'embeddings' list",
                    null);
        }
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (JsonNode embedding : embeddings) {
            vectors.add(vector(embedding.get("values")));
        }
        // Gemini's embeddings answers report no token usage: zero is recorded, not a guess.
        return new EmbeddingResponse(vectors, Usage.NONE, Optional.empty());
    }

    /** A copy naming the target's model wherever the caller's body names one. */
    @Override
    public ObjectNode passThrough(ObjectNode body, String model) {
        ObjectNode sent = body.deepCopy();
        if (!batch) {
            if (sent.has("model")) {
                sent.put("model", resource(model));
            }
            return sent;
        }
        for (JsonNode request : GeminiFields.list(sent, "requests", "requests")) {
            if (request instanceof ObjectNode object) {
                object.put("model", resource(model));
            }
        }
        return sent;
    }

    /** Gemini's embeddings answers carry no usage: zero. */
    @Override
    public Usage usage(byte[] body) {
        return Usage.NONE;
    }

    /**
     * Checks that every request names {@code model}, the path's, or none: Google's API requires each
     * request of a batch to name the batch's model.
     */
    void checkModels(ObjectNode body, String model) {
        requests(body).forEach((path, request) -> GeminiFields.text(request, "model", path + "model")
                .filter(named -> !named.equals(model) && !named.equals(resource(model)))
                .ifPresent(named -> {
                    throw invalid(path + "model", "must be " + resource(model) + ", the model of the URL");
                }));
    }

    /** The embed requests of the body by their path prefix: the body itself, or each of {@code requests}. */
    private Map<String, JsonNode> requests(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GatewayException.InvalidRequest("The request body must be a JSON object");
        }
        Map<String, JsonNode> requests = new LinkedHashMap<>();
        if (!batch) {
            requests.put("", body);
            return requests;
        }
        List<JsonNode> list = GeminiFields.objects(body, "requests", "requests");
        if (list.isEmpty()) {
            throw invalid("requests", "must be a non-empty list");
        }
        for (int i = 0; i < list.size(); i++) {
            requests.put("requests[" + i + "].", list.get(i));
        }
        return requests;
    }

    private static void checkRequest(JsonNode request, String path) {
        JsonNode content = GeminiFields.object(request, "content", path + "content")
                .orElseThrow(() -> invalid(path + "content", "is required"));
        GeminiFields.objects(content, "parts", path + "content.parts");
        GeminiFields.text(request, "model", path + "model");
        GeminiFields.text(request, "taskType", path + "taskType");
        GeminiFields.text(request, "title", path + "title");
        OptionalInt dimensions = GeminiFields.integer(request, "outputDimensionality", path + "outputDimensionality");
        if (dimensions.isPresent() && dimensions.getAsInt() < 1) {
            throw invalid(path + "outputDimensionality", "must be a positive integer");
        }
    }

    private static String text(JsonNode content) {
        List<String> texts = new ArrayList<>();
        for (JsonNode part : GeminiFields.list(content, "parts", "content.parts")) {
            GeminiFields.textOf(part.get("text")).ifPresent(texts::add);
        }
        return String.join("\n", texts);
    }

    private static ObjectNode embedding(float[] vector) {
        ObjectNode embedding = NODES.objectNode();
        ArrayNode values = embedding.putArray("values");
        for (float value : vector) {
            values.add(value);
        }
        return embedding;
    }

    private static float[] vector(JsonNode values) {
        if (values == null || !values.isArray()) {
            throw new GatewayException.UpstreamUnavailable("The provider sent an embedding without 'values'", null);
        }
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            if (!values.get(i).isNumber()) {
                throw new GatewayException.UpstreamUnavailable("The provider sent an embedding value that is not a number",
                        null);
            }
            vector[i] = values.get(i).floatValue();
        }
        return vector;
    }

    /** A model as Gemini's request bodies name it, {@code models/<name>}. */
    static String resource(String model) {
        return model.startsWith("models/") ? model : "models/" + model;
    }
}
