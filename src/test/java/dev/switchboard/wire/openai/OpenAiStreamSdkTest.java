package dev.switchboard.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.ObjectMappers;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.ChatEvent.MessageStart;
import dev.switchboard.core.ChatEvent.SignatureDelta;
import dev.switchboard.core.ChatEvent.Stop;
import dev.switchboard.core.ChatEvent.ToolCallArgsDelta;
import dev.switchboard.core.ChatEvent.ToolCallStart;
import dev.switchboard.core.StopReason;
import dev.switchboard.wire.gemini.GeminiFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Translated streams as openai-java's own accumulator reads them, chunk by chunk. */
class OpenAiStreamSdkTest {

    private static final String ARGS = "{\"city\": \"Paris\"}";

    @Test
    void openai_javas_accumulator_reads_a_stream_that_carries_a_gemini_call_signature() throws Exception {
        OpenAiStreamEncoder encoder = new OpenAiStreamEncoder("chatcmpl-gw", "my-endpoint", 1700000000, false);
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        for (ChatEvent event : List.of(new MessageStart("r1", Optional.empty(), Optional.of(GeminiFormat.INSTANCE)),
                new ToolCallStart(0, "call_swbAbc", "get_weather"), new ToolCallArgsDelta(0, ARGS),
                new SignatureDelta(0, "CiIBVKhc7oDtYKhK+0WqRn/6"), new Stop(StopReason.TOOL_USE))) {
            for (ObjectNode chunk : encoder.encode(event)) {
                accumulator.accumulate(read(chunk));
            }
        }
        for (ObjectNode chunk : encoder.finish()) {
            accumulator.accumulate(read(chunk));
        }

        ChatCompletion completion = accumulator.chatCompletion();
        List<ChatCompletionMessageToolCall> calls = completion.choices().getFirst().message().toolCalls().orElseThrow();
        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.asFunction().function().name()).isEqualTo("get_weather");
            assertThat(call.asFunction().function().arguments()).isEqualTo(ARGS);
        });
    }

    private static ChatCompletionChunk read(ObjectNode chunk) throws JsonProcessingException {
        return ObjectMappers.jsonMapper().readValue(chunk.toString(), ChatCompletionChunk.class);
    }
}
