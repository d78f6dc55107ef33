package dev.switchboard.api.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Bodies;
import dev.switchboard.api.ErrorFormat;
import dev.switchboard.api.StreamRelay;
import dev.switchboard.core.Usage;
import dev.switchboard.provider.SseEvent;
import java.io.IOException;
import java.util.Optional;

/**
 * Gemini's stream as the relay sees it: whole response chunks; the one with a {@code finishReason}
 * completes it (the connection then closes); {@code usageMetadata} holds running totals.
 */
final class GeminiRelayFormat implements StreamRelay.Format {

    static final GeminiRelayFormat INSTANCE = new GeminiRelayFormat();

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

    @Override
    public ErrorFormat errors() {
        return GeminiErrorFormat.INSTANCE;
    }

    /** Gemini's usageMetadata as canonical usage: thoughts count as output (and as reasoning). */
    static Usage usage(JsonNode metadata, Usage soFar) {
        if (!metadata.isObject()) {
            return soFar;
        }
        long thoughts = metadata.path("thoughtsTokenCount").asLong(0);
        return new Usage(metadata.path("promptTokenCount").asLong(soFar.input()),
                metadata.path("candidatesTokenCount").asLong(0) + thoughts,
                metadata.path("cachedContentTokenCount").asLong(soFar.cacheRead()), 0, thoughts);
    }

    private static Optional<JsonNode> parse(SseEvent event) {
        try {
            return Optional.ofNullable(Bodies.JSON.readTree(event.data()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
