package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.Json;
import dev.switchboard.core.SseEvent;
import dev.switchboard.core.Usage;
import dev.switchboard.core.WireFormat;
import java.io.IOException;
import java.util.Optional;

/**
 * Gemini's stream as a relay sees it: whole response chunks; the one with a {@code finishReason}
 * completes it (the connection then closes); {@code usageMetadata} holds running totals, read as
 * {@link GeminiUsage} reads them.
 */
final class GeminiRelay implements WireFormat.Relay {

    static final GeminiRelay INSTANCE = new GeminiRelay();

    private GeminiRelay() {
    }

    @Override
    public boolean ends(SseEvent event) {
        return event.data().contains("\"finishReason\"");
    }

    /** The chunk with the finishReason also carries content (a short answer may be just that one chunk). */
    @Override
    public boolean terminatorOnly(SseEvent event) {
        return false;
    }

    @Override
    public Usage usage(SseEvent event, Usage soFar) {
        if (!event.data().contains("\"usageMetadata\"")) {
            return soFar;
        }
        return parse(event).map(chunk -> usage(chunk.path("usageMetadata"), soFar)).orElse(soFar);
    }

    @Override
    public Optional<String> error(SseEvent event) {
        if (!event.data().startsWith("{\"error\"")) {
            return Optional.empty();
        }
        return Optional.of(parse(event).map(e -> e.path("error").path("message").asText("unknown error"))
                .orElse("unknown error"));
    }

    /** A usageMetadata object of running totals; one without a prompt count keeps the input so far. */
    static Usage usage(JsonNode metadata, Usage soFar) {
        if (!metadata.isObject()) {
            return soFar;
        }
        Usage read = GeminiUsage.decode(metadata);
        return metadata.has("promptTokenCount") ? read
                : new Usage(soFar.input(), read.output(), soFar.cacheRead(), 0, read.reasoning());
    }

    private static Optional<JsonNode> parse(SseEvent event) {
        try {
            return Optional.ofNullable(Json.shared().readTree(event.data()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
