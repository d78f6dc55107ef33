package dev.switchboard.wire.responses;

import static dev.switchboard.wire.responses.Fixtures.ENCRYPTED;
import static dev.switchboard.wire.responses.Fixtures.FORMAT;
import static dev.switchboard.wire.responses.Fixtures.decodeAll;
import static dev.switchboard.wire.responses.Fixtures.encodeAll;
import static dev.switchboard.wire.responses.Fixtures.encoder;
import static dev.switchboard.wire.responses.Fixtures.events;
import static dev.switchboard.wire.responses.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.ChatEvent.MessageStart;
import dev.switchboard.core.ChatEvent.SignatureDelta;
import dev.switchboard.core.ChatEvent.Stop;
import dev.switchboard.core.ChatEvent.TextDelta;
import dev.switchboard.core.ChatEvent.ThinkingDelta;
import dev.switchboard.core.ChatEvent.ToolCallArgsDelta;
import dev.switchboard.core.ChatEvent.ToolCallStart;
import dev.switchboard.core.ChatEvent.UsageUpdate;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.SseEvent;
import dev.switchboard.core.StopReason;
import dev.switchboard.core.Usage;
import dev.switchboard.core.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A Responses provider's event stream as canonical events, and the encoder's output read back. */
class ResponsesStreamDecoderTest {

    private static final Optional<WireFormat> RESPONSES = Optional.of(FORMAT);

