package dev.switchboard.wire.responses;

import static dev.switchboard.wire.responses.Fixtures.ENCRYPTED;
import static dev.switchboard.wire.responses.Fixtures.encodeAll;
import static dev.switchboard.wire.responses.Fixtures.encoder;
import static dev.switchboard.wire.responses.Fixtures.frames;
import static dev.switchboard.wire.responses.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.ChatEvent.MessageStart;
import dev.switchboard.core.ChatEvent.RedactedThinkingBlock;
import dev.switchboard.core.ChatEvent.SignatureDelta;
import dev.switchboard.core.ChatEvent.Stop;
import dev.switchboard.core.ChatEvent.TextDelta;
import dev.switchboard.core.ChatEvent.ThinkingDelta;
import dev.switchboard.core.ChatEvent.ToolCallArgsDelta;
import dev.switchboard.core.ChatEvent.ToolCallStart;
import dev.switchboard.core.ChatEvent.UsageUpdate;
import dev.switchboard.core.StopReason;
import dev.switchboard.core.Usage;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import dev.switchboard.wire.responses.Fixtures.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Canonical events as the Responses event stream OpenAI sends. */
class ResponsesStreamEncoderTest {

    private static final MessageStart START = new MessageStart("chatcmpl-1", Optional.of("gpt-4o"),
            Optional.of(OpenAiChatFormat.INSTANCE));

    private static List<String> types(List<Frame> frames) {
        return frames.stream().map(Frame::type).toList();
    }

    @Test
    void a_text_answer_is_created_in_progress_one_message_and_completed() {
        List<Frame> frames = frames(encodeAll(encoder(), List.of(START, new TextDelta(0, "Hi"),
                new TextDelta(0, " there!"), new Stop(StopReason.END_TURN), new UsageUpdate(new Usage(37, 11, 0, 0, 0)))));

        assertThat(types(frames)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed");
        assertThat(frames).extracting(Frame::name).containsExactlyElementsOf(types(frames));
        for (int i = 0; i < frames.size(); i++) {
            assertThat(frames.get(i).data().get("sequence_number").asInt()).isEqualTo(i);
        }
        JsonNode created = frames.get(0).data().get("response");
        assertThat(created.get("id").asText()).isEqualTo("resp_gw");
        assertThat(created.get("status").asText()).isEqualTo("in_progress");
        assertThat(created.get("model").asText()).isEqualTo("my-endpoint");
        assertThat(created.get("output")).isEmpty();
        assertThat(created.get("usage").isNull()).isTrue();

        String messageId = frames.get(2).data().get("item").get("id").asText();
        assertThat(messageId).startsWith("msg_");
        assertThat(frames.get(2).data()).isEqualTo(parse("""
                {"type": "response.output_item.added", "output_index": 0, "item": {"id": "%s", "type": "message",
                 "status": "in_progress", "content": [], "role": "assistant"}, "sequence_number": 2}""".formatted(messageId)));
        assertThat(frames.get(3).data()).isEqualTo(parse("""
                {"type": "response.content_part.added", "item_id": "%s", "output_index": 0, "content_index": 0,
                 "part": {"type": "output_text", "annotations": [], "logprobs": [], "text": ""}, "sequence_number": 3}"""
                .formatted(messageId)));
        assertThat(frames.get(4).data()).isEqualTo(parse("""
                {"type": "response.output_text.delta", "item_id": "%s", "output_index": 0, "content_index": 0,
                 "delta": "Hi", "logprobs": [], "sequence_number": 4}""".formatted(messageId)));
        assertThat(frames.get(6).data().get("text").asText()).isEqualTo("Hi there!");
        assertThat(frames.get(7).data().get("part").get("text").asText()).isEqualTo("Hi there!");
        JsonNode done = frames.get(8).data().get("item");
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("content").get(0).get("text").asText()).isEqualTo("Hi there!");

        JsonNode completed = frames.get(9).data().get("response");
        assertThat(completed.get("status").asText()).isEqualTo("completed");
        assertThat(completed.get("output")).containsExactly(done);
        assertThat(completed.get("usage")).isEqualTo(parse("""
                {"input_tokens": 37, "input_tokens_details": {"cached_tokens": 0}, "output_tokens": 11,
                 "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": 48}"""));
    }

