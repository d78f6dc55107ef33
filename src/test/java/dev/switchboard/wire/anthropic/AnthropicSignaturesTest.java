package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.AnthropicStreamTest.accumulate;
import static dev.switchboard.wire.anthropic.AnthropicStreamTest.encodeAll;
import static dev.switchboard.wire.anthropic.Fixtures.json;
import static dev.switchboard.wire.anthropic.Fixtures.parse;
import static dev.switchboard.wire.anthropic.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatEvent.MessageStart;
import dev.switchboard.core.ChatEvent.SignatureDelta;
import dev.switchboard.core.ChatEvent.Stop;
import dev.switchboard.core.ChatEvent.TextDelta;
import dev.switchboard.core.ChatEvent.ThinkingDelta;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.Message;
import dev.switchboard.core.Role;
import dev.switchboard.core.Sampling;
import dev.switchboard.core.StopReason;
import dev.switchboard.core.Text;
import dev.switchboard.core.Thinking;
import dev.switchboard.core.ToolCall;
import dev.switchboard.core.ToolResult;
import dev.switchboard.core.Usage;
import dev.switchboard.core.WireFormat;
import dev.switchboard.wire.gemini.GeminiFormat;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Signatures made by another provider, to an Anthropic caller (tagged) and back to Anthropic (only its own). */
class AnthropicSignaturesTest {

    private static final String GEMINI_SIGNATURE = "CiIBVKhc7oDtYKhK+0WqRn/6";

    private static JsonNode encode(ChatRequest request) {
        return wire(AnthropicCodec.encodeRequest(request, "claude-sonnet-4-5", 4096));
    }

    private static ChatResponse response(WireFormat sourceFormat, String signature) {
        return new ChatResponse("r1", Optional.empty(), List.of(new ChatResponse.Choice(List.of(
                new Thinking("hmm", Optional.of(signature)), new Text("Hi")), StopReason.END_TURN)),
                new Usage(1, 1, 0, 0, 0), Map.of(), Optional.of(sourceFormat));
    }

    @Test
    void a_gemini_signature_reaches_an_anthropic_caller_tagged_and_an_anthropic_one_unchanged() {
        JsonNode fromGemini = AnthropicCodec.encodeResponse(response(GeminiFormat.INSTANCE, GEMINI_SIGNATURE), "m");
        JsonNode fromAnthropic = AnthropicCodec.encodeResponse(response(AnthropicFormat.INSTANCE, "EqQB"), "m");

        assertThat(fromGemini.at("/content/0/signature").textValue()).isEqualTo("swb1Gemi" + GEMINI_SIGNATURE);
        assertThat(fromAnthropic.at("/content/0/signature").textValue()).isEqualTo("EqQB");
    }

    @Test
    void a_streamed_signature_from_another_provider_is_tagged() throws Exception {
        String stream = encodeAll(List.of(new MessageStart("r1", Optional.empty(), Optional.of(GeminiFormat.INSTANCE)),
                new ThinkingDelta(0, "hmm"), new SignatureDelta(0, GEMINI_SIGNATURE), new TextDelta(1, "Hi"),
                new Stop(StopReason.END_TURN)));
        String own = encodeAll(List.of(new MessageStart("r1", Optional.empty(), Optional.of(AnthropicFormat.INSTANCE)),
                new ThinkingDelta(0, "hmm"), new SignatureDelta(0, "EqQB"), new Stop(StopReason.END_TURN)));

        assertThat(accumulate(stream).content().getFirst().thinking().orElseThrow().signature())
                .isEqualTo("swb1Gemi" + GEMINI_SIGNATURE);
        assertThat(accumulate(own).content().getFirst().thinking().orElseThrow().signature()).isEqualTo("EqQB");
    }

    @Test
    void a_signature_in_several_deltas_goes_out_whole_in_one_delta_just_before_the_blocks_stop() throws Exception {
        String stream = encodeAll(List.of(new MessageStart("r1", Optional.empty(), Optional.of(GeminiFormat.INSTANCE)),
                new ThinkingDelta(0, "hmm"), new SignatureDelta(0, "CiIB"), new ThinkingDelta(0, " more"),
                new SignatureDelta(0, "VKhc"), new TextDelta(1, "Hi"), new Stop(StopReason.END_TURN)));
        List<Fixtures.Event> events = Fixtures.events(stream);
        int signature = events.stream().map(e -> e.data().at("/delta/type").asText()).toList()
                .indexOf("signature_delta");

        assertThat(events).extracting(e -> e.data().at("/delta/signature").asText(null))
                .filteredOn(Objects::nonNull).containsExactly("swb1GemiCiIBVKhc");
        assertThat(events.get(signature + 1).name()).isEqualTo("content_block_stop");
        assertThat(accumulate(stream).content().getFirst().thinking().orElseThrow().signature())
                .isEqualTo("swb1GemiCiIBVKhc");
    }

    @Test
    void unsigned_thinking_from_another_provider_reaches_an_anthropic_caller_with_its_makers_bare_tag()
            throws Exception {
        ChatResponse deepSeek = new ChatResponse("r1", Optional.empty(), List.of(new ChatResponse.Choice(List.of(
                new Thinking("hmm", Optional.empty()), new Text("Hi")), StopReason.END_TURN)),
                new Usage(1, 1, 0, 0, 0), Map.of(), Optional.of(OpenAiChatFormat.INSTANCE));
        String stream = encodeAll(List.of(new MessageStart("r1", Optional.empty(), Optional.of(OpenAiChatFormat.INSTANCE)),
                new ThinkingDelta(0, "hmm"), new TextDelta(1, "Hi"), new Stop(StopReason.END_TURN)));

        assertThat(AnthropicCodec.encodeResponse(deepSeek, "m").at("/content/0/signature").textValue())
                .isEqualTo("swb1Oapi");
        assertThat(accumulate(stream).content().getFirst().thinking().orElseThrow().signature()).isEqualTo("swb1Oapi");
        assertThat(AnthropicStreamGrammar.violations(stream)).isEmpty();
    }

