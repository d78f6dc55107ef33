package dev.switchboard.wire.responses;

import static dev.switchboard.wire.responses.Fixtures.ENCRYPTED;
import static dev.switchboard.wire.responses.Fixtures.FORMAT;
import static dev.switchboard.wire.responses.Fixtures.json;
import static dev.switchboard.wire.responses.Fixtures.parse;
import static dev.switchboard.wire.responses.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.Content;
import dev.switchboard.core.Document;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Image;
import dev.switchboard.core.MediaSource;
import dev.switchboard.core.Message;
import dev.switchboard.core.Reasoning;
import dev.switchboard.core.RedactedThinking;
import dev.switchboard.core.ResponseFormat;
import dev.switchboard.core.Role;
import dev.switchboard.core.Sampling;
import dev.switchboard.core.Signatures;
import dev.switchboard.core.Text;
import dev.switchboard.core.Thinking;
import dev.switchboard.core.Tool;
import dev.switchboard.core.ToolCall;
import dev.switchboard.core.ToolChoice;
import dev.switchboard.core.ToolResult;
import dev.switchboard.core.WireFormat;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A canonical request as a Responses provider takes it. */
class ResponsesRequestEncodingTest {

    private static final String CLAUDE_SIGNATURE = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds+/NfMJ2Kq==";

    private static ChatRequest request(List<Message> messages, Optional<Reasoning> reasoning, Map<String, JsonNode> extra,
                                       WireFormat source) {
        return new ChatRequest(messages, List.of(), Optional.empty(), Sampling.NONE, Optional.empty(), reasoning,
                false, false, extra, Optional.of(source));
    }

    private static ObjectNode encode(ChatRequest request) {
        return FORMAT.encodeRequest(request, "gpt-5", false, OptionalInt.empty());
    }

