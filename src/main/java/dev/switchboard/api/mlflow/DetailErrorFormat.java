package dev.switchboard.api.mlflow;

import dev.switchboard.api.Bodies;
import dev.switchboard.core.ErrorFormat;
import dev.switchboard.core.GatewayException;
import java.nio.charset.StandardCharsets;

/**
 * MLflow's invocation errors, FastAPI's {@code {"detail": "..."}}; after a stream has started, an
 * OpenAI-style {@code data: {"error": {...}}} event, as MLflow sends.
 */
public final class DetailErrorFormat implements ErrorFormat {

    public static final DetailErrorFormat INSTANCE = new DetailErrorFormat();

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public byte[] body(GatewayException error) {
        return Bodies.write(Bodies.JSON.createObjectNode().put("detail", error.getMessage()));
    }

    @Override
    public byte[] streamEvent(GatewayException error) {
        var event = Bodies.JSON.createObjectNode();
        event.putObject("error").put("message", error.getMessage()).put("type", error.errorCode());
        return ("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
