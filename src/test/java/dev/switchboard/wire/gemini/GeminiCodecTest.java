package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.Fixtures.json;
import static dev.switchboard.wire.gemini.Fixtures.parse;
import static dev.switchboard.wire.gemini.Fixtures.wire;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeminiCodecTest {

    @ParameterizedTest
    @ValueSource(strings = {"request-system-multiturn.json", "request-function-calling.json",
            "request-function-legacy.json", "request-inline-image.json", "request-generation-config.json",
            "request-json-schema.json", "request-thinking.json"})
    void a_request_fixture_survives_decode_and_encode_unchanged(String fixture) {
        JsonNode original = json(fixture);

        ObjectNode encoded = GeminiCodec.encodeRequest(GeminiCodec.decodeRequest(original, false));

        assertThat(wire(encoded)).isEqualTo(original);
    }

    @Test
    void a_turn_without_a_role_is_a_user_turn_and_goes_back_with_role_user() {
        JsonNode original = json("request-basic.json");

        ChatRequest request = GeminiCodec.decodeRequest(original, false);
        ObjectNode expected = original.deepCopy();
        ((ObjectNode) expected.get("contents").get(0)).put("role", "user");

        assertThat(request.messages()).containsExactly(Message.of(Role.USER, "Explain how AI works in a few words"));
        assertThat(wire(GeminiCodec.encodeRequest(request))).isEqualTo(expected);
    }

    @Test
    void snake_case_fields_decode_like_camel_case_and_are_sent_in_camel_case() {
        ChatRequest snake = GeminiCodec.decodeRequest(json("request-system-multiturn-snake.json"), false);
        ChatRequest camel = GeminiCodec.decodeRequest(json("request-system-multiturn.json"), false);

        assertThat(snake).isEqualTo(camel);
        assertThat(wire(GeminiCodec.encodeRequest(snake))).isEqualTo(json("request-system-multiturn.json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"response-text.json", "response-function-call.json", "response-thinking.json",
            "response-blocked.json"})
    void a_response_fixture_survives_decode_and_encode_unchanged(String fixture) {
        JsonNode original = json(fixture);

        ChatResponse response = GeminiCodec.decodeResponse(original);
        ObjectNode encoded = GeminiCodec.encodeResponse(response, original.get("modelVersion").textValue());

        assertThat(wire(encoded)).isEqualTo(original);
    }

    @Test
    void a_system_instruction_and_turns_decode_to_canonical_messages_and_sampling() {
        ChatRequest request = GeminiCodec.decodeRequest(json("request-system-multiturn.json"), true);

        assertThat(request.messages()).containsExactly(Message.of(Role.SYSTEM, "You are a cat. Your name is Neko."),
                Message.of(Role.USER, "Hello"),
                Message.of(Role.ASSISTANT, "Great to meet you. What would you like to know?"),
                Message.of(Role.USER, "I have two dogs in my house. How many paws are in my house?"));
        assertThat(request.sampling().temperature()).hasValue(1.0);
        assertThat(request.sampling().topP()).hasValue(0.8);
        assertThat(request.sampling().topK()).hasValue(10);
        assertThat(request.sampling().stop()).containsExactly("Title");
        assertThat(request.stream()).isTrue();
        assertThat(request.extra()).isEmpty();
        assertThat(request.sourceFormat()).contains(GeminiFormat.INSTANCE);
    }

    @Test
    void function_calls_get_stable_ids_and_responses_are_matched_to_them_by_name() {
        ChatRequest request = GeminiCodec.decodeRequest(json("request-function-calling.json"), false);

        Message model = request.messages().get(1);
        assertThat(model.role()).isEqualTo(Role.ASSISTANT);
        assertThat(model.content()).extracting(c -> ((ToolCall) c).id()).containsExactly("call_swb0", "call_swb1", "call_swb2");
        ToolCall first = (ToolCall) model.content().getFirst();
        assertThat(first.name()).isEqualTo("power_disco_ball");
        assertThat(parse(first.argumentsJson())).isEqualTo(parse("{\"power\": true}"));
        assertThat(first.extra().get("thoughtSignature").textValue()).startsWith("CiIBVKhc7oDtYKhK+0WqRn/6");
        Message results = request.messages().get(2);
        assertThat(results.role()).isEqualTo(Role.TOOL);
        assertThat(results.content()).extracting(c -> ((ToolResult) c).toolCallId())
                .containsExactly("call_swb0", "call_swb1", "call_swb2");
        assertThat(((ToolResult) results.content().get(0)).content()).containsExactly(new Text("Disco ball is spinning!"));
        assertThat(((Text) ((ToolResult) results.content().get(2)).content().getFirst()).text())
                .isEqualTo("{\"brightness\":0.5,\"status\":\"Lights are now set to 50%\"}");
        assertThat(request.tools()).extracting(t -> t.name()).containsExactly("power_disco_ball", "start_music",
                "dim_lights");
        assertThat(request.tools().get(2).parametersSchema().path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(request.toolChoice()).contains(ToolChoice.REQUIRED);
        assertThat(request.extra().get("tools")).isEqualTo(parse("[{\"googleSearch\": {}}]"));
    }

    @Test
    void responses_without_ids_match_calls_of_the_same_name_in_order_and_given_ids_are_kept() {
        JsonNode body = parse("""
                {"contents": [
                  {"role": "model", "parts": [
                    {"functionCall": {"name": "a", "args": {}}},
                    {"functionCall": {"name": "b", "args": {}}},
                    {"functionCall": {"id": "given-7", "name": "a", "args": {"x": 1}}}]},
                  {"role": "user", "parts": [
                    {"functionResponse": {"name": "b", "response": {}}},
                    {"functionResponse": {"name": "a", "response": {}}},
                    {"functionResponse": {"id": "given-7", "name": "a", "response": {}}},
                    {"functionResponse": {"name": "orphan", "response": {}}}]}]}
                """);

        ChatRequest request = GeminiCodec.decodeRequest(body, false);

        assertThat(request.messages().get(0).content()).extracting(c -> ((ToolCall) c).id())
                .containsExactly("call_swb0", "call_swb1", "given-7");
        assertThat(request.messages().get(1).content()).extracting(c -> ((ToolResult) c).toolCallId())
                .containsExactly("call_swb1", "call_swb0", "given-7", "orphan");
        assertThat(wire(GeminiCodec.encodeRequest(request))).isEqualTo(body);
    }

    @Test
    void openapi_parameters_read_as_json_schema_and_the_legacy_function_role_reads_as_user() {
        ChatRequest request = GeminiCodec.decodeRequest(json("request-function-legacy.json"), false);

        assertThat(request.tools().getFirst().parametersSchema()).isEqualTo(parse("""
                {"type": "object", "properties": {
                  "location": {"type": "string",
                    "description": "The city and state, e.g. San Francisco, CA or a zip code e.g. 95616"},
                  "movie": {"type": ["string", "null"], "description": "Any movie title"}},
                 "required": ["location"]}
                """));
        assertThat(request.messages().get(2).role()).isEqualTo(Role.TOOL);
        assertThat(((ToolResult) request.messages().get(2).content().getFirst()).toolCallId()).isEqualTo("call_swb0");
    }

    @Test
    void inline_data_and_file_data_become_images_and_documents() {
        ChatRequest request = GeminiCodec.decodeRequest(json("request-inline-image.json"), false);

        var content = request.messages().getFirst().content();
        assertThat(content.get(0)).isInstanceOfSatisfying(Image.class, image -> assertThat(image.source())
                .isInstanceOfSatisfying(MediaSource.Base64.class, b64 -> {
                    assertThat(b64.mediaType()).isEqualTo("image/png");
                    assertThat(b64.data()).startsWith("iVBORw0KGgo");
                }));
        assertThat(content.get(1)).isEqualTo(new Document(new MediaSource.Url(
                "https://generativelanguage.googleapis.com/v1beta/files/8b4mtq3xq2bq", Optional.of("application/pdf"))));
        assertThat(content.get(2)).isEqualTo(new Text("Caption this image, then summarise the document."));
    }

    @Test
    void generation_config_is_modelled_and_the_rest_kept_for_gemini() {
        ChatRequest request = GeminiCodec.decodeRequest(json("request-generation-config.json"), false);

        assertThat(request.sampling().maxTokens()).hasValue(1024);
        assertThat(request.sampling().n()).hasValue(2);
        assertThat(request.sampling().seed()).hasValue(42);
        assertThat(request.sampling().presencePenalty()).hasValue(0.5);
        assertThat(request.sampling().frequencyPenalty()).hasValue(-0.25);
        assertThat(request.responseFormat()).hasValueSatisfying(format -> assertThat(format)
                .isInstanceOfSatisfying(ResponseFormat.JsonSchema.class, schema -> {
                    assertThat(schema.name()).isEqualTo("response");
                    assertThat(schema.schema().path("type").asText()).isEqualTo("array");
                    assertThat(schema.schema().path("items").path("properties").path("recipeName").path("type").asText())
                            .isEqualTo("string");
                }));
        assertThat(request.extra()).containsOnlyKeys("safetySettings", "cachedContent", "generationConfig");
        assertThat(request.extra().get("generationConfig").properties()).extracting(e -> e.getKey())
                .containsExactlyInAnyOrder("responseSchema", "responseLogprobs", "logprobs");
    }

    @Test
    void thought_parts_are_thinking_and_a_signed_text_part_keeps_its_signature_in_extra() {
        ChatRequest request = GeminiCodec.decodeRequest(json("request-thinking.json"), false);

        var model = request.messages().get(1).content();
        assertThat(model.get(0)).isInstanceOfSatisfying(Thinking.class, t -> {
            assertThat(t.text()).startsWith("**Listing the primes**");
            assertThat(t.signature()).isEmpty();
        });
        assertThat(model.get(1)).isInstanceOfSatisfying(Text.class,
                t -> assertThat(t.extra().get("thoughtSignature").textValue()).startsWith("EqoBCqcBAdHtim9m"));
        assertThat(request.reasoning()).hasValueSatisfying(r -> assertThat(r.budgetTokens()).hasValue(1024));
        assertThat(request.extra().get("generationConfig")).isEqualTo(parse("{\"thinkingConfig\": {\"includeThoughts\": true}}"));
    }

    @Test
    void a_signed_thought_part_is_signed_thinking_and_goes_back_byte_for_byte() {
        JsonNode body = parse("""
                {"contents": [{"role": "user", "parts": [{"text": "hi"}]},
                  {"role": "model", "parts": [{"text": "Pondering.", "thought": true, "thoughtSignature": "Ab+/9=="},
                                              {"text": "Hello!"}]}]}
                """);

        ChatRequest request = GeminiCodec.decodeRequest(body, false);

        assertThat(request.messages().get(1).content().getFirst())
                .isEqualTo(new Thinking("Pondering.", Optional.of("Ab+/9==")));
        assertThat(wire(GeminiCodec.encodeRequest(request))).isEqualTo(body);
    }

    @Test
    void thinking_level_is_the_reasoning_effort_and_goes_back_as_a_level() {
        JsonNode body = parse("""
                {"contents": [{"role": "user", "parts": [{"text": "hi"}]}],
                 "generationConfig": {"thinkingConfig": {"thinkingLevel": "low"}}}
                """);

        ChatRequest request = GeminiCodec.decodeRequest(body, false);

        assertThat(request.reasoning()).hasValueSatisfying(r -> assertThat(r.effort()).contains("low"));
        assertThat(wire(GeminiCodec.encodeRequest(request))).isEqualTo(body);
    }

    @Test
    void usage_adds_thoughts_into_output_and_reports_them_as_reasoning() {
        ChatResponse text = GeminiCodec.decodeResponse(json("response-text.json"));
        ChatResponse calls = GeminiCodec.decodeResponse(json("response-function-call.json"));

        assertThat(text.usage()).isEqualTo(new Usage(8, 11 + 988, 0, 0, 988));
        assertThat(text.usage().total()).isEqualTo(1007);
        assertThat(calls.usage()).isEqualTo(new Usage(184, 34 + 113, 64, 0, 113));
        assertThat(text.id()).isEqualTo("mAitaLmkHPPlz7IPvtfUqQ4");
        assertThat(text.model()).contains("gemini-2.5-flash");
        assertThat(text.stopReason()).isEqualTo(StopReason.END_TURN);
    }

    @Test
    void a_candidate_with_function_calls_stops_for_tool_use() {
        ChatResponse response = GeminiCodec.decodeResponse(json("response-function-call.json"));

        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.content()).extracting(c -> ((ToolCall) c).name())
                .containsExactly("power_disco_ball", "start_music", "dim_lights");
        assertThat(response.choices().getFirst().extra()).containsOnlyKeys("index", "finishMessage");
    }

    @Test
    void thought_parts_in_a_response_are_thinking_blocks() {
        ChatResponse response = GeminiCodec.decodeResponse(json("response-thinking.json"));

        assertThat(response.content().get(0)).isInstanceOf(Thinking.class);
        assertThat(response.content().get(1)).isInstanceOfSatisfying(Text.class,
                t -> assertThat(t.text()).isEqualTo("The sum of the first 50 prime numbers is **5117**."));
        assertThat(response.usage().reasoning()).isEqualTo(1376);
    }

    @Test
    void a_blocked_prompt_is_one_empty_choice_stopped_by_the_content_filter() {
        ChatResponse response = GeminiCodec.decodeResponse(json("response-blocked.json"));

        assertThat(response.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.message().content()).isEmpty();
            assertThat(choice.stopReason()).isEqualTo(StopReason.CONTENT_FILTER);
        });
    }

    @Test
    void several_candidates_are_several_choices_and_a_filter_reason_is_kept_for_gemini_only() {
        JsonNode body = parse("""
                {"candidates": [
                  {"content": {"parts": [{"text": "one"}], "role": "model"}, "finishReason": "STOP", "index": 0},
                  {"content": {"parts": [{"text": "two"}], "role": "model"}, "finishReason": "RECITATION", "index": 1}],
                 "usageMetadata": {"promptTokenCount": 3, "candidatesTokenCount": 4, "totalTokenCount": 7},
                 "modelVersion": "gemini-2.5-flash"}
                """);

        ChatResponse response = GeminiCodec.decodeResponse(body);
        ChatResponse foreign = new ChatResponse(response.id(), response.model(), response.choices(), response.usage(),
                response.extra(), Optional.of(OpenAiChatFormat.INSTANCE));

        assertThat(response.choices()).extracting(ChatResponse.Choice::stopReason)
                .containsExactly(StopReason.END_TURN, StopReason.CONTENT_FILTER);
        assertThat(wire(GeminiCodec.encodeResponse(response, "gemini-2.5-flash"))).isEqualTo(body);
        assertThat(GeminiCodec.encodeResponse(foreign, "m").at("/candidates/1/finishReason").asText()).isEqualTo("SAFETY");
        assertThat(GeminiCodec.encodeResponse(foreign, "m").at("/candidates/1/index").asInt()).isEqualTo(1);
    }

    @Test
    void tool_result_errors_and_plain_text_are_wrapped_as_gemini_wants_objects() {
        ChatRequest request = GeminiCodec.decodeRequest(parse("""
                {"contents": [
                  {"role": "model", "parts": [{"functionCall": {"name": "f", "args": {}}},
                                              {"functionCall": {"name": "g", "args": {}}}]},
                  {"role": "user", "parts": [{"functionResponse": {"name": "f", "response": {"error": "boom"}}},
                                             {"functionResponse": {"name": "g", "response": {"result": "fine"}}}]}]}
                """), false);
        ToolResult failed = (ToolResult) request.messages().get(1).content().get(0);
        ToolResult fine = (ToolResult) request.messages().get(1).content().get(1);

        assertThat(failed.isError()).isTrue();
        assertThat(failed.content()).containsExactly(new Text("boom"));
        assertThat(fine.isError()).isFalse();
        assertThat(fine.content()).containsExactly(new Text("fine"));
    }

    @Test
    void an_error_body_or_a_malformed_part_in_a_response_is_an_upstream_failure() {
        var error = catchThrowableOfType(GatewayException.UpstreamUnavailable.class, () -> GeminiCodec.decodeResponse(
                GeminiErrors.body(429, "Resource has been exhausted (e.g. check quota).")));
        var malformed = catchThrowableOfType(GatewayException.UpstreamUnavailable.class, () -> GeminiCodec.decodeResponse(
                parse("{\"candidates\": [{\"content\": {\"parts\": [{\"functionCall\": {\"args\": {}}}]}}]}")));

        assertThat(error.getMessage()).contains("Resource has been exhausted");
        assertThat(malformed.getMessage()).contains("candidates[0].content.parts[0].functionCall.name");
    }

    @Test
    void usage_of_reads_usage_metadata_for_pass_through() {
        assertThat(GeminiCodec.usageOf(json("response-thinking.json"))).contains(new Usage(13, 15 + 1376, 0, 0, 1376));
        assertThat(GeminiCodec.usageOf(parse("{\"candidates\": []}"))).isEmpty();
    }
}
