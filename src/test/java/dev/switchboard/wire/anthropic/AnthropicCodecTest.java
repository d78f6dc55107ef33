package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.Fixtures.json;
import static dev.switchboard.wire.anthropic.Fixtures.parse;
import static dev.switchboard.wire.anthropic.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.Document;
import dev.switchboard.core.Image;
import dev.switchboard.core.MediaSource;
import dev.switchboard.core.Message;
import dev.switchboard.core.Reasoning;
import dev.switchboard.core.RedactedThinking;
import dev.switchboard.core.ResponseFormat;
import dev.switchboard.core.Role;
import dev.switchboard.core.StopReason;
import dev.switchboard.core.Text;
import dev.switchboard.core.Thinking;
import dev.switchboard.core.ToolCall;
import dev.switchboard.core.ToolChoice;
import dev.switchboard.core.ToolResult;
import dev.switchboard.core.Usage;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fixture round trips and decoding of Anthropic requests and responses. Known normalisations of a
 * round trip (none of which the fixtures exercise, and each tested below): a lone text block without
 * extra fields is written back as a string; {@code "is_error": false} is omitted; an explicit
 * {@code null} optional field is omitted; response usage always carries the two cache counts.
 */
class AnthropicCodecTest {

    @ParameterizedTest
    @ValueSource(strings = {"basic-request.json", "system-multiturn-request.json", "tools-request.json",
            "tool-results-request.json", "images-request.json", "documents-request.json",
            "thinking-tools-request.json", "cache-control-request.json", "structured-output-request.json"})
    void a_request_fixture_survives_decode_and_encode_unchanged(String fixture) {
        JsonNode original = json(fixture);

        ChatRequest request = AnthropicCodec.decodeRequest(original);
        ObjectNode encoded = AnthropicCodec.encodeRequest(request, original.get("model").textValue(), 4096);

        assertThat(wire(encoded)).isEqualTo(original);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text-response.json", "tool-use-response.json", "thinking-response.json",
            "stop-sequence-response.json"})
    void a_response_fixture_survives_decode_and_encode_unchanged(String fixture) {
        JsonNode original = json(fixture);

        ChatResponse response = AnthropicCodec.decodeResponse(original);
        ObjectNode encoded = AnthropicCodec.encodeResponse(response, original.get("model").textValue());

        assertThat(wire(encoded)).isEqualTo(original);
    }

    @Test
    void the_documented_normalisations_of_a_round_trip() {
        JsonNode original = parse("""
                {"model": "m", "max_tokens": 10, "temperature": null, "messages": [
                  {"role": "user", "content": [{"type": "text", "text": "Hi"}]},
                  {"role": "assistant", "content": [{"type": "tool_use", "id": "t1", "name": "f", "input": {}}]},
                  {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t1", "content": "ok",
                    "is_error": false}]}]}""");

        JsonNode encoded = wire(AnthropicCodec.encodeRequest(AnthropicCodec.decodeRequest(original), "m", 1));

        assertThat(encoded).isEqualTo(parse("""
                {"model": "m", "max_tokens": 10, "messages": [
                  {"role": "user", "content": "Hi"},
                  {"role": "assistant", "content": [{"type": "tool_use", "id": "t1", "name": "f", "input": {}}]},
                  {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t1", "content": "ok"}]}]}"""));
    }

    @Test
    void system_turns_sampling_and_unknown_fields_decode_to_the_canonical_model() {
        ChatRequest request = AnthropicCodec.decodeRequest(json("system-multiturn-request.json"));

        assertThat(request.messages()).extracting(Message::role)
                .containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.USER);
        assertThat(request.messages().getFirst().text()).startsWith("You are a helpful assistant");
        assertThat(request.sampling().temperature()).hasValue(0.5);
        assertThat(request.sampling().topK()).hasValue(40);
        assertThat(request.sampling().maxTokens()).hasValue(1024);
        assertThat(request.sampling().stop()).containsExactly("\n\nHuman:", "END");
        assertThat(request.extra()).containsOnlyKeys("metadata", "service_tier");
        assertThat(request.sourceFormat()).contains(AnthropicFormat.INSTANCE);
        assertThat(request.stream()).isFalse();
    }

    @Test
    void a_user_turn_of_tool_results_and_text_becomes_tool_and_user_messages_in_order() {
        ChatRequest request = AnthropicCodec.decodeRequest(json("tool-results-request.json"));

        assertThat(request.messages()).extracting(Message::role)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.USER);
        assertThat(request.messages().get(1).content()).containsExactly(
                new ToolCall("toolu_01AAA", "get_weather", "{\"location\":\"San Francisco, CA\"}"),
                new ToolCall("toolu_01BBB", "get_weather", "{\"location\":\"New York, NY\"}"));
        List<?> results = request.messages().get(2).content();
        assertThat(results.get(0)).isInstanceOfSatisfying(ToolResult.class, result -> {
            assertThat(result.isError()).isFalse();
            assertThat(result.content()).hasSize(2).last().isInstanceOf(Image.class);
        });
        assertThat(results.get(1)).isInstanceOfSatisfying(ToolResult.class, result -> {
            assertThat(result.toolCallId()).isEqualTo("toolu_01BBB");
            assertThat(result.isError()).isTrue();
        });
        assertThat(request.messages().get(3).text()).isEqualTo("Summarise both results in one sentence.");
        assertThat(request.toolChoice()).contains(new ToolChoice.Named("get_weather"));
    }

    @Test
    void tools_tool_choice_and_disable_parallel_tool_use_are_kept() {
        ChatRequest request = AnthropicCodec.decodeRequest(json("tools-request.json"));

        assertThat(request.tools()).singleElement().satisfies(tool -> {
            assertThat(tool.name()).isEqualTo("get_weather");
            assertThat(tool.parametersSchema().path("required").get(0).asText()).isEqualTo("location");
            assertThat(tool.extra()).isEmpty();
        });
        assertThat(request.toolChoice()).contains(ToolChoice.AUTO);
        assertThat(request.extra().get("tool_choice")).isEqualTo(parse("{\"disable_parallel_tool_use\": true}"));
    }

    @Test
    void thinking_blocks_decode_with_their_signature_and_the_budget_becomes_reasoning() {
        JsonNode fixture = json("thinking-tools-request.json");
        ChatRequest request = AnthropicCodec.decodeRequest(fixture);

        assertThat(request.reasoning()).contains(new Reasoning(Optional.empty(), OptionalInt.of(10000)));
        assertThat(request.extra().get("thinking")).isEqualTo(parse("{\"display\": \"summarized\"}"));
        List<?> assistant = request.messages().get(1).content();
        assertThat(assistant.get(0)).isInstanceOfSatisfying(Thinking.class, thinking -> assertThat(thinking.signature())
                .contains(fixture.at("/messages/1/content/0/signature").textValue()));
        assertThat(assistant.get(1)).isInstanceOf(RedactedThinking.class);
        assertThat(assistant.get(3)).isInstanceOf(ToolCall.class);
    }

    @Test
    void the_thinking_signature_survives_anthropic_to_canonical_to_anthropic_byte_for_byte() throws Exception {
        String fixture = Fixtures.text("thinking-tools-request.json");
        String signature = parse(fixture).at("/messages/1/content/0/signature").textValue();
        String redacted = parse(fixture).at("/messages/1/content/1/data").textValue();

        ObjectNode encoded = AnthropicCodec.encodeRequest(AnthropicCodec.decodeRequest(parse(fixture)), "m", 1);
        byte[] bytes = Fixtures.JSON.writeValueAsBytes(encoded);

        assertThat(encoded.at("/messages/1/content/0/signature").textValue().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(signature.getBytes(StandardCharsets.UTF_8));
        assertThat(encoded.at("/messages/1/content/1/data").textValue()).isEqualTo(redacted);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"signature\":\"" + signature + "\"");
    }

    @Test
    void documents_decode_with_their_sources_title_and_extra_fields() {
        ChatRequest request = AnthropicCodec.decodeRequest(json("documents-request.json"));

        List<?> content = request.messages().getFirst().content();
        assertThat(content.get(0)).isEqualTo(new Document(new MediaSource.Url(
                "https://assets.anthropic.com/m/1cd9d098ac3e6467/original/Claude-3-Model-Card-October-Addendum.pdf")));
        assertThat(content.get(1)).isInstanceOfSatisfying(Document.class, doc -> {
            assertThat(doc.source()).isInstanceOfSatisfying(MediaSource.Base64.class,
                    b64 -> assertThat(b64.mediaType()).isEqualTo("application/pdf"));
            assertThat(doc.extra()).containsOnlyKeys("cache_control");
        });
        assertThat(content.get(2)).isInstanceOfSatisfying(Document.class, doc -> {
            assertThat(doc.name()).contains("My Document");
            assertThat(doc.source()).isEqualTo(new MediaSource.Base64("text/plain", Base64.getEncoder()
                    .encodeToString("The grass is green. The sky is blue.".getBytes(StandardCharsets.UTF_8))));
            assertThat(doc.extra()).containsOnlyKeys("context", "citations");
        });
    }

    @Test
    void cache_control_markers_stay_in_the_extra_of_their_block_or_tool() {
        ChatRequest request = AnthropicCodec.decodeRequest(json("cache-control-request.json"));

        assertThat(request.messages().getFirst().content().get(1).extra()).containsOnlyKeys("cache_control");
        assertThat(request.tools().get(1).extra().get("cache_control"))
                .isEqualTo(parse("{\"type\": \"ephemeral\", \"ttl\": \"1h\"}"));
        assertThat(request.messages().get(1).content().getFirst().extra()).containsOnlyKeys("cache_control");
    }

    @Test
    void output_config_format_is_a_json_schema_response_format() {
        ChatRequest request = AnthropicCodec.decodeRequest(json("structured-output-request.json"));

        assertThat(request.responseFormat()).get().isInstanceOfSatisfying(ResponseFormat.JsonSchema.class, schema -> {
            assertThat(schema.name()).isEqualTo("response");
            assertThat(schema.schema().path("required")).hasSize(4);
        });
        assertThat(request.extra()).isEmpty();
    }

    @Test
    void a_response_decodes_to_one_choice_with_usage_counting_cached_tokens_as_input() {
        ChatResponse response = AnthropicCodec.decodeResponse(json("thinking-response.json"));

        assertThat(response.id()).isEqualTo("msg_01ThinkingExampleAbc123");
        assertThat(response.model()).contains("claude-sonnet-4-5-20250929");
        assertThat(response.content()).hasSize(3).first().isInstanceOfSatisfying(Thinking.class,
                thinking -> assertThat(thinking.signature()).get().asString().startsWith("WaUjzkyp"));
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.usage()).isEqualTo(new Usage(21 + 188086, 393, 0, 188086, 0));
        assertThat(AnthropicCodec.usageOf(json("thinking-response.json"))).contains(response.usage());
    }

    @Test
    void stop_reasons_map_both_ways_and_pause_turn_is_given_back_unchanged() {
        JsonNode paused = parse("""
                {"id": "msg_1", "type": "message", "role": "assistant", "model": "m", "content": [],
                 "stop_reason": "pause_turn", "stop_sequence": null,
                 "usage": {"input_tokens": 1, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0,
                 "output_tokens": 1}}""");

        ChatResponse response = AnthropicCodec.decodeResponse(paused);

        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(wire(AnthropicCodec.encodeResponse(response, "m"))).isEqualTo(paused);
        assertThat(AnthropicStopReasons.decode(Optional.of("refusal"))).isEqualTo(StopReason.CONTENT_FILTER);
        assertThat(AnthropicStopReasons.decode(Optional.of("model_context_window_exceeded")))
                .isEqualTo(StopReason.MAX_TOKENS);
        assertThat(AnthropicStopReasons.encode(StopReason.CONTENT_FILTER)).isEqualTo("refusal");
        assertThat(AnthropicStopReasons.encode(StopReason.STOP_SEQUENCE)).isEqualTo("stop_sequence");
    }

    @Test
    void a_response_from_another_format_gets_a_message_id_and_no_foreign_extras() {
        ChatResponse response = new ChatResponse("chatcmpl-123", Optional.of("gpt-4o"),
                List.of(new ChatResponse.Choice(new Message(Role.ASSISTANT, List.of(new Thinking("hmm", Optional.empty()),
                        new Text("Hi"), new ToolCall("call_1", "f", "{\"a\": 1}")), Optional.empty(),
                        java.util.Map.of("annotations", parse("[]"))), StopReason.TOOL_USE,
                        java.util.Map.of("logprobs", parse("null")))),
                new Usage(100, 20, 40, 0, 5), java.util.Map.of("system_fingerprint", parse("\"fp\"")),
                Optional.of(OpenAiChatFormat.INSTANCE));

        JsonNode encoded = wire(AnthropicCodec.encodeResponse(response, "my-endpoint"));

        assertThat(encoded).isEqualTo(parse("""
                {"id": "msg_chatcmpl-123", "type": "message", "role": "assistant", "model": "my-endpoint",
                 "content": [{"type": "thinking", "thinking": "hmm", "signature": "swb1Oapi"}, {"type": "text", "text": "Hi"},
                   {"type": "tool_use", "id": "call_1", "name": "f", "input": {"a": 1}}],
                 "stop_reason": "tool_use", "stop_sequence": null,
                 "usage": {"input_tokens": 60, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 40,
                   "output_tokens": 20, "output_tokens_details": {"thinking_tokens": 5}}}"""));
        assertThat(AnthropicCodec.messageId("msg_01abc")).isEqualTo("msg_01abc");
        assertThat(AnthropicCodec.messageId("")).isEqualTo("msg_unknown");
    }

    @Test
    void an_openai_refusal_becomes_the_text_of_a_refusal() {
        ChatResponse response = new ChatResponse("chatcmpl-9", Optional.empty(),
                List.of(new ChatResponse.Choice(new Message(Role.ASSISTANT, List.of(), Optional.empty(),
                        java.util.Map.of("refusal", parse("\"I can't help with that.\""))), StopReason.CONTENT_FILTER,
                        java.util.Map.of())), Usage.NONE, java.util.Map.of(), Optional.of(OpenAiChatFormat.INSTANCE));

        JsonNode encoded = AnthropicCodec.encodeResponse(response, "m");

        assertThat(encoded.get("content")).isEqualTo(parse("[{\"type\": \"text\", \"text\": \"I can't help with that.\"}]"));
        assertThat(encoded.get("stop_reason").textValue()).isEqualTo("refusal");
    }

    @Test
    void an_encoded_response_is_read_by_the_official_anthropic_sdk() throws Exception {
        ChatResponse response = AnthropicCodec.decodeResponse(json("thinking-response.json"));
        String body = Fixtures.JSON.writeValueAsString(AnthropicCodec.encodeResponse(response, "my-endpoint"));

        var message = com.anthropic.core.ObjectMappers.jsonMapper()
                .readValue(body, com.anthropic.models.messages.Message.class).validate();

        assertThat(message.content().getFirst().thinking()).get().satisfies(thinking ->
                assertThat(thinking.signature()).isEqualTo(((Thinking) response.content().getFirst()).signature().get()));
        assertThat(message.content().get(1).redactedThinking()).isPresent();
        assertThat(message.content().get(2).text()).get().extracting(t -> t.text()).isEqualTo("Based on my analysis...");
        assertThat(message.usage().inputTokens()).isEqualTo(21);
        assertThat(message.usage().cacheCreationInputTokens()).contains(188086L);
        assertThat(message.stopReason()).contains(com.anthropic.models.messages.StopReason.END_TURN);
    }

    @Test
    void reasoning_tokens_are_anthropics_own_output_tokens_details_both_ways() throws Exception {
        ChatResponse fromOpenAi = new ChatResponse("chatcmpl-1", Optional.empty(), List.of(new ChatResponse.Choice(
                List.of(new Text("Hi")), StopReason.END_TURN)), new Usage(10, 30, 0, 0, 12), java.util.Map.of(),
                Optional.of(OpenAiChatFormat.INSTANCE));
        String body = Fixtures.JSON.writeValueAsString(AnthropicCodec.encodeResponse(fromOpenAi, "m"));

        var usage = com.anthropic.core.ObjectMappers.jsonMapper()
                .readValue(body, com.anthropic.models.messages.Message.class).validate().usage();

        assertThat(usage.outputTokensDetails()).get().extracting(d -> d.thinkingTokens()).isEqualTo(12L);
        assertThat(usage.outputTokens()).isEqualTo(30);
        assertThat(AnthropicCodec.usageOf(parse("""
                {"usage": {"input_tokens": 10, "output_tokens": 30, "output_tokens_details": {"thinking_tokens": 12}}}""")))
                .contains(new Usage(10, 30, 0, 0, 12));
    }
}
