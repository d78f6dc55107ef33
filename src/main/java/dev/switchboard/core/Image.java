package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An image for the model to look at; {@code detail} is OpenAI's {@code low}/{@code high}/{@code auto} hint. */
public record Image(MediaSource source, Optional<String> detail, Map<String, JsonNode> extra) implements Content {

    public Image {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(detail, "detail");
        extra = Extra.copy(extra);
    }

    public Image(MediaSource source) {
        this(source, Optional.empty(), Map.of());
    }
}
