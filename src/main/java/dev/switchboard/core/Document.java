package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A file for the model to read (PDF, plain text) or hear (audio: OpenAI's {@code input_audio} is a
 * document with an {@code audio/*} media type). {@code name} is the file name or title when given.
 */
public record Document(MediaSource source, Optional<String> name, Map<String, JsonNode> extra) implements Content {

    public Document {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        extra = Extra.copy(extra);
    }

    public Document(MediaSource source) {
        this(source, Optional.empty(), Map.of());
    }
}
