package dev.switchboard.wire.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.BytePattern;
import dev.switchboard.core.Json;
import dev.switchboard.core.SseEvent;
import dev.switchboard.core.Usage;
import dev.switchboard.core.WireFormat;
import java.io.IOException;
import java.util.Optional;

/**
 * OpenAI pass-through: reading usage from a body relayed as it came, and the rules of relaying
 * OpenAI streams, which end with {@code data: [DONE]} and carry usage in a chunk with a
 * {@code usage} object. Pass-through only looks inside a body or an event to read usage.
 */
final class OpenAiRelay implements WireFormat.Relay {

    /** For a caller who asked for usage at the end of the stream: every event goes through. */
    static final OpenAiRelay INSTANCE = new OpenAiRelay(false);
    /** For a caller who did not: the usage-only chunk the gateway asked for is kept back. */
    static final OpenAiRelay KEEPING_USAGE = new OpenAiRelay(true);

    /** Reads one value where the parser stands, leaving the rest of the body unread. */
    private static final ObjectReader IN_PLACE = Json.shared().reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final BytePattern USAGE_FIELD = BytePattern.of("\"usage\":");

    private final boolean keepsUsage;

    private OpenAiRelay(boolean keepsUsage) {
        this.keepsUsage = keepsUsage;
    }

    /** The usage-only chunk ({@code "choices": []} and a usage object) goes to callers who asked for it. */
    @Override
    public boolean forwards(SseEvent event) {
        if (!keepsUsage || event.isDone() || !event.dataHasObject(USAGE_FIELD)) {
            return true;
        }
        try {
            JsonNode chunk = Json.shared().readTree(event.dataBytes());
            return chunk == null || !chunk.path("choices").isArray() || !chunk.path("choices").isEmpty();
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public boolean ends(SseEvent event) {
        return event.isDone();
    }

    @Override
    public boolean terminatorOnly(SseEvent event) {
        return event.isDone();
    }

    @Override
    public Usage usage(SseEvent event, Usage soFar) {
        // Every OpenAI chunk says "usage":null but the last; parse only an event with a usage object.
        if (event.isDone() || !event.dataHasObject(USAGE_FIELD)) {
            return soFar;
        }
        return usage(event.dataBytes()).orElse(soFar);
    }

    @Override
    public Optional<String> error(SseEvent event) {
        if (!event.dataStartsWith("{\"error\"")) {
            return Optional.empty();
        }
        return Optional.of(OpenAiErrors.read(event.dataBytes())
                .map(OpenAiErrors.Detail::message).orElse("unknown error"));
    }

    /**
     * The top-level {@code usage} object of an OpenAI body (chat or embeddings). Only that object
     * becomes a tree; the rest (the choices, usually most of the body) is skipped by the parser.
     */
    static Optional<Usage> usage(byte[] json) {
        try (JsonParser parser = Json.shared().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("usage".equals(field) && value == JsonToken.START_OBJECT) {
                    ObjectNode holder = Json.shared().createObjectNode();
                    holder.set("usage", IN_PLACE.readTree(parser));
                    return OpenAiChatCodec.usageOf(holder);
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
