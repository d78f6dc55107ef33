package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A function the model may call. {@code parametersSchema} is a JSON Schema object, as the caller
 * sent it (an empty object schema when the caller gave none); {@code strict} asks the provider to
 * follow the schema exactly (OpenAI structured outputs).
 */
public record Tool(String name, Optional<String> description, JsonNode parametersSchema, Optional<Boolean> strict,
                   Map<String, JsonNode> extra) {

    public Tool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parametersSchema, "parametersSchema");
        Objects.requireNonNull(strict, "strict");
        extra = Extra.copy(extra);
    }

    public Tool(String name, Optional<String> description, JsonNode parametersSchema, Optional<Boolean> strict) {
        this(name, description, parametersSchema, strict, Map.of());
    }
}