    @Test
    void reasoning_then_text_then_a_function_call_are_three_items_in_order() {
        List<Frame> frames = frames(encodeAll(encoder(), List.of(
                new MessageStart("msg_1", Optional.empty(), Optional.of(AnthropicFormat.INSTANCE)),
                new ThinkingDelta(0, "Let me"), new ThinkingDelta(0, " think."), new SignatureDelta(0, "EqQB"),
                new TextDelta(1, "Checking."),
                new ToolCallStart(2, "toolu_1", "get_weather"), new ToolCallArgsDelta(2, "{\"city\":"),
                new ToolCallArgsDelta(2, "\"Paris\"}"),
                new Stop(StopReason.TOOL_USE), new UsageUpdate(new Usage(10, 20, 0, 0, 5)))));

        assertThat(types(frames)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.done", "response.reasoning_summary_part.done",
                "response.output_item.done",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done", "response.completed");
        String reasoningId = frames.get(2).data().get("item").get("id").asText();
        assertThat(frames.get(2).data().get("item")).isEqualTo(parse("""
                {"id": "%s", "type": "reasoning", "summary": []}""".formatted(reasoningId)));
        assertThat(frames.get(3).data()).isEqualTo(parse("""
                {"type": "response.reasoning_summary_part.added", "item_id": "%s", "output_index": 0, "summary_index": 0,
                 "part": {"type": "summary_text", "text": ""}, "sequence_number": 3}""".formatted(reasoningId)));
        assertThat(frames.get(4).data().get("delta").asText()).isEqualTo("Let me");
        assertThat(frames.get(6).data().get("text").asText()).isEqualTo("Let me think.");
        assertThat(frames.get(7).data().get("part")).isEqualTo(parse(
                "{\"type\": \"summary_text\", \"text\": \"Let me think.\"}"));
        assertThat(frames.get(8).data().get("item")).isEqualTo(parse("""
                {"id": "%s", "type": "reasoning", "summary": [{"type": "summary_text", "text": "Let me think."}],
                 "encrypted_content": "swb1AnthEqQB"}""".formatted(reasoningId)));
        assertThat(frames.get(9).data().get("output_index").asInt()).isEqualTo(1);

        JsonNode callAdded = frames.get(15).data();
        String callId = callAdded.get("item").get("id").asText();
        assertThat(callId).startsWith("fc_");
        assertThat(callAdded).isEqualTo(parse("""
                {"type": "response.output_item.added", "output_index": 2, "item": {"id": "%s", "type": "function_call",
                 "status": "in_progress", "arguments": "", "call_id": "toolu_1", "name": "get_weather"},
                 "sequence_number": 15}""".formatted(callId)));
        assertThat(frames.get(16).data()).isEqualTo(parse("""
                {"type": "response.function_call_arguments.delta", "item_id": "%s", "output_index": 2,
                 "delta": "{\\"city\\":", "sequence_number": 16}""".formatted(callId)));
        assertThat(frames.get(18).data()).isEqualTo(parse("""
                {"type": "response.function_call_arguments.done", "item_id": "%s", "output_index": 2,
                 "arguments": "{\\"city\\":\\"Paris\\"}", "name": "get_weather", "sequence_number": 18}""".formatted(callId)));
        assertThat(frames.get(19).data().get("item")).isEqualTo(parse("""
                {"id": "%s", "type": "function_call", "status": "completed", "arguments": "{\\"city\\":\\"Paris\\"}",
                 "call_id": "toolu_1", "name": "get_weather"}""".formatted(callId)));
        JsonNode completed = frames.get(20).data().get("response");
        assertThat(completed.get("output")).hasSize(3);
        assertThat(completed.get("output").get(2)).isEqualTo(frames.get(19).data().get("item"));
    }

    @Test
    void thinking_that_is_only_a_signature_has_no_summary_part_and_keeps_the_encrypted_content() {
        List<Frame> frames = frames(encodeAll(encoder(), List.of(
                new MessageStart("resp_1", Optional.empty(), Optional.of(ResponsesFormat.INSTANCE)),
                new ThinkingDelta(0, ""), new SignatureDelta(0, ENCRYPTED), new TextDelta(1, "Hi"),
                new Stop(StopReason.END_TURN))));

        assertThat(types(frames).subList(2, 4)).containsExactly("response.output_item.added", "response.output_item.done");
        assertThat(frames.get(3).data().get("item").get("summary")).isEmpty();
        assertThat(frames.get(3).data().get("item").get("encrypted_content").asText()).isEqualTo(ENCRYPTED);
    }

    @Test
    void consecutive_text_blocks_are_parts_of_one_message() {
        List<Frame> frames = frames(encodeAll(encoder(), List.of(START, new TextDelta(0, "One."),
                new TextDelta(1, "Two."), new Stop(StopReason.END_TURN))));

        assertThat(types(frames)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.content_part.added",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed");
        assertThat(frames.get(7).data().get("content_index").asInt()).isEqualTo(1);
        assertThat(frames.get(11).data().get("item").get("content")).extracting(p -> p.get("text").asText())
                .containsExactly("One.", "Two.");
    }

    @Test
    void interleaved_parallel_calls_go_out_one_item_at_a_time_with_all_their_arguments() {
        List<Frame> frames = frames(encodeAll(encoder(), List.of(START,
                new ToolCallStart(0, "call_a", "f"), new ToolCallArgsDelta(0, "{\"x\":"),
                new ToolCallStart(1, "call_b", "g"), new ToolCallArgsDelta(1, "{\"y\":2}"),
                new ToolCallArgsDelta(0, "1}"), new Stop(StopReason.TOOL_USE),
                new UsageUpdate(new Usage(1, 2, 0, 0, 0)))));

        assertThat(types(frames)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "response.completed");
        assertThat(frames.get(5).data().get("arguments").asText()).isEqualTo("{\"x\":1}");
        assertThat(frames.get(9).data().get("arguments").asText()).isEqualTo("{\"y\":2}");
        assertThat(frames.get(10).data().get("output_index").asInt()).isEqualTo(1);
    }

    @Test
    void an_answer_cut_short_ends_with_response_incomplete() {
        List<Frame> frames = frames(encodeAll(encoder(), List.of(START, new TextDelta(0, "Once upon"),
                new Stop(StopReason.MAX_TOKENS), new UsageUpdate(new Usage(5, 16, 0, 0, 0)))));

        Frame last = frames.getLast();
        assertThat(last.type()).isEqualTo("response.incomplete");
        assertThat(last.data().get("response").get("status").asText()).isEqualTo("incomplete");
        assertThat(last.data().get("response").get("incomplete_details")).isEqualTo(parse(
                "{\"reason\": \"max_output_tokens\"}"));
        assertThat(frames.get(frames.size() - 2).data().get("item").get("status").asText()).isEqualTo("incomplete");
    }

    @Test
    void the_end_waits_for_usage_after_the_stop_or_for_finish_and_nothing_follows_it() {
        ResponsesStreamEncoder encoder = encoder();
        encoder.encode(START);
        encoder.encode(new TextDelta(0, "Hi"));
        assertThat(frames(encoder.encode(new Stop(StopReason.END_TURN)))).extracting(Frame::type)
                .doesNotContain("response.completed");
        List<byte[]> end = encoder.encode(new UsageUpdate(new Usage(1, 1, 0, 0, 0)));
        assertThat(frames(end)).extracting(Frame::type).containsExactly("response.completed");
        assertThat(encoder.encode(new UsageUpdate(new Usage(2, 2, 0, 0, 0)))).isEmpty();
        assertThat(encoder.finish()).isEmpty();

        List<Frame> unfinished = frames(encodeAll(encoder(), List.of(START, new TextDelta(0, "Hi"))));
        assertThat(unfinished.getLast().type()).isEqualTo("response.completed");
        assertThat(unfinished.getLast().data().get("response").get("output").get(0).get("content").get(0)
                .get("text").asText()).isEqualTo("Hi");
        String text = new String(Fixtures.join(encodeAll(encoder(), List.of(START, new TextDelta(0, "Hi")))),
                StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("[DONE]").startsWith("event: response.created\ndata: {\"type\":\"response.created\"");
    }

    @Test
    void flush_sends_held_blocks_before_an_error_and_redacted_thinking_is_dropped() {
        ResponsesStreamEncoder encoder = encoder();
        encoder.encode(START);
        encoder.encode(new RedactedThinkingBlock(0, "opaque"));
        encoder.encode(new ToolCallStart(1, "call_a", "f"));
        encoder.encode(new ToolCallArgsDelta(1, "{\"x\":"));
        assertThat(encoder.encode(new TextDelta(2, "held"))).isEmpty();

        List<Frame> flushed = frames(encoder.flush());

        assertThat(types(flushed)).containsExactly("response.function_call_arguments.done", "response.output_item.done",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta");
        assertThat(flushed.get(1).data().get("output_index").asInt()).isZero();
        assertThat(flushed.getLast().data().get("delta").asText()).isEqualTo("held");
    }

    @Test
    void the_response_objects_echo_the_request() {
        var request = ResponsesFormat.INSTANCE.decodeRequest(Fixtures.json("request-basic.json"), true);
        List<byte[]> bytes = new ArrayList<>();
        var encoder = ResponsesFormat.INSTANCE.streamEncoder(request, "my-endpoint", "gpt-4.1");
        for (ChatEvent event : List.<ChatEvent>of(START, new TextDelta(0, "Arr."), new Stop(StopReason.END_TURN))) {
            bytes.addAll(encoder.encode(event));
        }
        bytes.addAll(encoder.finish());
        List<Frame> frames = frames(bytes);

        for (Frame frame : List.of(frames.getFirst(), frames.getLast())) {
            JsonNode response = frame.data().get("response");
            assertThat(response.get("id").asText()).matches("resp_[0-9a-f]{32}");
            assertThat(response.get("instructions").asText()).startsWith("You are a coding assistant");
            assertThat(response.get("temperature").asDouble()).isEqualTo(0.7);
            assertThat(response.get("parallel_tool_calls").booleanValue()).isFalse();
            assertThat(response.get("reasoning").get("effort").asText()).isEqualTo("low");
        }
    }
}
