package dev.switchboard.wire.responses;

import static dev.switchboard.wire.responses.Fixtures.ENCRYPTED;
import static dev.switchboard.wire.responses.Fixtures.FORMAT;
import static dev.switchboard.wire.responses.Fixtures.json;
import static dev.switchboard.wire.responses.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.Document;
import dev.switchboard.core.Image;
import dev.switchboard.core.MediaSource;
import dev.switchboard.core.Message;
import dev.switchboard.core.Reasoning;
import dev.switchboard.core.ResponseFormat;
import dev.switchboard.core.Role;
import dev.switchboard.core.Text;
import dev.switchboard.core.Thinking;
import dev.switchboard.core.ToolCall;
import dev.switchboard.core.ToolChoice;
import dev.switchboard.core.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** A Responses caller's request in the canonical model. */
class ResponsesRequestDecodingTest {

    private static ChatRequest decode(String json) {
        return FORMAT.decodeRequest((ObjectNode) parse(json), false);
    }

    @Test
    void instructions_are_a_first_system_message_and_a_string_input_one_user_message() {
        ChatRequest request = FORMAT.decodeRequest(json("request-basic.json"), false);

        assertThat(request.messages()).containsExactly(
                Message.of(Role.SYSTEM, "You are a coding assistant that talks like a pirate."),
                Message.of(Role.USER, "Are semicolons optional in JavaScript?"));
        assertThat(request.sourceFormat()).contains(FORMAT);
    }

    @Test
    void sampling_reasoning_and_text_format_are_modelled_and_the_rest_is_kept_in_extra() {
        ChatRequest request = FORMAT.decodeRequest(json("request-basic.json"), false);

        assertThat(request.sampling().temperature()).hasValue(0.7);
        assertThat(request.sampling().topP()).hasValue(0.9);
        assertThat(request.sampling().maxTokens()).hasValue(500);
        assertThat(request.responseFormat()).contains(ResponseFormat.TEXT);
        assertThat(request.reasoning()).contains(new Reasoning(Optional.of("low"), OptionalInt.empty()));
        assertThat(request.stream()).isFalse();
        assertThat(request.extra()).containsOnlyKeys("instructions", "parallel_tool_calls", "metadata", "store",
                "text", "reasoning");
        assertThat(request.extra().get("parallel_tool_calls").booleanValue()).isFalse();
        assertThat(request.extra().get("text")).isEqualTo(parse("{\"verbosity\": \"low\"}"));
        assertThat(request.extra().get("reasoning")).isEqualTo(parse("{\"summary\": \"auto\"}"));
    }

    @Test
    void a_list_input_keeps_every_role_part_and_item_in_order() {
        ChatRequest request = FORMAT.decodeRequest(json("request-multiturn.json"), true);
        List<Message> messages = request.messages();

        assertThat(messages).extracting(Message::role)
                .containsExactly(Role.DEVELOPER, Role.USER, Role.ASSISTANT, Role.TOOL, Role.USER);
        assertThat(messages.get(0).text()).isEqualTo("Answer briefly.");
        assertThat(messages.get(1).content()).containsExactly(
                new Text("What is in this image, and what is the weather in Paris?"),
                new Image(new MediaSource.Url("https://example.com/cat.png"), Optional.of("low"), Map.of()),
                new Image(new MediaSource.Base64("image/png", "iVBORw0KGgo=")),
                new Document(new MediaSource.Base64("application/pdf", "JVBERi0xLjQ="), Optional.of("notes.pdf"),
                        Map.of()),
                new Document(new MediaSource.Url("https://example.com/report.pdf")));
        assertThat(messages.get(4).text()).isEqualTo("Thanks!");
        assertThat(request.stream()).isTrue();
    }

