package dev.switchboard.api;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Json;
import java.io.IOException;

/** Parsing and writing the JSON bodies of invocation routes; errors never quote the body. */
public final class Bodies {

    public static final ObjectMapper JSON = Json.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private Bodies() {
    }

    /** The body as a JSON object, or a 400 that says where the JSON broke. */
    public static ObjectNode object(byte[] body) {
        JsonNode node;
        try {
            node = body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            var location = e instanceof com.fasterxml.jackson.core.JsonProcessingException p ? p.getLocation() : null;
            throw new GatewayException.InvalidRequest("Invalid JSON payload"
                    + (location == null ? "" : ": malformed at line " + location.getLineNr() + ", column "
                    + location.getColumnNr()));
        }
        if (!(node instanceof ObjectNode object)) {
            throw new GatewayException.InvalidRequest("Invalid JSON payload: the body must be a JSON object");
        }
        return object;
    }

    public static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new GatewayException.Internal("Could not serialise the response", e);
        }
    }

    /** The endpoint named by the body's {@code model} field, as OpenAI-shaped routes take it. */
    public static String model(ObjectNode body) {
        JsonNode model = body.get("model");
        if (model == null || model.isNull()) {
            throw new GatewayException.InvalidRequest("Missing required 'model' parameter in request body");
        }
        if (!model.isTextual() || model.asText().isEmpty()) {
            throw new GatewayException.InvalidRequest("'model' must be a non-empty string naming an endpoint");
        }
        return model.asText();
    }
}