    @Test
    void an_anthropic_callers_unsigned_thinking_is_read_as_unsigned_and_never_sent_to_claude() {
        ChatRequest request = AnthropicCodec.decodeRequest(parse("""
                {"max_tokens": 10, "messages": [{"role": "user", "content": "Weather?"},
                  {"role": "assistant", "content": [
                    {"type": "thinking", "thinking": "deepseek's", "signature": "swb1Oapi"},
                    {"type": "thinking", "thinking": "empty", "signature": ""},
                    {"type": "tool_use", "id": "c1", "name": "w", "input": {}}]},
                  {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "c1", "content": "20C"}]}]}"""));

        assertThat(request.messages().get(1).content()).filteredOn(Thinking.class::isInstance)
                .extracting(b -> ((Thinking) b).signature()).containsExactly(Optional.empty(), Optional.empty());
        assertThat(encode(request).at("/messages/1/content")).isEqualTo(parse("""
                [{"type": "tool_use", "id": "c1", "name": "w", "input": {}}]"""));
    }


    @Test
    void thinking_tagged_as_anthropics_is_sent_untagged_from_another_format_and_other_thinking_is_not() {
        ChatRequest request = new ChatRequest(List.of(Message.of(Role.USER, "Hi"),
                new Message(Role.ASSISTANT, List.of(new Thinking("ours", Optional.of("swb1AnthEqQBCg==")),
                        new Thinking("theirs", Optional.of("swb1Gemi" + GEMINI_SIGNATURE)),
                        new Thinking("untagged", Optional.of(GEMINI_SIGNATURE)), new ToolCall("c1", "f", "{}"))),
                new Message(Role.TOOL, List.of(new ToolResult("c1", List.of(), false)))),
                List.of(), Optional.empty(), Sampling.NONE, Optional.empty(), Optional.empty(), false, false,
                Map.of(), Optional.of(GeminiFormat.INSTANCE));

        assertThat(encode(request).at("/messages/1/content")).isEqualTo(parse("""
                [{"type": "thinking", "thinking": "ours", "signature": "EqQBCg=="},
                 {"type": "tool_use", "id": "c1", "name": "f", "input": {}}]"""));
    }

    @Test
    void thinking_tagged_as_another_providers_is_dropped_even_from_an_anthropic_caller() {
        ChatRequest request = AnthropicCodec.decodeRequest(parse("""
                {"max_tokens": 10, "messages": [{"role": "user", "content": "Hi"},
                  {"role": "assistant", "content": [
                    {"type": "thinking", "thinking": "theirs", "signature": "swb1GemiCiIB"},
                    {"type": "thinking", "thinking": "ours", "signature": "EqQB"},
                    {"type": "text", "text": "Hello"}]},
                  {"role": "user", "content": "Bye"}]}"""));

        assertThat(encode(request).at("/messages/1/content")).isEqualTo(parse("""
                [{"type": "thinking", "thinking": "ours", "signature": "EqQB"}, {"type": "text", "text": "Hello"}]"""));
    }

    @Test
    void a_pass_through_body_loses_thinking_another_provider_signed_and_untags_anthropics() {
        ObjectNode body = parse("""
                {"model": "m", "max_tokens": 10, "messages": [
                  {"role": "user", "content": "Hi"},
                  {"role": "assistant", "content": [{"type": "thinking", "thinking": "a", "signature": "swb1GemiCiIB"}]},
                  {"role": "user", "content": []},
                  {"role": "assistant", "content": [
                    {"type": "thinking", "thinking": "b", "signature": "swb1AnthEqQB"},
                    {"type": "thinking", "thinking": "c", "signature": "swb1Gemi"},
                    {"type": "thinking", "thinking": "d", "signature": "swb1Oapi"},
                    {"type": "thinking", "thinking": "e", "signature": ""},
                    {"type": "redacted_thinking", "data": "swb1GemiCiIB"},
                    {"type": "text", "text": "Hello"}]},
                  {"role": "user", "content": "More"},
                  {"role": "assistant", "content": [{"type": "thinking", "thinking": "f", "signature": ""}]}]}""")
                .deepCopy();

        AnthropicCodec.untagSignatures(body);

        assertThat(body).isEqualTo(parse("""
                {"model": "m", "max_tokens": 10, "messages": [
                  {"role": "user", "content": "Hi"},
                  {"role": "user", "content": []},
                  {"role": "assistant", "content": [
                    {"type": "thinking", "thinking": "b", "signature": "EqQB"},
                    {"type": "redacted_thinking", "data": "swb1GemiCiIB"},
                    {"type": "text", "text": "Hello"}]},
                  {"role": "user", "content": "More"}]}"""));
    }

    @Test
    void a_pass_through_body_without_tags_is_left_as_it_is() {
        JsonNode fixture = json("thinking-tools-request.json");
        ObjectNode body = fixture.deepCopy();

        AnthropicCodec.untagSignatures(body);

        assertThat(body).isEqualTo(fixture);
        assertThat(fixture.toString()).contains("\"signature\"");
    }
}
