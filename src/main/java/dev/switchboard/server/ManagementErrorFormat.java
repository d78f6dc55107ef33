package dev.switchboard.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ErrorFormat;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Json;
import java.nio.charset.StandardCharsets;

/**
 * MLflow's management error shape, {@code {"error_code", "message"}}: the management API's and the
 * answer for paths that belong to no invocation surface. The management API does not stream; the
 * stream event is the same object as an SSE {@code data:} line.
 */
final class ManagementErrorFormat implements ErrorFormat {

    static final ManagementErrorFormat INSTANCE = new ManagementErrorFormat();

    private static final ObjectMapper JSON = Json.mapper();

    private ManagementErrorFormat() {
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public byte[] body(GatewayException error) {
        return object(error).toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] streamEvent(GatewayException error) {
        return ("data: " + object(error) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode object(GatewayException error) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error_code", error.errorCode());
        body.put("message", error.getMessage());
        return body;
    }
}