    @Test
    void messages_become_input_items_in_order_and_nothing_is_stored() {
        ChatRequest request = request(List.of(
                Message.of(Role.SYSTEM, "Be brief."),
                Message.of(Role.USER, "Weather in Paris?"),
                new Message(Role.ASSISTANT, List.of(new Text("Let me check."),
                        new ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}"))),
                new Message(Role.USER, List.of(new ToolResult("toolu_1", List.of(new Text("18C")), false),
                        new Text("And London?")))), Optional.empty(), Map.of(), AnthropicFormat.INSTANCE);

        assertThat(wire(encode(request))).isEqualTo(parse("""
                {"model": "gpt-5", "input": [
                  {"role": "system", "content": "Be brief."},
                  {"role": "user", "content": "Weather in Paris?"},
                  {"role": "assistant", "content": "Let me check."},
                  {"type": "function_call", "call_id": "toolu_1", "name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"},
                  {"type": "function_call_output", "call_id": "toolu_1", "output": "18C"},
                  {"role": "user", "content": "And London?"}],
                 "store": false, "stream": false}"""));
    }

    @Test
    void images_and_files_are_input_parts_and_tool_results_with_them_are_part_lists() {
        List<Content> user = List.of(new Text("See"), new Image(new MediaSource.Url("https://x/cat.png")),
                new Image(new MediaSource.Base64("image/png", "iVBO"), Optional.of("high"), Map.of()),
                new Document(new MediaSource.Base64("application/pdf", "JVBE")),
                new Document(new MediaSource.Url("https://x/r.pdf"), Optional.of("r.pdf"), Map.of()),
                new Document(new MediaSource.FileId("file-1")));
        ChatRequest request = request(List.of(new Message(Role.USER, user),
                new Message(Role.TOOL, List.of(new ToolResult("c1", List.of(new Text("shot"),
                        new Image(new MediaSource.Base64("image/jpeg", "/9j/"))), false)))),
                Optional.empty(), Map.of(), OpenAiChatFormat.INSTANCE);

        JsonNode input = wire(encode(request)).get("input");
        assertThat(input.get(0)).isEqualTo(parse("""
                {"role": "user", "content": [
                  {"type": "input_text", "text": "See"},
                  {"type": "input_image", "image_url": "https://x/cat.png", "detail": "auto"},
                  {"type": "input_image", "image_url": "data:image/png;base64,iVBO", "detail": "high"},
                  {"type": "input_file", "filename": "document.pdf", "file_data": "data:application/pdf;base64,JVBE"},
                  {"type": "input_file", "filename": "r.pdf", "file_url": "https://x/r.pdf"},
                  {"type": "input_file", "file_id": "file-1"}]}"""));
        assertThat(input.get(1)).isEqualTo(parse("""
                {"type": "function_call_output", "call_id": "c1", "output": [
                  {"type": "input_text", "text": "shot"},
                  {"type": "input_image", "image_url": "data:image/jpeg;base64,/9j/", "detail": "auto"}]}"""));
    }

    @Test
    void audio_and_several_answers_are_refused_by_this_target_so_another_can_try() {
        ChatRequest audio = request(List.of(new Message(Role.USER, List.of(
                new Document(new MediaSource.Base64("audio/wav", "UklG"))))), Optional.empty(), Map.of(),
                OpenAiChatFormat.INSTANCE);
        assertThat(catchThrowableOfType(GatewayException.Unsupported.class, () -> encode(audio)))
                .hasMessageContaining("no audio input");

        ChatRequest several = new ChatRequest(List.of(Message.of(Role.USER, "hi")), List.of(), Optional.empty(),
                new Sampling(OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty(), OptionalInt.empty(),
                        List.of(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalLong.empty(), OptionalInt.of(2)),
                Optional.empty(), Optional.empty(), false, false, Map.of());
        assertThat(catchThrowableOfType(GatewayException.Unsupported.class, () -> encode(several)).retryable()).isTrue();
    }

    @Test
    void sampling_tools_format_and_reasoning_are_written_and_what_the_api_lacks_is_dropped() {
        ChatRequest request = new ChatRequest(List.of(Message.of(Role.USER, "hi")),
                List.of(new Tool("f", Optional.of("does f"), parse("{\"type\": \"object\"}"), Optional.empty()),
                        new Tool("g", Optional.empty(), parse("{\"type\": \"object\"}"), Optional.of(true))),
                Optional.of(new ToolChoice.Named("f")),
                new Sampling(OptionalDouble.of(0.5), OptionalDouble.of(0.9), OptionalInt.of(40), OptionalInt.of(300),
                        List.of("STOP"), OptionalDouble.of(0.1), OptionalDouble.of(0.2), OptionalLong.of(7),
                        OptionalInt.of(1)),
                Optional.of(new ResponseFormat.JsonSchema("out", Optional.empty(), parse("{\"type\": \"object\"}"),
                        Optional.of(true))),
                Optional.of(new Reasoning(Optional.empty(), OptionalInt.of(4000))), true, true, Map.of(),
                Optional.of(AnthropicFormat.INSTANCE));

        assertThat(wire(FORMAT.encodeRequest(request, "gpt-5", true, OptionalInt.empty()))).isEqualTo(parse("""
                {"model": "gpt-5", "input": [{"role": "user", "content": "hi"}],
                 "tools": [{"type": "function", "name": "f", "description": "does f", "parameters": {"type": "object"},
                            "strict": false},
                           {"type": "function", "name": "g", "parameters": {"type": "object"}, "strict": true}],
                 "tool_choice": {"type": "function", "name": "f"},
                 "text": {"format": {"type": "json_schema", "name": "out", "schema": {"type": "object"}, "strict": true}},
                 "temperature": 0.5, "top_p": 0.9, "max_output_tokens": 300,
                 "reasoning": {"effort": "medium"},
                 "store": false, "include": ["reasoning.encrypted_content"], "stream": true}"""));
    }

    @Test
    void encrypted_reasoning_is_asked_for_only_when_reasoning_is_on() {
        for (Reasoning off : List.of(new Reasoning(Optional.of("none"), OptionalInt.empty()),
                new Reasoning(Optional.empty(), OptionalInt.of(0)), new Reasoning(Optional.empty(), OptionalInt.empty()))) {
            ObjectNode body = encode(request(List.of(Message.of(Role.USER, "hi")), Optional.of(off), Map.of(),
                    AnthropicFormat.INSTANCE));
            assertThat(body.has("include")).as(off.toString()).isFalse();
            assertThat(body.path("store").asBoolean(true)).isFalse();
        }
        assertThat(encode(request(List.of(Message.of(Role.USER, "hi")), Optional.empty(), Map.of(),
                OpenAiChatFormat.INSTANCE)).has("include")).isFalse();
        ObjectNode max = encode(request(List.of(Message.of(Role.USER, "hi")),
                Optional.of(new Reasoning(Optional.of("max"), OptionalInt.empty())), Map.of(), AnthropicFormat.INSTANCE));
        assertThat(max.get("reasoning")).isEqualTo(parse("{\"effort\": \"xhigh\"}"));
        assertThat(max.get("include")).isEqualTo(parse("[\"reasoning.encrypted_content\"]"));
    }

    @Test
    void only_thinking_a_responses_provider_signed_goes_back_as_a_reasoning_item() {
        String tagged = Signatures.forCaller(ENCRYPTED, Optional.of(FORMAT), AnthropicFormat.INSTANCE);
        ChatRequest request = request(List.of(Message.of(Role.USER, "q"), new Message(Role.ASSISTANT, List.of(
                new Thinking("Mine.", Optional.of(tagged)),
                new Thinking("Claude's.", Optional.of(CLAUDE_SIGNATURE)),
                new Thinking("DeepSeek's, unsigned.", Optional.empty()),
                new RedactedThinking("opaque"),
                new Thinking("", Optional.of(tagged)),
                new Text("Answer.")))), Optional.empty(), Map.of(), AnthropicFormat.INSTANCE);

        JsonNode input = wire(encode(request)).get("input");

        assertThat(tagged).startsWith("swb1Resp");
        assertThat(input).hasSize(4);
        assertThat(input.get(1)).isEqualTo(parse("""
                {"type": "reasoning", "summary": [{"type": "summary_text", "text": "Mine."}],
                 "encrypted_content": "%s"}""".formatted(ENCRYPTED)));
        assertThat(input.get(2)).isEqualTo(parse("""
                {"type": "reasoning", "summary": [], "encrypted_content": "%s"}""".formatted(ENCRYPTED)));
        assertThat(input.get(3)).isEqualTo(parse("{\"role\": \"assistant\", \"content\": \"Answer.\"}"));
    }

    @Test
    void a_responses_request_goes_back_with_its_own_fields_item_ids_and_untagged_reasoning() {
        ChatRequest decoded = FORMAT.decodeRequest(json("request-multiturn.json"), true);

        ObjectNode body = FORMAT.encodeRequest(decoded, "gpt-5", true, OptionalInt.empty());

        JsonNode input = wire(body).get("input");
        assertThat(input.get(2)).isEqualTo(parse("""
                {"type": "reasoning", "id": "rs_abc", "summary": [{"type": "summary_text", "text": "The user wants two things."}],
                 "encrypted_content": "%s"}""".formatted(ENCRYPTED)));
        assertThat(input.get(4)).isEqualTo(parse("""
                {"type": "function_call", "call_id": "call_123", "name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}",
                 "status": "completed"}"""));
        assertThat(body.get("tool_choice")).isEqualTo(parse("{\"type\": \"function\", \"name\": \"get_weather\"}"));
        assertThat(body.path("tools").get(0).get("strict").booleanValue()).isTrue();

        ObjectNode basic = FORMAT.encodeRequest(FORMAT.decodeRequest(json("request-basic.json"), false), "gpt-4.1",
                false, OptionalInt.empty());
        assertThat(basic.has("instructions")).isFalse();
        assertThat(basic.get("input").get(0)).isEqualTo(parse(
                "{\"role\": \"system\", \"content\": \"You are a coding assistant that talks like a pirate.\"}"));
        assertThat(basic.get("text")).isEqualTo(parse("{\"format\": {\"type\": \"text\"}, \"verbosity\": \"low\"}"));
        assertThat(basic.get("reasoning")).isEqualTo(parse("{\"effort\": \"low\", \"summary\": \"auto\"}"));
        assertThat(basic.get("metadata")).isEqualTo(parse("{\"session\": \"abc\"}"));
        assertThat(basic.get("parallel_tool_calls").booleanValue()).isFalse();
        assertThat(basic.get("store").booleanValue()).isFalse();
        assertThat(basic.get("include")).isEqualTo(parse("[\"reasoning.encrypted_content\"]"));
    }

    @Test
    void the_fields_other_formats_share_with_the_responses_api_are_kept() {
        ObjectNode fromChat = encode(request(List.of(Message.of(Role.USER, "hi")), Optional.empty(), Map.of(
                "user", parse("\"u-1\""), "parallel_tool_calls", parse("false"), "metadata", parse("{\"a\": \"b\"}"),
                "logprobs", parse("true"), "service_tier", parse("\"flex\"")), OpenAiChatFormat.INSTANCE));
        assertThat(fromChat.get("user").asText()).isEqualTo("u-1");
        assertThat(fromChat.get("parallel_tool_calls").booleanValue()).isFalse();
        assertThat(fromChat.get("metadata")).isEqualTo(parse("{\"a\": \"b\"}"));
        assertThat(fromChat.get("service_tier").asText()).isEqualTo("flex");
        assertThat(fromChat.has("logprobs")).isFalse();

        ChatRequest fromClaude = new ChatRequest(List.of(Message.of(Role.USER, "hi")),
                List.of(new Tool("f", Optional.empty(), parse("{}"), Optional.empty())), Optional.of(ToolChoice.AUTO),
                Sampling.NONE, Optional.empty(), Optional.empty(), false, false,
                Map.of("tool_choice", parse("{\"disable_parallel_tool_use\": true}"), "metadata",
                        parse("{\"user_id\": \"u\"}")), Optional.of(AnthropicFormat.INSTANCE));
        ObjectNode claude = encode(fromClaude);
        assertThat(claude.get("parallel_tool_calls").booleanValue()).isFalse();
        assertThat(claude.has("metadata")).isFalse();
    }
}