    private static List<SseEvent> stream(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_text_stream_is_a_start_text_a_stop_and_the_usage() {
        List<SseEvent> events = events("stream-text.sse");

        assertThat(decodeAll(events)).containsExactly(
                new MessageStart("resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654",
                        Optional.of("gpt-4.1-2025-04-14"), RESPONSES),
                new TextDelta(0, "Hi"), new TextDelta(0, " there!"),
                new Stop(StopReason.END_TURN), new UsageUpdate(new Usage(37, 11, 0, 0, 0)));
        WireFormat.StreamDecoder decoder = FORMAT.streamDecoder();
        assertThat(events).extracting(decoder::ends).containsExactly(false, false, false, false, false, false, false,
                false, false, true);
    }

    @Test
    void reasoning_summaries_join_with_a_blank_line_and_the_encrypted_content_signs_the_block() {
        assertThat(decodeAll(events("stream-reasoning-tool-call.sse"))).containsExactly(
                new MessageStart("resp_r1", Optional.of("gpt-5-2025-08-07"), RESPONSES),
                new ThinkingDelta(0, ""), new ThinkingDelta(0, "**Checking"), new ThinkingDelta(0, " the weather**"),
                new ThinkingDelta(0, "\n\n"), new ThinkingDelta(0, "I should call the tool."),
                new SignatureDelta(0, ENCRYPTED),
                new ToolCallStart(1, "call_vYXn", "get_weather"),
                new ToolCallArgsDelta(1, "{\"city\":"), new ToolCallArgsDelta(1, "\"Paris\"}"),
                new Stop(StopReason.TOOL_USE), new UsageUpdate(new Usage(66, 214, 32, 0, 192)));
    }

    @Test
    void text_only_done_events_carry_is_taken_from_them_once() {
        List<ChatEvent> events = decodeAll(stream("""
                event: response.created
                data: {"type":"response.created","response":{"id":"r","model":"m"}}

                event: response.output_item.added
                data: {"type":"response.output_item.added","output_index":0,"item":{"type":"function_call","call_id":"c","name":"f","arguments":""}}

                event: response.function_call_arguments.done
                data: {"type":"response.function_call_arguments.done","output_index":0,"arguments":"{\\"a\\":1}"}

                event: response.output_item.done
                data: {"type":"response.output_item.done","output_index":0,"item":{"type":"function_call","call_id":"c","name":"f","arguments":"{\\"a\\":1}"}}

                event: response.output_text.done
                data: {"type":"response.output_text.done","output_index":1,"content_index":0,"text":"Done."}

                event: response.output_item.done
                data: {"type":"response.output_item.done","output_index":1,"item":{"type":"message","content":[{"type":"output_text","text":"Done."}]}}

                event: response.output_item.done
                data: {"type":"response.output_item.done","output_index":2,"item":{"type":"reasoning","summary":[{"type":"summary_text","text":"Late."}]}}

                event: response.completed
                data: {"type":"response.completed","response":{"status":"completed"}}

                """));

        assertThat(events).containsExactly(new MessageStart("r", Optional.of("m"), RESPONSES),
                new ToolCallStart(0, "c", "f"), new ToolCallArgsDelta(0, "{\"a\":1}"), new TextDelta(1, "Done."),
                new ThinkingDelta(2, ""), new ThinkingDelta(2, "Late."), new Stop(StopReason.TOOL_USE));
    }

    @Test
    void a_refusal_and_reasoning_text_are_read_and_an_incomplete_stream_says_why() {
        List<ChatEvent> events = decodeAll(stream("""
                data: {"type":"response.created","response":{"id":"r"}}

                data: {"type":"response.reasoning_text.delta","output_index":0,"content_index":0,"delta":"Hmm."}

                data: {"type":"response.refusal.delta","output_index":1,"content_index":0,"delta":"No."}

                data: {"type":"response.incomplete","response":{"status":"incomplete","incomplete_details":{"reason":"content_filter"}}}

                """));

        assertThat(events).containsExactly(new MessageStart("r", Optional.empty(), RESPONSES),
                new ThinkingDelta(0, ""), new ThinkingDelta(0, "Hmm."), new TextDelta(1, "No."),
                new Stop(StopReason.CONTENT_FILTER));
        assertThat(FORMAT.streamDecoder().ends(stream(
                "data: {\"type\":\"response.incomplete\",\"response\":{}}\n\n").getFirst())).isTrue();
    }

    @Test
    void an_error_event_in_either_shape_and_a_failed_response_throw_with_their_message() {
        for (String data : List.of(
                "{\"type\":\"error\",\"code\":\"server_error\",\"message\":\"Boom.\",\"param\":null,\"sequence_number\":3}",
                "{\"type\":\"error\",\"sequence_number\":2,\"error\":{\"type\":\"server_error\",\"code\":\"server_error\","
                        + "\"message\":\"Boom.\",\"param\":null}}",
                "{\"type\":\"response.failed\",\"sequence_number\":5,\"response\":{\"status\":\"failed\","
                        + "\"error\":{\"code\":\"server_error\",\"message\":\"Boom.\"}}}")) {
            String type = data.contains("failed") ? "response.failed" : "error";
            WireFormat.StreamDecoder decoder = FORMAT.streamDecoder();
            SseEvent event = stream("event: " + type + "\ndata: " + data + "\n\n").getFirst();
            assertThat(catchThrowableOfType(GatewayException.UpstreamUnavailable.class, () -> decoder.decode(event)))
                    .hasMessage("The provider reported an error mid-stream: server_error: Boom.");
        }
    }

    @Test
    void what_the_encoder_writes_the_decoder_reads_back_as_the_same_events() {
        List<ChatEvent> sent = List.of(
                new MessageStart("msg_1", Optional.empty(), RESPONSES),
                new ThinkingDelta(0, "Let me"), new ThinkingDelta(0, " think."), new SignatureDelta(0, ENCRYPTED),
                new TextDelta(1, "Checking "), new TextDelta(1, "now."),
                new ToolCallStart(2, "call_1", "get_weather"), new ToolCallArgsDelta(2, "{\"city\":"),
                new ToolCallArgsDelta(2, "\"Paris\"}"),
                new ToolCallStart(3, "call_2", "get_time"), new ToolCallArgsDelta(3, "{}"),
                new Stop(StopReason.TOOL_USE), new UsageUpdate(new Usage(10, 20, 4, 0, 5)));

        List<ChatEvent> read = decodeAll(read(Fixtures.join(encodeAll(encoder(), sent))));

        assertThat(read.getFirst()).isEqualTo(new MessageStart("resp_gw", Optional.of("my-endpoint"), RESPONSES));
        assertThat(read.subList(1, read.size())).containsExactly(
                new ThinkingDelta(0, ""), new ThinkingDelta(0, "Let me"), new ThinkingDelta(0, " think."),
                new SignatureDelta(0, ENCRYPTED),
                new TextDelta(1, "Checking "), new TextDelta(1, "now."),
                new ToolCallStart(2, "call_1", "get_weather"), new ToolCallArgsDelta(2, "{\"city\":"),
                new ToolCallArgsDelta(2, "\"Paris\"}"),
                new ToolCallStart(3, "call_2", "get_time"), new ToolCallArgsDelta(3, "{}"),
                new Stop(StopReason.TOOL_USE), new UsageUpdate(new Usage(10, 20, 4, 0, 5)));
    }

    @Test
    void an_incomplete_answer_round_trips_with_its_reason() {
        List<ChatEvent> read = decodeAll(read(Fixtures.join(encodeAll(encoder(), List.of(
                new MessageStart("m", Optional.empty()), new TextDelta(0, "Once"), new Stop(StopReason.MAX_TOKENS),
                new UsageUpdate(new Usage(1, 9, 0, 0, 0)))))));

        assertThat(read.subList(1, read.size())).containsExactly(new TextDelta(0, "Once"),
                new Stop(StopReason.MAX_TOKENS), new UsageUpdate(new Usage(1, 9, 0, 0, 0)));
    }
}
