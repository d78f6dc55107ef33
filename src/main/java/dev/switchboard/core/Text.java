package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/** Plain text written by the caller or the model. */
public record Text(String text, Map<String, JsonNode> extra) implements Content {

    public Text {
        Objects.requireNonNull(text, "text");
        extra = Extra.copy(extra);
    }

    public Text(String text) {
        this(text, Map.of());
    }
}
