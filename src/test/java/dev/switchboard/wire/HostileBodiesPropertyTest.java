package dev.switchboard.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.WireFormat;
import dev.switchboard.testing.property.JsonInputs;
import dev.switchboard.testing.property.RequestSeeds;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import dev.switchboard.wire.gemini.GeminiFormat;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import dev.switchboard.wire.responses.ResponsesFormat;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Every inbound request format, fed hostile bodies (valid requests mutated at random): a body is
 * either taken (checked, passed through, decoded, and encoded for every provider format) or refused
 * with a 4xx {@link GatewayException}, the caller's error. Anything else (a NullPointerException, a
 * ClassCastException, a 5xx) would reach the caller as the gateway's own 500, and fails the property.
 * The MLflow routes take OpenAI's chat body, so {@link OpenAiChatFormat} covers them too.
 */
class HostileBodiesPropertyTest {

    private static final int TRIES = 400;
    private static final List<WireFormat> PROVIDER_FORMATS = List.of(OpenAiChatFormat.INSTANCE,
            AnthropicFormat.INSTANCE, GeminiFormat.INSTANCE, ResponsesFormat.INSTANCE);

    private static void takenOrRefusedAsTheCallersError(WireFormat format, ObjectNode body) {
        try {
            format.checkShape(body);
            format.passThrough(body.deepCopy(), "target-model");
            boolean stream = body.path("stream").asBoolean(false);
            ChatRequest request = format.decodeRequest(body, stream);
            for (WireFormat provider : PROVIDER_FORMATS) {
                provider.encodeRequest(request, "target-model", stream, OptionalInt.of(4096));
                provider.encodeRequest(request, "target-model", stream, OptionalInt.empty());
            }
        } catch (GatewayException e) {
            assertThat(e.status()).as("status of: %s", e.getMessage()).isBetween(400, 499);
        }
    }

    @Test
    void openai_chat_bodies() {
        JsonInputs.from(RequestSeeds.OPENAI_CHAT)
                .property("OpenAI chat bodies are taken or refused as the caller's error")
                .check(TRIES, body -> takenOrRefusedAsTheCallersError(OpenAiChatFormat.INSTANCE, body));
    }

    @Test
    void anthropic_messages_bodies() {
        JsonInputs.from(RequestSeeds.ANTHROPIC_MESSAGES)
                .property("Anthropic bodies are taken or refused as the caller's error")
                .check(TRIES, body -> takenOrRefusedAsTheCallersError(AnthropicFormat.INSTANCE, body));
    }

    @Test
    void gemini_generate_content_bodies() {
        JsonInputs.from(RequestSeeds.GEMINI_GENERATE_CONTENT)
                .property("Gemini bodies are taken or refused as the caller's error")
                .check(TRIES, body -> takenOrRefusedAsTheCallersError(GeminiFormat.INSTANCE, body));
    }

    @Test
    void openai_responses_bodies() {
        JsonInputs.from(RequestSeeds.OPENAI_RESPONSES)
                .property("Responses bodies are taken or refused as the caller's error")
                .check(TRIES, body -> takenOrRefusedAsTheCallersError(ResponsesFormat.INSTANCE, body));
    }
}