    @Test
    void reasoning_an_assistant_message_and_a_function_call_are_one_assistant_turn() {
        List<Message> messages = FORMAT.decodeRequest(json("request-multiturn.json"), true).messages();
        Message assistant = messages.get(2);

        assertThat(assistant.content()).hasSize(3);
        Thinking thinking = (Thinking) assistant.content().get(0);
        assertThat(thinking.text()).isEqualTo("The user wants two things.");
        assertThat(thinking.signature()).contains(ENCRYPTED);
        assertThat(thinking.extra().get("id").textValue()).isEqualTo("rs_abc");
        assertThat(assistant.content().get(1)).isEqualTo(new Text("A cat.", Map.of("annotations",
                parse("[]"))));
        ToolCall call = (ToolCall) assistant.content().get(2);
        assertThat(call.id()).isEqualTo("call_123");
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.argumentsJson()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(call.extra()).containsOnlyKeys("id", "status");
        assertThat(messages.get(3).content()).containsExactly(
                new ToolResult("call_123", List.of(new Text("{\"temp_c\": 18}")), false));
    }

    @Test
    void tools_tool_choice_and_json_schema_format_are_read() {
        ChatRequest request = FORMAT.decodeRequest(json("request-multiturn.json"), true);

        assertThat(request.tools()).singleElement().satisfies(tool -> {
            assertThat(tool.name()).isEqualTo("get_weather");
            assertThat(tool.description()).contains("Weather by city");
            assertThat(tool.strict()).contains(true);
            assertThat(tool.parametersSchema().path("required").get(0).asText()).isEqualTo("city");
        });
        assertThat(request.toolChoice()).contains(new ToolChoice.Named("get_weather"));

        ChatRequest schema = decode("""
                {"input": "x", "tool_choice": "required", "text": {"format": {"type": "json_schema", "name": "city",
                 "description": "A city", "schema": {"type": "object"}, "strict": true}}}""");
        assertThat(schema.toolChoice()).contains(ToolChoice.REQUIRED);
        assertThat(schema.responseFormat()).contains(new ResponseFormat.JsonSchema("city", Optional.of("A city"),
                parse("{\"type\": \"object\"}"), Optional.of(true)));
        assertThat(decode("{\"input\": \"x\", \"tool_choice\": \"none\", \"text\": {\"format\": {\"type\": \"json_object\"}}}"))
                .satisfies(r -> {
                    assertThat(r.toolChoice()).contains(ToolChoice.NONE);
                    assertThat(r.responseFormat()).contains(ResponseFormat.JSON_OBJECT);
                });
        assertThat(decode("{\"input\": \"x\", \"tool_choice\": \"auto\"}").toolChoice()).contains(ToolChoice.AUTO);
    }

    @Test
    void a_function_call_output_may_be_parts_and_an_assistant_refusal_is_its_text() {
        ChatRequest request = decode("""
                {"input": [
                  {"role": "user", "content": "look"},
                  {"type": "message", "role": "assistant", "content": [{"type": "refusal", "refusal": "I can't."}]},
                  {"type": "function_call", "call_id": "c1", "name": "shot", "arguments": "{}"},
                  {"type": "function_call_output", "call_id": "c1", "output": [
                    {"type": "input_text", "text": "here"},
                    {"type": "input_image", "image_url": "data:image/jpeg;base64,/9j/"}]}
                ]}""");

        assertThat(request.messages().get(1).content()).containsExactly(new Text("I can't."),
                new ToolCall("c1", "shot", "{}"));
        assertThat(request.messages().get(2).content()).containsExactly(new ToolResult("c1",
                List.of(new Text("here"), new Image(new MediaSource.Base64("image/jpeg", "/9j/"))), false));
    }

    @Test
    void reasoning_without_a_summary_is_signed_thinking_with_empty_text_and_an_empty_item_is_nothing() {
        ChatRequest request = decode("""
                {"input": [{"role": "user", "content": "q"},
                  {"type": "reasoning", "id": "rs_1", "summary": [], "encrypted_content": "%s"},
                  {"type": "reasoning", "id": "rs_2", "summary": []},
                  {"role": "assistant", "content": "a"}]}""".formatted(ENCRYPTED));

        assertThat(request.messages().get(1).content()).containsExactly(
                new Thinking("", Optional.of(ENCRYPTED), Map.of("id", parse("\"rs_1\""))), new Text("a"));
    }

    @Test
    void an_empty_request_has_no_messages_and_effortless_reasoning_is_none() {
        ChatRequest request = decode("{\"model\": \"m\", \"reasoning\": {\"summary\": \"auto\"}}");

        assertThat(request.messages()).isEmpty();
        assertThat(request.reasoning()).isEmpty();
        assertThat(request.extra()).containsKey("reasoning");
    }
}
