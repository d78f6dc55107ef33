package dev.switchboard.wire.openai;

import static dev.switchboard.wire.openai.Fixtures.json;
import static dev.switchboard.wire.openai.Fixtures.parse;
import static dev.switchboard.wire.openai.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.Document;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Image;
import dev.switchboard.core.MediaSource;
import dev.switchboard.core.Message;
import dev.switchboard.core.Reasoning;
import dev.switchboard.core.ResponseFormat;
import dev.switchboard.core.Role;
import dev.switchboard.core.Sampling;
import dev.switchboard.core.StopReason;
import dev.switchboard.core.Text;
import dev.switchboard.core.Thinking;
import dev.switchboard.core.ToolCall;
import dev.switchboard.core.ToolChoice;
import dev.switchboard.core.ToolResult;
import dev.switchboard.core.Usage;
import dev.switchboard.wire.gemini.GeminiFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiChatCodecTest {

    @ParameterizedTest
    @ValueSource(strings = {"chat-basic-request.json", "chat-sampling-request.json", "chat-multiturn-request.json",
            "chat-files-request.json", "chat-json-schema-request.json", "chat-stream-request.json"})
    void a_request_fixture_survives_decode_and_encode_unchanged(String fixture) {
        JsonNode original = json(fixture);

        ChatRequest request = OpenAiChatCodec.decodeRequest(original);
        ObjectNode encoded = OpenAiChatCodec.encodeRequest(request, original.get("model").textValue());

        assertThat(wire(encoded)).isEqualTo(original);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat-basic-response.json", "chat-tool-call-response.json",
            "chat-json-schema-response.json", "chat-refusal-response.json"})
    void a_response_fixture_survives_decode_and_encode_unchanged(String fixture) {
        JsonNode original = json(fixture);

        ChatResponse response = OpenAiChatCodec.decodeResponse(original);
        ObjectNode encoded = OpenAiChatCodec.encodeResponse(response, original.get("model").textValue(),
                original.get("created").longValue());

        assertThat(wire(encoded)).isEqualTo(original);
    }

    @Test
    void a_multi_turn_request_decodes_to_canonical_blocks() {
        ChatRequest request = OpenAiChatCodec.decodeRequest(json("chat-multiturn-request.json"));

        assertThat(request.messages()).extracting(Message::role)
                .containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT, Role.USER);
        assertThat(request.messages().get(1).content().get(1)).isInstanceOfSatisfying(Image.class, image -> {
            assertThat(image.source()).isInstanceOf(MediaSource.Url.class);
            assertThat(image.detail()).contains("high");
        });
        assertThat(request.messages().get(2).content()).containsExactly(new ToolCall("call_abc123",
                "get_current_weather", "{\"location\": \"Madison, WI\", \"unit\": \"celsius\"}"));
        assertThat(request.messages().get(3).content()).singleElement().isInstanceOfSatisfying(ToolResult.class,
                result -> {
                    assertThat(result.toolCallId()).isEqualTo("call_abc123");
                    assertThat(result.content()).singleElement().isInstanceOf(Text.class);
                });
        assertThat(request.messages().get(5).content().get(1)).isInstanceOfSatisfying(Image.class,
                image -> assertThat(image.source()).isInstanceOfSatisfying(MediaSource.Base64.class, b64 -> {
                    assertThat(b64.mediaType()).isEqualTo("image/png");
                    assertThat(b64.data()).startsWith("iVBORw0KGgo").doesNotContain("base64,");
                }));
        assertThat(request.tools()).singleElement().satisfies(tool -> {
            assertThat(tool.name()).isEqualTo("get_current_weather");
            assertThat(tool.parametersSchema().path("required").get(0).asText()).isEqualTo("location");
            assertThat(tool.strict()).contains(false);
        });
        assertThat(request.toolChoice()).contains(ToolChoice.AUTO);
        assertThat(request.extra()).containsOnlyKeys("parallel_tool_calls");
        assertThat(request.sourceFormat()).contains(OpenAiChatFormat.INSTANCE);
    }

    @Test
    void files_and_audio_become_documents() {
        ChatRequest request = OpenAiChatCodec.decodeRequest(json("chat-files-request.json"));

        List<?> content = request.messages().getFirst().content();
        assertThat(content.get(0)).isInstanceOfSatisfying(Document.class, doc -> {
            assertThat(doc.name()).contains("draconomicon.pdf");
            assertThat(doc.source()).isInstanceOfSatisfying(MediaSource.Base64.class,
                    b64 -> assertThat(b64.mediaType()).isEqualTo("application/pdf"));
        });
        assertThat(content.get(1)).isEqualTo(new Document(new MediaSource.FileId("file-6F2ksmvXxt4VdoqmHRw6kL")));
        assertThat(content.get(2)).isInstanceOfSatisfying(Document.class, doc -> assertThat(doc.source())
                .isInstanceOfSatisfying(MediaSource.Base64.class, b64 -> assertThat(b64.mediaType()).isEqualTo("audio/wav")));
    }

    @Test
    void sampling_parameters_and_reasoning_effort_are_modelled_and_the_rest_kept_in_extra() {
        ChatRequest request = OpenAiChatCodec.decodeRequest(json("chat-sampling-request.json"));

        assertThat(request.sampling().temperature()).hasValue(0.7);
        assertThat(request.sampling().topP()).hasValue(0.9);
        assertThat(request.sampling().maxTokens()).hasValue(256);
        assertThat(request.sampling().stop()).containsExactly("\n\n", "END");
        assertThat(request.sampling().presencePenalty()).hasValue(0.5);
        assertThat(request.sampling().frequencyPenalty()).hasValue(-0.25);
        assertThat(request.sampling().seed()).hasValue(42);
        assertThat(request.sampling().n()).hasValue(2);
        assertThat(request.reasoning()).hasValueSatisfying(r -> assertThat(r.effort()).contains("low"));
        assertThat(request.messages().get(1).name()).contains("alice");
        assertThat(request.extra()).containsOnlyKeys("logprobs", "top_logprobs", "logit_bias", "user", "metadata",
                "store", "service_tier", "parallel_tool_calls", "prediction", "vendor_specific_option");
        assertThat(request.extra().keySet()).first().isEqualTo("logprobs");
    }

    @Test
    void unknown_fields_at_every_level_are_re_emitted_by_encode_request() {
        JsonNode body = parse("""
                {"model": "m", "messages": [
                  {"role": "user", "content": [{"type": "text", "text": "hi", "cache_control": {"type": "ephemeral"}}],
                   "x_message_tag": 7},
                  {"role": "assistant", "content": null, "tool_calls": [{"id": "c1", "type": "function",
                   "function": {"name": "f", "arguments": "{}"}, "extra_content": {"google": {"thought_signature": "sig"}}}]}],
                 "tools": [{"type": "function", "function": {"name": "f", "parameters": {"type": "object"},
                   "x_fn_flag": true}, "cache_control": {"type": "ephemeral"}}],
                 "stream": true, "stream_options": {"include_usage": true, "include_obfuscation": false},
                 "guided_json": {"type": "object"}, "repetition_penalty": 1.1}
                """);

        ChatRequest request = OpenAiChatCodec.decodeRequest(body);
        ObjectNode encoded = OpenAiChatCodec.encodeRequest(request, "m");

        assertThat(request.extra()).containsKeys("guided_json", "repetition_penalty", "stream_options");
        assertThat(wire(encoded)).isEqualTo(body);
    }

    @Test
    void extras_of_another_wire_format_are_not_sent_to_an_openai_provider() {
        ChatRequest foreign = new ChatRequest(List.of(new Message(Role.USER,
                List.of(new Text("hi", Map.of("cache_control", parse("{\"type\":\"ephemeral\"}")))))),
                List.of(), Optional.empty(), Sampling.NONE, Optional.empty(), Optional.empty(),
                false, false, Map.of("safetySettings", parse("[]")), Optional.of(GeminiFormat.INSTANCE));

        ObjectNode encoded = OpenAiChatCodec.encodeRequest(foreign, "gpt-4o");

        assertThat(wire(encoded)).isEqualTo(parse("""
                {"model": "gpt-4o", "messages": [{"role": "user", "content": [{"type": "text", "text": "hi"}]}]}"""));
    }

    @Test
    void tool_results_inside_a_user_turn_become_tool_messages_before_the_rest_of_the_turn() {
        ChatRequest request = ChatRequest.of(List.of(
                new Message(Role.ASSISTANT, List.of(new Thinking("hmm", Optional.of("sig")),
                        new ToolCall("toolu_1", "lookup", "{\"q\":\"x\"}"))),
                new Message(Role.USER, List.of(new ToolResult("toolu_1", List.of(new Text("42")), false),
                        new Text("thanks")))));

        ObjectNode encoded = OpenAiChatCodec.encodeRequest(request, "gpt-4o");

        assertThat(wire(encoded.get("messages"))).isEqualTo(parse("""
                [{"role": "assistant", "content": null, "tool_calls": [{"id": "toolu_1", "type": "function",
                   "function": {"name": "lookup", "arguments": "{\\"q\\":\\"x\\"}"}}]},
                 {"role": "tool", "tool_call_id": "toolu_1", "content": "42"},
                 {"role": "user", "content": "thanks"}]"""));
    }

    @Test
    void a_thinking_budget_becomes_a_reasoning_effort_and_max_tokens_is_read_as_the_output_limit() {
        ChatRequest request = OpenAiChatCodec.decodeRequest(parse("""
                {"model": "m", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 100,
                 "tool_choice": {"type": "function", "function": {"name": "f"}}}"""));
        assertThat(request.sampling().maxTokens()).hasValue(100);
        assertThat(request.toolChoice()).contains(new ToolChoice.Named("f"));

        ChatRequest budgeted = new ChatRequest(request.messages(), List.of(), Optional.empty(), request.sampling(),
                Optional.of(ResponseFormat.JSON_OBJECT),
                Optional.of(new Reasoning(Optional.empty(), OptionalInt.of(4000))),
                false, false, Map.of());
        ObjectNode encoded = OpenAiChatCodec.encodeRequest(budgeted, "o3");

        assertThat(encoded.get("reasoning_effort").asText()).isEqualTo("medium");
        assertThat(encoded.get("max_completion_tokens").asInt()).isEqualTo(100);
        assertThat(encoded.has("max_tokens")).isFalse();
        assertThat(encoded.get("response_format")).isEqualTo(parse("{\"type\": \"json_object\"}"));
    }

    @Test
    void a_tool_call_response_decodes_to_tool_calls_usage_and_stop_reason() {
        ChatResponse response = OpenAiChatCodec.decodeResponse(json("chat-tool-call-response.json"));

        assertThat(response.id()).isEqualTo("chatcmpl-abc123");
        assertThat(response.model()).contains("gpt-4o-mini");
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.content()).extracting(c -> ((ToolCall) c).id()).containsExactly("call_abc123", "call_def456");
        assertThat(response.usage()).isEqualTo(new Usage(82, 17, 64, 0, 0));
        assertThat(response.extra()).containsOnlyKeys("system_fingerprint");
        assertThat(response.choices().getFirst().extra()).containsOnlyKeys("logprobs");
        assertThat(response.choices().getFirst().message().extra()).containsOnlyKeys("refusal", "annotations");
    }

    @Test
    void a_deepseek_response_with_reasoning_content_gives_unsigned_thinking_first() {
        ChatResponse response = OpenAiChatCodec.decodeResponse(parse("""
                {"id": "x", "model": "deepseek-reasoner", "choices": [{"index": 0, "finish_reason": "length",
                 "message": {"role": "assistant", "reasoning_content": "Let me think.", "content": "Answer"}}],
                 "usage": {"prompt_tokens": 10, "completion_tokens": 20, "total_tokens": 30,
                  "prompt_cache_hit_tokens": 6, "completion_tokens_details": {"reasoning_tokens": 12}}}"""));

        assertThat(response.content()).containsExactly(
                new Thinking("Let me think.", Optional.empty()), new Text("Answer"));
        assertThat(response.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(response.usage()).isEqualTo(new Usage(10, 20, 6, 0, 12));
    }

    @Test
    void a_mistral_response_with_a_thinking_chunk_gives_unsigned_thinking_first() {
        ChatResponse response = OpenAiChatCodec.decodeResponse(parse("""
                {"id": "x", "model": "magistral-medium-latest", "choices": [{"index": 0, "finish_reason": "stop",
                 "message": {"role": "assistant", "content": [
                  {"type": "thinking", "thinking": [{"type": "text", "text": "Let me "}, {"type": "text", "text": "think."}]},
                  {"type": "text", "text": "Answer"}]}}],
                 "usage": {"prompt_tokens": 10, "completion_tokens": 20, "total_tokens": 30}}"""));

        assertThat(response.content()).containsExactly(
                new Thinking("Let me think.", Optional.empty()), new Text("Answer"));
    }

    @Test
    void a_callers_assistant_message_may_carry_a_mistral_thinking_chunk() {
        ChatRequest request = OpenAiChatCodec.decodeRequest(parse("""
                {"model": "m", "messages": [{"role": "user", "content": "Hi"},
                 {"role": "assistant", "content": [{"type": "thinking", "thinking": [{"type": "text", "text": "Hmm."}]},
                  {"type": "text", "text": "Hello"}]},
                 {"role": "user", "content": "And?"}]}"""));

        assertThat(request.messages().get(1).content()).containsExactly(
                new Thinking("Hmm.", Optional.empty()), new Text("Hello"));
    }

    @Test
    void a_response_built_in_code_encodes_as_a_chat_completion() {
        ChatResponse response = new ChatResponse("msg_1", Optional.of("claude"), List.of(new Text("Hi "),
                new Text("there")), StopReason.STOP_SEQUENCE, new Usage(30, 5, 20, 10, 0), Map.of());

        ObjectNode encoded = OpenAiChatCodec.encodeResponse(response, "my-endpoint", 1700000000);

        assertThat(encoded.path("choices").get(0).path("message")).isEqualTo(parse("""
                {"role": "assistant", "content": "Hi there"}"""));
        assertThat(encoded.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(encoded.path("model").asText()).isEqualTo("my-endpoint");
        assertThat(encoded.path("usage").path("total_tokens").asLong()).isEqualTo(35);
        assertThat(encoded.path("usage").path("prompt_tokens_details").path("cached_tokens").asLong()).isEqualTo(20);
    }

    @Test
    void a_provider_body_without_choices_is_an_upstream_failure_that_names_the_provider_error() {
        var thrown = catchThrowableOfType(
                GatewayException.UpstreamUnavailable.class,
                () -> OpenAiChatCodec.decodeResponse(parse("{\"error\": {\"message\": \"overloaded\"}}")));

        assertThat(thrown.status()).isEqualTo(502);
        assertThat(thrown.getMessage()).contains("overloaded");
    }
}
