package dev.switchboard.api.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Answer;
import dev.switchboard.api.Bodies;
import dev.switchboard.api.ErrorFormat;
import dev.switchboard.api.StreamRelay;
import dev.switchboard.core.Usage;
import dev.switchboard.provider.BytePattern;
import dev.switchboard.provider.SseEvent;
import dev.switchboard.wire.openai.OpenAiChatCodec;
import dev.switchboard.wire.openai.OpenAiErrors;
import java.io.IOException;
import java.util.Optional;

/**
 * OpenAI pass-through: reading usage from a body relayed as it came, and the relay format of
 * OpenAI streams. Pass-through only looks inside a body or an event to read usage.
 */
final class PassThrough {

    /** Reads one value where the parser stands, leaving the rest of the body unread. */
    private static final ObjectReader IN_PLACE = Bodies.JSON.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PassThrough() {
    }

    /** An OpenAI body relayed as it came; its usage is read without changing it. */
    static Answer answer(byte[] body) {
        return new Answer(body, usage(body).orElse(Usage.NONE));
    }

    /** OpenAI's stream: ends with {@code data: [DONE]}; usage comes in a chunk with a {@code usage} object. */
    private static final BytePattern USAGE_FIELD = BytePattern.of("\"usage\":");

    static final StreamRelay.Format FORMAT = new StreamRelay.Format() {
        @Override
        public boolean ends(SseEvent event) {
            return event.isDone();
        }

        @Override
        public Usage usage(SseEvent event, Usage soFar) {
            // Every OpenAI chunk says "usage":null but the last; parse only an event with a usage object.
            if (event.isDone() || !event.dataHasObject(USAGE_FIELD)) {
                return soFar;
            }
            return PassThrough.usage(event.dataBytes()).orElse(soFar);
        }

        @Override
        public Optional<String> error(SseEvent event) {
            if (!event.dataStartsWith("{\"error\"")) {
                return Optional.empty();
            }
            return Optional.of(OpenAiErrors.read(event.dataBytes())
                    .map(OpenAiErrors.Detail::message).orElse("unknown error"));
        }

        @Override
        public ErrorFormat errors() {
            return OpenAiErrorFormat.INSTANCE;
        }
    };

    /**
     * The top-level {@code usage} object of an OpenAI body. Only that object becomes a tree; the
     * rest (the choices, usually most of the body) is skipped by the parser.
     */
    static Optional<Usage> usage(byte[] json) {
        try (JsonParser parser = Bodies.JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("usage".equals(field) && value == JsonToken.START_OBJECT) {
                    ObjectNode holder = Bodies.JSON.createObjectNode();
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
