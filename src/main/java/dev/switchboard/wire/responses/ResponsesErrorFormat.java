package dev.switchboard.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.WireFormat;
import dev.switchboard.wire.WireErrorFormat;
import dev.switchboard.wire.openai.OpenAiErrors;
import java.nio.charset.StandardCharsets;

/**
 * OpenAI's error shape, which the Responses API shares with chat completions:
 * {@code {"error": {"message", "type", "param", "code"}}}. In a stream, an {@code event: error}
 * whose data has {@code code}, {@code message} and {@code param} at the top level, as OpenAI
 * documents its {@code ResponseErrorEvent}, and the same in an {@code error} object, as OpenAI
 * actually sends it and as openai-python and openai-java read it (they raise their API error for
 * data with an {@code error} field). Its {@code sequence_number} follows the events the stream
 * already had.
 */
public final class ResponsesErrorFormat extends WireErrorFormat {

    public static final ResponsesErrorFormat INSTANCE = new ResponsesErrorFormat();

    private ResponsesErrorFormat() {
    }

    @Override
    protected WireFormat format() {
        return ResponsesFormat.INSTANCE;
    }

    @Override
    protected JsonNode shape(GatewayException error) {
        return OpenAiErrors.body(error);
    }

    @Override
    protected boolean hasShape(JsonNode body) {
        return OpenAiErrors.hasShape(body);
    }

    /** The event as the first of a stream; see {@link #streamEvent(GatewayException, long)}. */
    @Override
    public byte[] streamEvent(GatewayException error) {
        return streamEvent(error, 0);
    }

    @Override
    public byte[] streamEvent(GatewayException error, long eventsSent) {
        JsonNode detail = shape(error).get("error");
        ObjectNode data = ResponsesFields.NODES.objectNode().put("type", "error").put("code", detail.path("code").asText())
                .put("message", error.getMessage());
        data.putNull("param");
        data.put("sequence_number", eventsSent);
        data.set("error", detail);
        return ("event: error\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
