package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * The model's request to call a tool. {@code argumentsJson} is the arguments object as the exact
 * JSON text the provider sent (not re-serialised; it may even be invalid JSON if the model erred).
 */
public record ToolCall(String id, String name, String argumentsJson, Map<String, JsonNode> extra) implements Content {

    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(argumentsJson, "argumentsJson");
        extra = Extra.copy(extra);
    }

    public ToolCall(String id, String name, String argumentsJson) {
        this(id, name, argumentsJson, Map.of());
    }
}
