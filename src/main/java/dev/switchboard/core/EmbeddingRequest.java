package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Texts to embed. {@code encodingFormat} is how the caller wants vectors back ({@code float} or
 * {@code base64}), which the surface applies; {@code dimensions} asks for shortened vectors.
 * {@code extra} follows the rule of {@link ChatRequest}: re-emitted verbatim only toward
 * {@code sourceFormat}.
 */
public record EmbeddingRequest(List<String> inputs, Optional<String> encodingFormat, OptionalInt dimensions,
                               Map<String, JsonNode> extra, Optional<WireFormat> sourceFormat) {

    public EmbeddingRequest {
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(encodingFormat, "encodingFormat");
        Objects.requireNonNull(dimensions, "dimensions");
        extra = Extra.copy(extra);
        Objects.requireNonNull(sourceFormat, "sourceFormat");
    }

    /** A request built in code: its extras, if any, apply to every format. */
    public EmbeddingRequest(List<String> inputs, Optional<String> encodingFormat, OptionalInt dimensions,
                            Map<String, JsonNode> extra) {
        this(inputs, encodingFormat, dimensions, extra, Optional.empty());
    }

    /** Whether {@code extra} is in {@code format}'s naming (or in no particular one). */
    public boolean extraApplies(WireFormat format) {
        return sourceFormat.isEmpty() || sourceFormat.get() == format;
    }
}
