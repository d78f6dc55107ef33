package dev.switchboard.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Answer;
import dev.switchboard.api.Bodies;
import dev.switchboard.api.ErrorFormat;
import dev.switchboard.api.StreamRelay;
import dev.switchboard.core.Usage;
import dev.switchboard.provider.SseEvent;
import dev.switchboard.provider.openai.OpenAiChatCodec;
import dev.switchboard.provider.openai.OpenAiErrors;
import java.io.IOException;
import java.util.Optional;

/**
 * OpenAI pass-through: reading usage from a body relayed as it came, and the relay format of
 * OpenAI streams. Pass-through only looks inside a body or an event to read usage.
 */
final class PassThrough {

    private PassThrough() {
    }

    /** An OpenAI body relayed as it came; its usage is read without changing it. */
    static Answer answer(byte[] body) {
        return new Answer(body, usage(body).orElse(Usage.NONE));
    }

    /** OpenAI's stream: ends with {@code data: [DONE]}; usage comes in a chunk with a {@code usage} object. */
    static final StreamRelay.Format FORMAT = new StreamRelay.Format() {
        @Override
        public boolean ends(SseEvent event) {
            return event.isDone();
        }

        @Override
        public Usage usage(SseEvent event, Usage soFar) {
            // Every OpenAI chunk says "usage":null but the last; parse only an event with a usage object.
            String data = event.data();
            if (event.isDone() || !(data.contains("\"usage\":{") || data.contains("\"usage\": {"))) {
                return soFar;
            }
            return PassThrough.usage(event.data().getBytes(java.nio.charset.StandardCharsets.UTF_8)).orElse(soFar);
        }

        @Override
        public Optional<String> error(SseEvent event) {
            if (!event.data().startsWith("{\"error\"")) {
                return Optional.empty();
            }
            return Optional.of(OpenAiErrors.read(event.data().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .map(OpenAiErrors.Detail::message).orElse("unknown error"));
        }

        @Override
        public ErrorFormat errors() {
            return OpenAiErrorFormat.INSTANCE;
        }
    };

    private static Optional<Usage> usage(byte[] json) {
        try {
            JsonNode node = Bodies.JSON.readTree(json);
            return node == null ? Optional.empty() : OpenAiChatCodec.usageOf(node);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
