package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.Fixtures.json;
import static dev.switchboard.wire.gemini.Fixtures.parse;
import static dev.switchboard.wire.gemini.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.StopReason;
import dev.switchboard.core.Text;
import dev.switchboard.core.Thinking;
import dev.switchboard.core.Usage;
import dev.switchboard.wire.anthropic.AnthropicCodec;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Signatures made by another provider, to a Gemini caller (tagged) and back to Gemini (only its own). */
class GeminiSignaturesTest {

    private static final String GEMINI_SIGNATURE = "CiIBVKhc7oDtYKhK+0WqRn/6";
    private static final String CLAUDE_SIGNATURE = "EqQBCkgIARABGAIiQL2h+w/9jG6bJ1aQ==";

    private static List<ObjectNode> encodeAll(List<ChatEvent> events) {
        GeminiStreamEncoder encoder = new GeminiStreamEncoder("resp-gw-1", "my-endpoint");
        List<ObjectNode> chunks = new ArrayList<>();
        events.forEach(event -> chunks.addAll(encoder.encode(event)));
        chunks.addAll(encoder.finish());
        return chunks;
    }

    @Test
    void a_streamed_signature_from_another_provider_is_tagged_once_at_its_start() {
        List<ObjectNode> encoded = encodeAll(List.of(new MessageStart("msg_1", Optional.empty(), Optional.of(AnthropicFormat.INSTANCE)),
                new ThinkingDelta(0, "think."), new SignatureDelta(0, "EqQB"), new SignatureDelta(0, "Cg=="),
                new ToolCallStart(1, "toolu_1", "f"), new ToolCallArgsDelta(1, "{}"), new SignatureDelta(1, "c2ln"),
                new Stop(StopReason.TOOL_USE), new UsageUpdate(new Usage(1, 1, 0, 0, 0))));

        assertThat(encoded).extracting(chunk -> wire(chunk.at("/candidates/0/content/parts"))).containsExactly(
                parse("""
                        [{"text": "think.", "thought": true, "thoughtSignature": "swb1AnthEqQBCg=="},
                         {"functionCall": {"id": "toolu_1", "name": "f", "args": {}}, "thoughtSignature": "swb1Anthc2ln"}]"""));
    }

    @Test
    void a_geminis_own_stream_is_not_tagged() {
        List<ObjectNode> encoded = encodeAll(List.of(new MessageStart("r", Optional.empty(), Optional.of(GeminiFormat.INSTANCE)),
                new TextDelta(0, "Hi"), new SignatureDelta(0, "c2ln"), new Stop(StopReason.END_TURN)));

        assertThat(encoded.getFirst().at("/candidates/0/content/parts/0/thoughtSignature").textValue()).isEqualTo("c2ln");
    }

    @Test
    void geminis_signature_goes_to_an_anthropic_caller_tagged_and_back_to_gemini_untagged_but_not_to_anthropic() {
        ChatResponse gemini = new ChatResponse("r1", Optional.empty(), List.of(new ChatResponse.Choice(List.of(
                new Thinking("Let me think.", Optional.of(GEMINI_SIGNATURE)), new Text("Done.")), StopReason.END_TURN)),
                new Usage(10, 20, 0, 0, 0), Map.of(), Optional.of(GeminiFormat.INSTANCE));

        ObjectNode toCaller = AnthropicCodec.encodeResponse(gemini, "my-endpoint");
        ObjectNode next = parse("{\"max_tokens\": 100, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}")
                .deepCopy();
        ((ArrayNode) next.get("messages")).addObject().put("role", "assistant").set("content", toCaller.get("content"));
        ((ArrayNode) next.get("messages")).addObject().put("role", "user").put("content", "more");
        ChatRequest decoded = AnthropicCodec.decodeRequest(wire(next));

        assertThat(toCaller.at("/content/0/signature").textValue()).isEqualTo("swb1Gemi" + GEMINI_SIGNATURE);
        assertThat(GeminiCodec.encodeRequest(decoded).at("/contents/1/parts")).isEqualTo(parse(
                "[{\"text\": \"Let me think.\", \"thought\": true, \"thoughtSignature\": \"" + GEMINI_SIGNATURE + "\"},"
                        + " {\"text\": \"Done.\"}]"));
        assertThat(AnthropicCodec.encodeRequest(decoded, "claude", 1024).at("/messages/1"))
                .isEqualTo(parse("{\"role\": \"assistant\", \"content\": \"Done.\"}"));
    }

