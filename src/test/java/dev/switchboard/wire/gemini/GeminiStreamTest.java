package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.Fixtures.openAiSse;
import static dev.switchboard.wire.gemini.Fixtures.parse;
import static dev.switchboard.wire.gemini.Fixtures.sse;
import static dev.switchboard.wire.gemini.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatEvent.MessageStart;
import dev.switchboard.core.ChatEvent.SignatureDelta;
import dev.switchboard.core.ChatEvent.Stop;
import dev.switchboard.core.ChatEvent.TextDelta;
import dev.switchboard.core.ChatEvent.ThinkingDelta;
import dev.switchboard.core.ChatEvent.ToolCallArgsDelta;
import dev.switchboard.core.ChatEvent.ToolCallStart;
import dev.switchboard.core.ChatEvent.UsageUpdate;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.StopReason;
import dev.switchboard.core.Usage;
import dev.switchboard.wire.openai.OpenAiStreamDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GeminiStreamTest {

    private static final String CALL_SIGNATURE = "CikB0e2Kb8vV+5iVqS0f3q1TtG0b/8h2xqGf4xvmRk2Yp1u0v9yXq3oKYgHR7Ypv0sJ8==";

    private static List<ChatEvent> decodeAll(List<JsonNode> chunks) {
        GeminiStreamDecoder decoder = new GeminiStreamDecoder();
        List<ChatEvent> events = new ArrayList<>();
        chunks.forEach(chunk -> events.addAll(decoder.decode(chunk)));
        return events;
    }

    private static List<ObjectNode> encodeAll(List<ChatEvent> events) {
        GeminiStreamEncoder encoder = new GeminiStreamEncoder("resp-gw-1", "my-endpoint");
        List<ObjectNode> chunks = new ArrayList<>();
        events.forEach(event -> chunks.addAll(encoder.encode(event)));
        chunks.addAll(encoder.finish());
        return chunks;
    }

    @Test
    void a_stream_with_thoughts_text_and_a_call_decodes_to_blocks_stop_and_cumulative_usage() {
        List<ChatEvent> events = decodeAll(sse("stream-text-and-call.sse"));
        String callId = events.stream().filter(ToolCallStart.class::isInstance).map(e -> ((ToolCallStart) e).id())
                .findFirst().orElseThrow();

        assertThat(callId).matches("call_swb[A-Za-z0-9]{20}");
        assertThat(events).containsExactly(
                new MessageStart("HHyBaOGpA9OPz7IPhtWa6Qc", Optional.of("gemini-2.5-flash"), Optional.of(GeminiFormat.INSTANCE)),
                new ThinkingDelta(0, "**Checking the forecast**\n\nThe user wants Boston's weather, so I should call the weather tool."),
                new UsageUpdate(new Usage(70, 0, 0, 0, 0)),
                new TextDelta(1, "Let me check the weather"),
                new UsageUpdate(new Usage(70, 5 + 56, 0, 0, 56)),
                new TextDelta(1, " in Boston for you."),
                new UsageUpdate(new Usage(70, 10 + 56, 0, 0, 56)),
                new ToolCallStart(2, callId, "get_current_weather"),
                new ToolCallArgsDelta(2, "{\"location\":\"Boston, MA\",\"unit\":\"fahrenheit\"}"),
                new SignatureDelta(2, CALL_SIGNATURE),
                new Stop(StopReason.TOOL_USE),
                new UsageUpdate(new Usage(70, 31 + 56, 0, 0, 56)));
    }

    @Test
    void decoding_then_encoding_keeps_text_thoughts_the_call_its_signature_the_finish_reason_and_usage() {
        List<JsonNode> original = sse("stream-text-and-call.sse");

        List<ObjectNode> encoded = encodeAll(decodeAll(original));

        assertThat(StreamSummary.of(encoded)).isEqualTo(StreamSummary.of(original));
        assertThat(StreamSummary.of(encoded).calls()).singleElement()
                .satisfies(call -> assertThat(call.get(2)).isEqualTo(CALL_SIGNATURE));
        assertThat(StreamSummary.of(encoded).usage()).contains(List.of(70L, 31L, 56L, 0L, 157L));
        assertThat(encoded).allSatisfy(chunk -> {
            assertThat(chunk.get("responseId").asText()).isEqualTo("resp-gw-1");
            assertThat(chunk.get("modelVersion").asText()).isEqualTo("my-endpoint");
        });
        assertThat(encoded.getLast().at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(encoded.subList(0, encoded.size() - 1))
                .allSatisfy(chunk -> assertThat(chunk.at("/candidates/0/finishReason").isMissingNode()).isTrue());
    }

    @Test
    void openai_parallel_tool_calls_become_function_call_parts_sent_once_complete() {
        OpenAiStreamDecoder openAi = new OpenAiStreamDecoder();
        List<ChatEvent> events = new ArrayList<>();
        openAiSse("stream-parallel-tools.sse").forEach(chunk -> events.addAll(openAi.decode(chunk)));

        List<ObjectNode> encoded = encodeAll(events);

        assertThat(encoded).singleElement().satisfies(chunk -> assertThat(wire(chunk)).isEqualTo(parse("""
                {"candidates": [{"content": {"parts": [
                   {"functionCall": {"id": "call_DdmO9pD3xa9XTPNJ32zg2hcA", "name": "get_current_weather",
                                     "args": {"location": "San Francisco, CA", "unit": "celsius"}}},
                   {"functionCall": {"id": "call_ABbn5g8ESv7kWxkLaGv7zPvC", "name": "get_current_weather",
                                     "args": {"location": "Tokyo, Japan", "unit": "celsius"}}}],
                   "role": "model"}, "finishReason": "STOP", "index": 0}],
                 "modelVersion": "my-endpoint", "responseId": "resp-gw-1"}
                """)));
    }

    @Test
    void a_thinking_signature_lands_on_the_last_thought_part_of_its_block() {
        List<ObjectNode> encoded = encodeAll(List.of(new MessageStart("msg_1", Optional.empty()),
                new ThinkingDelta(0, "Let me "), new ThinkingDelta(0, "think."), new SignatureDelta(0, "EqQB"),
                new SignatureDelta(0, "Cg=="), new TextDelta(1, "Hi."), new Stop(StopReason.END_TURN),
                new UsageUpdate(new Usage(10, 30, 0, 0, 20))));

        assertThat(encoded).extracting(chunk -> wire(chunk.at("/candidates/0/content/parts"))).containsExactly(
                parse("[{\"text\": \"Let me \", \"thought\": true}]"),
                parse("[{\"text\": \"think.\", \"thought\": true, \"thoughtSignature\": \"EqQBCg==\"}]"),
                parse("[{\"text\": \"Hi.\"}]"));
        assertThat(wire(encoded.getLast().get("usageMetadata"))).isEqualTo(parse(
                "{\"promptTokenCount\": 10, \"candidatesTokenCount\": 10, \"thoughtsTokenCount\": 20, \"totalTokenCount\": 40}"));
    }

    @Test
    void a_signature_on_an_empty_text_part_is_a_signature_of_the_open_text_block() {
        List<ChatEvent> events = decodeAll(List.of(
                parse("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Hello\"}], \"role\": \"model\"}}]}"),
                parse("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"\", \"thoughtSignature\": \"c2ln\"}],"
                        + " \"role\": \"model\"}, \"finishReason\": \"STOP\"}]}")));

        assertThat(events).containsExactly(new MessageStart("", Optional.empty(), Optional.of(GeminiFormat.INSTANCE)),
                new TextDelta(0, "Hello"), new SignatureDelta(0, "c2ln"), new Stop(StopReason.END_TURN));
    }

    @Test
    void legacy_streams_with_a_finish_reason_on_every_chunk_stop_once_and_keep_all_text() {
        String chunk = "{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"%s\"}], \"role\": \"model\"},"
                + " \"finishReason\": \"STOP\", \"index\": 0}]}";

        List<ChatEvent> events = decodeAll(List.of(parse(chunk.formatted("In the quaint")), parse(chunk.formatted(" cottage"))));

        assertThat(events).filteredOn(Stop.class::isInstance).hasSize(1);
        assertThat(events).filteredOn(TextDelta.class::isInstance)
                .extracting(e -> ((TextDelta) e).text()).containsExactly("In the quaint", " cottage");
    }

    @Test
    void an_error_object_in_the_stream_is_an_upstream_failure() {
        GeminiStreamDecoder decoder = new GeminiStreamDecoder();
        decoder.decode(parse("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Hi\"}]}}]}"));

        var thrown = catchThrowableOfType(GatewayException.UpstreamUnavailable.class, () -> decoder.decode(
                GeminiErrors.body(503, "The model is overloaded. Please try again later.")));

        assertThat(thrown.getMessage()).contains("The model is overloaded");
        assertThat(thrown.retryable()).isTrue();
    }

    @Test
    void a_blocked_prompt_in_a_stream_stops_for_the_content_filter() {
        List<ChatEvent> events = decodeAll(List.of(parse(
                "{\"promptFeedback\": {\"blockReason\": \"PROHIBITED_CONTENT\"}, \"usageMetadata\": {\"promptTokenCount\": 7}}")));

        assertThat(events).containsExactly(new MessageStart("", Optional.empty(), Optional.of(GeminiFormat.INSTANCE)),
                new Stop(StopReason.CONTENT_FILTER),
                new UsageUpdate(new Usage(7, 0, 0, 0, 0)));
    }

    @Test
    void the_last_chunk_waits_for_usage_after_stop_and_finish_sends_it_only_once() {
        GeminiStreamEncoder encoder = new GeminiStreamEncoder("r", "m");

        List<ObjectNode> beforeUsage = new ArrayList<>();
        beforeUsage.addAll(encoder.encode(new TextDelta(0, "Hi")));
        beforeUsage.addAll(encoder.encode(new Stop(StopReason.MAX_TOKENS)));
        List<ObjectNode> last = encoder.finish();

        assertThat(beforeUsage).isEmpty();
        assertThat(last).singleElement().satisfies(chunk -> {
            assertThat(chunk.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Hi");
            assertThat(chunk.at("/candidates/0/finishReason").asText()).isEqualTo("MAX_TOKENS");
            assertThat(chunk.has("usageMetadata")).isFalse();
        });
        assertThat(encoder.finish()).isEmpty();
        assertThat(encoder.encode(new UsageUpdate(new Usage(1, 1, 0, 0, 0)))).isEmpty();
    }
}
