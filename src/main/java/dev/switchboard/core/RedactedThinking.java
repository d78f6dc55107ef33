package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/** Reasoning the provider encrypted ({@code data} is opaque); only the same provider can read it back. */
public record RedactedThinking(String data, Map<String, JsonNode> extra) implements Content {

    public RedactedThinking {
        Objects.requireNonNull(data, "data");
        extra = Extra.copy(extra);
    }

    public RedactedThinking(String data) {
        this(data, Map.of());
    }
}
