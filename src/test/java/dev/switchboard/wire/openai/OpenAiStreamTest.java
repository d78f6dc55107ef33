package dev.switchboard.wire.openai;

import static dev.switchboard.wire.openai.Fixtures.parse;
import static dev.switchboard.wire.openai.Fixtures.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatEvent.MessageStart;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiStreamTest {

    private static List<ChatEvent> decodeAll(List<JsonNode> chunks) {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder();
        List<ChatEvent> events = new ArrayList<>();
        chunks.forEach(chunk -> events.addAll(decoder.decode(chunk)));
        return events;
    }

    private static List<ObjectNode> encodeAll(List<ChatEvent> events, boolean includeUsage) {
        OpenAiStreamEncoder encoder = new OpenAiStreamEncoder("chatcmpl-gw", "my-endpoint", 1700000000, includeUsage);
        List<ObjectNode> chunks = new ArrayList<>();
        events.forEach(event -> chunks.addAll(encoder.encode(event)));
        chunks.addAll(encoder.finish());
        return chunks;
    }

    @Test
    void a_text_stream_decodes_to_start_text_stop_and_usage() {
        List<ChatEvent> events = decodeAll(sse("stream-text-usage.sse"));

        assertThat(events.getFirst()).isEqualTo(new MessageStart("chatcmpl-123", Optional.of("gpt-4o-mini-2024-07-18"),
                Optional.of(OpenAiChatFormat.INSTANCE)));
        assertThat(events.subList(1, events.size() - 2)).allSatisfy(e -> assertThat(e)
                .isInstanceOfSatisfying(TextDelta.class, t -> assertThat(t.index()).isZero()));
        assertThat(events.subList(events.size() - 2, events.size())).containsExactly(new Stop(StopReason.END_TURN),
                new UsageUpdate(new Usage(19, 9, 0, 0, 0)));
    }

    @Test
    void mistral_thinking_chunks_in_a_list_content_are_thinking_then_text_and_usage_in_the_finish_chunk_counts() {
        List<ChatEvent> events = decodeAll(List.of(
                parse("""
                        {"id": "m1", "model": "magistral", "choices": [{"index": 0, "delta": {"role": "assistant",
                         "content": [{"type": "thinking", "thinking": [{"type": "text", "text": "Let me "}]}]}}]}"""),
                parse("""
                        {"id": "m1", "model": "magistral", "choices": [{"index": 0, "delta": {
                         "content": [{"type": "thinking", "thinking": [{"type": "text", "text": "think."}]}]}}]}"""),
                parse("""
                        {"id": "m1", "model": "magistral", "choices": [{"index": 0, "delta": {
                         "content": [{"type": "text", "text": "Answer"}]}}]}"""),
                parse("""
                        {"id": "m1", "model": "magistral", "choices": [{"index": 0, "delta": {"content": ""},
                         "finish_reason": "stop"}], "usage": {"prompt_tokens": 5, "completion_tokens": 7, "total_tokens": 12}}""")));

        assertThat(events).containsExactly(
                new MessageStart("m1", Optional.of("magistral"), Optional.of(OpenAiChatFormat.INSTANCE)),
                new ThinkingDelta(0, "Let me "), new ThinkingDelta(0, "think."), new TextDelta(1, "Answer"),
                new Stop(StopReason.END_TURN), new UsageUpdate(new Usage(5, 7, 0, 0, 0)));
    }

    @Test
    void parallel_tool_calls_get_their_own_blocks_with_joined_arguments() {
        List<ChatEvent> events = decodeAll(sse("stream-parallel-tools.sse"));

        assertThat(events).filteredOn(ToolCallStart.class::isInstance).containsExactly(
                new ToolCallStart(0, "call_DdmO9pD3xa9XTPNJ32zg2hcA", "get_current_weather"),
                new ToolCallStart(1, "call_ABbn5g8ESv7kWxkLaGv7zPvC", "get_current_weather"));
        assertThat(args(events, 0)).isEqualTo("{\"location\": \"San Francisco, CA\", \"unit\": \"celsius\"}");
        assertThat(args(events, 1)).isEqualTo("{\"location\": \"Tokyo, Japan\", \"unit\": \"celsius\"}");
        assertThat(events.getLast()).isEqualTo(new Stop(StopReason.TOOL_USE));
    }

    @Test
    void reasoning_content_is_a_thinking_block_before_the_text_block_and_stop_precedes_usage() {
        List<ChatEvent> events = decodeAll(sse("stream-deepseek-reasoning.sse"));

        assertThat(events).filteredOn(ThinkingDelta.class::isInstance)
                .allSatisfy(e -> assertThat(((ThinkingDelta) e).index()).isZero());
        assertThat(events).filteredOn(TextDelta.class::isInstance)
                .allSatisfy(e -> assertThat(((TextDelta) e).index()).isEqualTo(1));
        assertThat(events.subList(events.size() - 2, events.size())).containsExactly(new Stop(StopReason.END_TURN),
                new UsageUpdate(new Usage(13, 40, 0, 0, 31)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-text-usage.sse", "stream-parallel-tools.sse", "stream-deepseek-reasoning.sse"})
    void decoding_then_encoding_a_stream_keeps_its_meaning(String fixture) {
        List<JsonNode> original = sse(fixture);
        boolean includeUsage = original.getLast().path("usage").isObject();

        List<ObjectNode> encoded = encodeAll(decodeAll(original), includeUsage);

        assertThat(StreamSummary.of(encoded)).isEqualTo(StreamSummary.of(original));
        assertThat(encoded.getFirst().path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
        assertThat(encoded).allSatisfy(chunk -> {
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("id").asText()).isEqualTo("chatcmpl-gw");
            assertThat(chunk.path("model").asText()).isEqualTo("my-endpoint");
            assertThat(chunk.has("usage")).isEqualTo(includeUsage);
        });
        assertThat(encoded).filteredOn(c -> c.path("usage").isObject()).hasSize(includeUsage ? 1 : 0);
        if (includeUsage) {
            assertThat(encoded.getLast().path("choices").isEmpty()).isTrue();
        }
    }

    @Test
    void the_encoder_numbers_tool_calls_among_tool_calls_not_among_blocks() {
        List<ObjectNode> chunks = encodeAll(List.of(new MessageStart("m", Optional.empty()), new TextDelta(0, "Checking."),
                new ToolCallStart(1, "call_a", "f"), new ToolCallArgsDelta(1, "{}"), new ToolCallStart(2, "call_b", "g"),
                new ToolCallArgsDelta(2, "{\"x\""), new ToolCallArgsDelta(2, ":1}"), new Stop(StopReason.TOOL_USE)), false);

        assertThat(chunks).hasSize(8);
        assertThat(chunks.get(2).path("choices").get(0).path("delta")).isEqualTo(parse("""
                {"tool_calls": [{"index": 0, "id": "call_a", "type": "function", "function": {"name": "f", "arguments": ""}}]}"""));
        assertThat(chunks.get(6).path("choices").get(0).path("delta")).isEqualTo(parse("""
                {"tool_calls": [{"index": 1, "function": {"arguments": ":1}"}}]}"""));
        assertThat(chunks.getLast().path("choices").get(0).path("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(StreamSummary.of(chunks).toolCalls()).containsExactly(List.of("call_a", "f", "{}"),
                List.of("call_b", "g", "{\"x\":1}"));
    }

    @Test
    void usage_reported_before_the_stop_is_sent_once_by_finish() {
        OpenAiStreamEncoder encoder = new OpenAiStreamEncoder("id", "m", 1, true);
        encoder.encode(new MessageStart("x", Optional.empty()));
        assertThat(encoder.encode(new UsageUpdate(new Usage(5, 0, 0, 0, 0)))).isEmpty();
        assertThat(encoder.encode(new UsageUpdate(new Usage(5, 7, 0, 0, 0)))).isEmpty();
        assertThat(encoder.encode(new Stop(StopReason.END_TURN))).hasSize(1);

        List<ObjectNode> last = encoder.finish();

        assertThat(last).singleElement().satisfies(c -> assertThat(c.path("usage").path("total_tokens").asLong()).isEqualTo(12));
        assertThat(encoder.finish()).isEmpty();
    }

    @Test
    void without_include_usage_no_usage_chunk_is_sent() {
        OpenAiStreamEncoder encoder = new OpenAiStreamEncoder("id", "m", 1, false);
        encoder.encode(new MessageStart("x", Optional.empty()));
        encoder.encode(new Stop(StopReason.END_TURN));

        assertThat(encoder.encode(new UsageUpdate(new Usage(5, 7, 0, 0, 0)))).isEmpty();
        assertThat(encoder.finish()).isEmpty();
    }

    @Test
    void a_preamble_chunk_without_choices_yields_nothing_and_text_after_a_tool_call_opens_a_new_block() {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder();

        assertThat(decoder.decode(parse("{\"id\": \"\", \"model\": \"\", \"choices\": [], \"prompt_filter_results\": []}")))
                .isEmpty();
        assertThat(decoder.decode(parse("{\"id\": \"c1\", \"model\": \"gpt\", \"choices\": [{\"index\": 0, \"delta\":"
                + " {\"content\": \"a\"}}]}"))).containsExactly(new MessageStart("c1", Optional.of("gpt"),
                Optional.of(OpenAiChatFormat.INSTANCE)), new TextDelta(0, "a"));
        assertThat(decoder.decode(parse("{\"choices\": [{\"index\": 0, \"delta\": {\"tool_calls\": [{\"index\": 0,"
                + " \"id\": \"t\", \"function\": {\"name\": \"f\", \"arguments\": \"{}\"}}]}}]}")))
                .containsExactly(new ToolCallStart(1, "t", "f"), new ToolCallArgsDelta(1, "{}"));
        assertThat(decoder.decode(parse("{\"choices\": [{\"index\": 0, \"delta\": {\"content\": \"b\"},"
                + " \"finish_reason\": \"stop\"}]}"))).containsExactly(new TextDelta(2, "b"), new Stop(StopReason.END_TURN));
    }

    @Test
    void a_chunk_that_is_not_an_object_is_an_upstream_failure() {
        var thrown = catchThrowableOfType(GatewayException.UpstreamUnavailable.class,
                () -> new OpenAiStreamDecoder().decode(parse("[]")));

        assertThat(thrown.retryable()).isTrue();
    }

    private static String args(List<ChatEvent> events, int index) {
        StringBuilder json = new StringBuilder();
        events.stream().filter(ToolCallArgsDelta.class::isInstance).map(ToolCallArgsDelta.class::cast)
                .filter(d -> d.index() == index).forEach(d -> json.append(d.json()));
        return json.toString();
    }
}