    @Test
    void anthropics_signature_from_a_gemini_caller_goes_back_to_anthropic_untagged_but_not_to_gemini() {
        ObjectNode body = parse("""
                {"contents": [{"role": "user", "parts": [{"text": "hi"}]},
                  {"role": "model", "parts": [{"text": "Let me think.", "thought": true,
                                               "thoughtSignature": "swb1Anth%s"}, {"text": "Done."}]},
                  {"role": "user", "parts": [{"text": "more"}]}]}""".formatted(CLAUDE_SIGNATURE)).deepCopy();
        ChatRequest decoded = GeminiCodec.decodeRequest(body, false);

        assertThat(AnthropicCodec.encodeRequest(decoded, "claude", 1024).at("/messages/1/content/0")).isEqualTo(parse(
                "{\"type\": \"thinking\", \"thinking\": \"Let me think.\", \"signature\": \"" + CLAUDE_SIGNATURE + "\"}"));
        assertThat(GeminiCodec.encodeRequest(decoded).at("/contents/1/parts"))
                .isEqualTo(parse("[{\"text\": \"Done.\"}]"));
    }

    /**
     * A stream gives a Gemini caller a thought in several parts, the signature on the last; the
     * caller sends the parts back as it got them, and Claude must get the whole thought with it.
     */
    @Test
    void a_thought_streamed_in_parts_goes_back_to_anthropic_whole_with_its_signature() {
        ObjectNode body = parse("""
                {"contents": [{"role": "user", "parts": [{"text": "hi"}]},
                  {"role": "model", "parts": [{"text": "Let me ", "thought": true}, {"text": "think.", "thought": true},
                                              {"text": "", "thought": true, "thoughtSignature": "swb1Anth%s"},
                                              {"text": "Done."}]},
                  {"role": "user", "parts": [{"text": "more"}]}]}""".formatted(CLAUDE_SIGNATURE)).deepCopy();
        ChatRequest decoded = GeminiCodec.decodeRequest(body, false);

        assertThat(AnthropicCodec.encodeRequest(decoded, "claude", 1024).at("/messages/1/content")).isEqualTo(parse(
                "[{\"type\": \"thinking\", \"thinking\": \"Let me think.\", \"signature\": \"" + CLAUDE_SIGNATURE
                        + "\"}, {\"type\": \"text\", \"text\": \"Done.\"}]"));
    }

    @Test
    void a_pass_through_body_loses_what_another_provider_signed_and_untags_geminis() {
        ObjectNode body = parse("""
                {"contents": [{"role": "user", "parts": [{"text": "hi"}]},
                  {"role": "model", "parts": [{"text": "a", "thought": true, "thoughtSignature": "swb1AnthEqQB"}]},
                  {"role": "model", "parts": [
                    {"text": "b", "thought": true, "thought_signature": "swb1GemiCiIB"},
                    {"text": "c", "thoughtSignature": "swb1AnthEqQB"},
                    {"functionCall": {"name": "f", "args": {}}, "thoughtSignature": "CiIB"}]},
                  {"role": "user", "parts": []}]}""").deepCopy();

        GeminiCodec.untagSignatures(body);

        assertThat(body).isEqualTo(parse("""
                {"contents": [{"role": "user", "parts": [{"text": "hi"}]},
                  {"role": "model", "parts": [
                    {"text": "b", "thought": true, "thought_signature": "CiIB"},
                    {"text": "c"},
                    {"functionCall": {"name": "f", "args": {}}, "thoughtSignature": "CiIB"}]},
                  {"role": "user", "parts": []}]}"""));
    }

    @Test
    void a_pass_through_body_without_tags_is_left_as_it_is() {
        for (String fixture : List.of("request-thinking.json", "request-function-calling.json")) {
            JsonNode original = json(fixture);
            ObjectNode body = original.deepCopy();

            GeminiCodec.untagSignatures(body);

            assertThat(body).as(fixture).isEqualTo(original);
        }
    }
}
