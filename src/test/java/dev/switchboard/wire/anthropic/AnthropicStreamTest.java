package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.Fixtures.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.core.ObjectMappers;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.RawMessageStreamEvent;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicStreamTest {

    static List<ChatEvent> decodeAll(List<Fixtures.Event> events) {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
        List<ChatEvent> out = new ArrayList<>();
        events.forEach(e -> out.addAll(decoder.decode(e.name(), e.data())));
        return out;
    }

    /** The frames for the events, with {@code finish()}, as one SSE text. */
    static String encodeAll(List<ChatEvent> events) {
        AnthropicStreamEncoder encoder = new AnthropicStreamEncoder("msg_gateway", "my-endpoint");
        StringBuilder out = new StringBuilder();
        events.forEach(e -> encoder.encode(e).forEach(f -> out.append(new String(f, StandardCharsets.UTF_8))));
        encoder.finish().forEach(f -> out.append(new String(f, StandardCharsets.UTF_8)));
        return out.toString();
    }

    private static String joined(List<ChatEvent> events, Class<? extends ChatEvent> kind) {
        StringBuilder text = new StringBuilder();
        for (ChatEvent event : events) {
            switch (event) {
                case TextDelta t when kind == TextDelta.class -> text.append(t.text());
                case ThinkingDelta t when kind == ThinkingDelta.class -> text.append(t.text());
                case SignatureDelta s when kind == SignatureDelta.class -> text.append(s.signature());
                case ToolCallArgsDelta a when kind == ToolCallArgsDelta.class -> text.append(a.json());
                default -> { }
            }
        }
        return text.toString();
    }

    @Test
    void a_text_stream_decodes_to_start_usage_text_stop_and_final_usage() {
        List<ChatEvent> events = decodeAll(sse("stream-text.sse"));

        assertThat(events).containsExactly(
                new MessageStart("msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY", Optional.of("claude-opus-4-20250514"),
                        Optional.of(AnthropicFormat.INSTANCE)),
                new UsageUpdate(new Usage(25, 1, 0, 0, 0)),
                new TextDelta(0, ""), new TextDelta(0, "Hello"), new TextDelta(0, "!"),
                new Stop(StopReason.END_TURN),
                new UsageUpdate(new Usage(25, 15, 0, 0, 0)));
    }

    @Test
    void a_tool_use_stream_joins_the_input_json_pieces_exactly() {
        List<ChatEvent> events = decodeAll(sse("stream-tool-use.sse"));

        assertThat(events).filteredOn(ToolCallStart.class::isInstance)
                .containsExactly(new ToolCallStart(1, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather"));
        assertThat(joined(events, ToolCallArgsDelta.class))
                .isEqualTo("{\"location\": \"San Francisco, CA\", \"unit\": \"fahrenheit\"}");
        assertThat(joined(events, TextDelta.class)).isEqualTo("Okay, let's check the weather for San Francisco, CA:");
        assertThat(events.subList(events.size() - 2, events.size()))
                .containsExactly(new Stop(StopReason.TOOL_USE), new UsageUpdate(new Usage(472, 89, 0, 0, 0)));
    }

    @Test
    void a_thinking_stream_keeps_the_signature_on_the_thinking_block() {
        List<ChatEvent> events = decodeAll(sse("stream-thinking.sse"));

        assertThat(events).filteredOn(SignatureDelta.class::isInstance).containsExactly(
                new SignatureDelta(0, "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds..."));
        assertThat(joined(events, ThinkingDelta.class)).startsWith("Let me solve this step by step:")
                .endsWith("= 12,231");
        assertThat(events).filteredOn(TextDelta.class::isInstance)
                .allSatisfy(e -> assertThat(((TextDelta) e).index()).isEqualTo(1));
        assertThat(events.getLast()).isEqualTo(new Stop(StopReason.END_TURN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-text.sse", "stream-tool-use.sse", "stream-thinking.sse"})
    void decoding_the_encoded_stream_gives_back_the_same_content_stop_and_usage(String fixture) {
        List<ChatEvent> original = decodeAll(sse(fixture));

        List<ChatEvent> again = decodeAll(Fixtures.events(encodeAll(original)));

        for (var kind : List.of(TextDelta.class, ThinkingDelta.class, SignatureDelta.class, ToolCallArgsDelta.class)) {
            assertThat(joined(again, kind)).as(kind.getSimpleName()).isEqualTo(joined(original, kind));
        }
        assertThat(again).filteredOn(ToolCallStart.class::isInstance)
                .isEqualTo(original.stream().filter(ToolCallStart.class::isInstance).toList());
        assertThat(again).filteredOn(Stop.class::isInstance)
                .isEqualTo(original.stream().filter(Stop.class::isInstance).toList());
        // Anthropic's format always carries usage: a stream that had none gives zeros back.
        assertThat(lastUsage(again)).contains(lastUsage(original).orElse(Usage.NONE));
    }

    private static Optional<Usage> lastUsage(List<ChatEvent> events) {
        return events.stream().filter(UsageUpdate.class::isInstance).map(e -> ((UsageUpdate) e).usage())
                .reduce((a, b) -> b);
    }

    @Test
    void the_encoded_text_stream_is_the_documented_event_sequence() {
        String encoded = encodeAll(decodeAll(sse("stream-text.sse")));

        assertThat(encoded).isEqualTo("""
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_gateway","type":"message","role":"assistant",\
                "model":"my-endpoint","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,\
                "cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"!"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":\
                {"input_tokens":25,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":15}}

                event: message_stop
                data: {"type":"message_stop"}

                """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-tool-use.sse", "stream-thinking.sse"})
    void the_official_sdk_accumulates_the_encoded_stream_into_the_same_message(String fixture) throws Exception {
        List<ChatEvent> events = decodeAll(sse(fixture));

        var message = accumulate(encodeAll(events));

        assertThat(message.id()).isEqualTo("msg_gateway");
        String text = message.content().stream().flatMap(b -> b.text().stream()).map(t -> t.text()).reduce("", String::concat);
        assertThat(text).isEqualTo(joined(events, TextDelta.class));
        if (fixture.contains("tool")) {
            var toolUse = message.content().get(1).toolUse().orElseThrow();
            assertThat(toolUse.id()).isEqualTo("toolu_01T1x1fJ34qAmk2tNTrN7Up6");
            assertThat(ObjectMappers.jsonMapper().writeValueAsString(toolUse._input()))
                    .isEqualTo("{\"location\":\"San Francisco, CA\",\"unit\":\"fahrenheit\"}");
            assertThat(message.stopReason()).contains(com.anthropic.models.messages.StopReason.TOOL_USE);
            assertThat(message.usage().inputTokens()).isEqualTo(472);
            assertThat(message.usage().outputTokens()).isEqualTo(89);
        } else {
            var thinking = message.content().getFirst().thinking().orElseThrow();
            assertThat(thinking.signature()).isEqualTo(joined(events, SignatureDelta.class));
            assertThat(thinking.thinking()).isEqualTo(joined(events, ThinkingDelta.class));
        }
    }

    static com.anthropic.models.messages.Message accumulate(String stream) throws Exception {
        MessageAccumulator accumulator = MessageAccumulator.create();
        for (Fixtures.Event event : Fixtures.events(stream)) {
            accumulator.accumulate(ObjectMappers.jsonMapper()
                    .readValue(event.data().toString(), RawMessageStreamEvent.class));
        }
        return accumulator.message();
    }

    @Test
    void an_error_event_fails_the_stream_with_the_providers_message() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
        List<Fixtures.Event> events = sse("stream-overloaded.sse");
        events.subList(0, 3).forEach(e -> decoder.decode(e.name(), e.data()));

        var error = catchThrowableOfType(GatewayException.UpstreamUnavailable.class,
                () -> decoder.decode(events.get(3).name(), events.get(3).data()));

        assertThat(error.getMessage()).contains("overloaded_error").contains("Overloaded");
        assertThat(error.retryable()).isTrue();
    }

    @Test
    void an_error_frame_is_anthropics_error_event() {
        byte[] frame = AnthropicStreamEncoder.errorEvent("overloaded_error", "Overloaded");

        assertThat(new String(frame, StandardCharsets.UTF_8)).isEqualTo("event: error\ndata: "
                + "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n");
    }

    @Test
    void finish_closes_the_open_block_and_ends_a_stream_that_had_no_stop() throws Exception {
        AnthropicStreamEncoder encoder = new AnthropicStreamEncoder("chatcmpl-1", "m");
        StringBuilder out = new StringBuilder();
        for (ChatEvent event : List.of(new MessageStart("chatcmpl-1", Optional.empty()), new TextDelta(0, "Hi"))) {
            encoder.encode(event).forEach(f -> out.append(new String(f, StandardCharsets.UTF_8)));
        }
        encoder.finish().forEach(f -> out.append(new String(f, StandardCharsets.UTF_8)));

        assertThat(Fixtures.events(out.toString())).extracting(Fixtures.Event::name).containsExactly("message_start",
                "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(accumulate(out.toString()).id()).isEqualTo("msg_chatcmpl-1");
        assertThat(encoder.finish()).isEmpty();
        assertThat(encoder.encode(new TextDelta(0, "late"))).isEmpty();
    }

    @Test
    void an_openai_stream_with_parallel_tool_calls_and_late_usage_encodes_to_an_anthropic_stream() throws Exception {
        List<ChatEvent> events = List.of(new MessageStart("chatcmpl-1", Optional.of("gpt-4o")),
                new ThinkingDelta(0, "Two cities."), new TextDelta(1, "Checking."),
                new ToolCallStart(2, "call_a", "weather"), new ToolCallArgsDelta(2, "{\"city\":"),
                new ToolCallArgsDelta(2, "\"Paris\"}"), new ToolCallStart(3, "call_b", "weather"),
                new ToolCallArgsDelta(3, "{\"city\":\"Rome\"}"), new Stop(StopReason.TOOL_USE),
                new UsageUpdate(new Usage(100, 30, 20, 0, 10)));

        String encoded = encodeAll(events);
        var message = accumulate(encoded);

        assertThat(Fixtures.events(encoded).getFirst().data().at("/message/usage/input_tokens").intValue()).isZero();
        assertThat(message.content()).hasSize(4);
        assertThat(message.content().get(0).thinking().orElseThrow().signature()).isEmpty();
        assertThat(ObjectMappers.jsonMapper().writeValueAsString(message.content().get(3).toolUse().orElseThrow()._input()))
                .isEqualTo("{\"city\":\"Rome\"}");
        assertThat(message.stopReason()).contains(com.anthropic.models.messages.StopReason.TOOL_USE);
        assertThat(message.usage().inputTokens()).isEqualTo(80);
        assertThat(message.usage().cacheReadInputTokens()).contains(20L);
        assertThat(message.usage().outputTokens()).isEqualTo(30);
        assertThat(decodeAll(Fixtures.events(encoded)).getLast()).isEqualTo(new UsageUpdate(new Usage(100, 30, 20, 0, 10)));
    }

    @Test
    void blocks_of_unknown_types_are_skipped_and_the_rest_renumbered() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
        List<ChatEvent> events = new ArrayList<>();
        for (String data : List.of(
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"m\"}}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"server_tool_use\",\"id\":\"s\",\"name\":\"web_search\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{}\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":{}}}",
                "{\"type\":\"content_block_stop\",\"index\":1}",
                "{\"type\":\"message_stop\"}")) {
            events.addAll(decoder.decode(null, Fixtures.parse(data)));
        }

        assertThat(events).containsExactly(new MessageStart("msg_1", Optional.of("m"), Optional.of(AnthropicFormat.INSTANCE)),
                new ToolCallStart(0, "t", "f"),
                new ToolCallArgsDelta(0, "{}"), new Stop(StopReason.UNKNOWN));
    }
}
