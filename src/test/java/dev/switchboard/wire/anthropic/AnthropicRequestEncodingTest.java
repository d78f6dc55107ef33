package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.Fixtures.parse;
import static dev.switchboard.wire.anthropic.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Message;
import dev.switchboard.core.Reasoning;
import dev.switchboard.core.RedactedThinking;
import dev.switchboard.core.ResponseFormat;
import dev.switchboard.core.Role;
import dev.switchboard.core.Sampling;
import dev.switchboard.core.Text;
import dev.switchboard.core.Thinking;
import dev.switchboard.core.Tool;
import dev.switchboard.core.ToolCall;
import dev.switchboard.core.ToolChoice;
import dev.switchboard.core.ToolResult;
import dev.switchboard.wire.gemini.GeminiFormat;
import dev.switchboard.wire.openai.OpenAiChatCodec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Encoding canonical requests that did not come from Anthropic's format. */
class AnthropicRequestEncodingTest {

    private static ChatRequest openAi(String json) {
        return OpenAiChatCodec.decodeRequest(parse(json));
    }

    private static JsonNode encode(ChatRequest request) {
        return wire(AnthropicCodec.encodeRequest(request, "claude-sonnet-4-5", 4096));
    }

    @Test
    void max_tokens_is_the_default_when_the_caller_gave_none() {
        JsonNode body = encode(openAi("{\"model\": \"x\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}"));

        assertThat(body).isEqualTo(parse("""
                {"model": "claude-sonnet-4-5", "max_tokens": 4096,
                 "messages": [{"role": "user", "content": "Hi"}]}"""));
    }

    @Test
    void system_and_developer_messages_are_lifted_and_same_role_turns_merged() {
        JsonNode body = encode(openAi("""
                {"model": "x", "max_completion_tokens": 50, "messages": [
                  {"role": "system", "content": "Be brief."},
                  {"role": "user", "content": "Hi"},
                  {"role": "user", "content": "Are you there?"},
                  {"role": "developer", "content": "Answer in French."},
                  {"role": "assistant", "content": "Oui."}]}"""));

        assertThat(body).isEqualTo(parse("""
                {"model": "claude-sonnet-4-5", "max_tokens": 50,
                 "system": [{"type": "text", "text": "Be brief."}, {"type": "text", "text": "Answer in French."}],
                 "messages": [
                   {"role": "user", "content": [{"type": "text", "text": "Hi"}, {"type": "text", "text": "Are you there?"}]},
                   {"role": "assistant", "content": "Oui."}]}"""));
    }

    @Test
    void openai_tool_messages_become_one_user_turn_of_tool_results_before_any_text() {
        JsonNode body = encode(openAi("""
                {"model": "x", "messages": [
                  {"role": "user", "content": "Weather in Paris and Rome?"},
                  {"role": "assistant", "content": null, "tool_calls": [
                    {"id": "call_1", "type": "function", "function": {"name": "w", "arguments": "{\\"city\\": \\"Paris\\"}"}},
                    {"id": "call_2", "type": "function", "function": {"name": "w", "arguments": "{\\"city\\": \\"Rome\\"}"}}]},
                  {"role": "tool", "tool_call_id": "call_1", "content": "20C"},
                  {"role": "tool", "tool_call_id": "call_2", "content": "25C"},
                  {"role": "user", "content": "Thanks"}],
                 "tools": [{"type": "function", "function": {"name": "w", "parameters": {"type": "object"}}}],
                 "tool_choice": "required", "parallel_tool_calls": false, "user": "user-42"}"""));

        assertThat(body.get("messages")).isEqualTo(parse("""
                [{"role": "user", "content": "Weather in Paris and Rome?"},
                 {"role": "assistant", "content": [
                   {"type": "tool_use", "id": "call_1", "name": "w", "input": {"city": "Paris"}},
                   {"type": "tool_use", "id": "call_2", "name": "w", "input": {"city": "Rome"}}]},
                 {"role": "user", "content": [
                   {"type": "tool_result", "tool_use_id": "call_1", "content": "20C"},
                   {"type": "tool_result", "tool_use_id": "call_2", "content": "25C"},
                   {"type": "text", "text": "Thanks"}]}]"""));
        assertThat(body.get("tools")).isEqualTo(parse("[{\"name\": \"w\", \"input_schema\": {\"type\": \"object\"}}]"));
        assertThat(body.get("tool_choice")).isEqualTo(parse("{\"type\": \"any\", \"disable_parallel_tool_use\": true}"));
        assertThat(body.get("metadata")).isEqualTo(parse("{\"user_id\": \"user-42\"}"));
        assertThat(body.has("parallel_tool_calls")).isFalse();
        assertThat(body.has("user")).isFalse();
    }

    @Test
    void temperature_is_clamped_to_anthropics_range_and_top_p_is_dropped_beside_it() {
        JsonNode body = encode(openAi("""
                {"model": "x", "messages": [{"role": "user", "content": "Hi"}], "temperature": 1.6, "top_p": 0.9,
                 "presence_penalty": 0.5, "frequency_penalty": 0.5, "seed": 7, "stop": ["END"], "n": 1}"""));

        assertThat(body.get("temperature").doubleValue()).isEqualTo(1.0);
        assertThat(body.has("top_p")).isFalse();
        assertThat(body.get("stop_sequences")).isEqualTo(parse("[\"END\"]"));
        assertThat(body.has("presence_penalty") || body.has("frequency_penalty") || body.has("seed") || body.has("n"))
                .isFalse();
        assertThat(encode(openAi("{\"model\": \"x\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}],"
                + " \"temperature\": 0.7}")).get("temperature").doubleValue()).isEqualTo(0.7);
    }

    @Test
    void more_than_one_choice_is_refused_with_a_400() {
        ChatRequest request = openAi("{\"model\": \"x\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"n\": 2}");

        var error = catchThrowableOfType(GatewayException.InvalidRequest.class,
                () -> AnthropicCodec.encodeRequest(request, "m", 100));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.getMessage()).contains("'n'");
    }

    @Test
    void reasoning_effort_becomes_adaptive_thinking_and_drops_temperature() {
        JsonNode body = encode(openAi("""
                {"model": "x", "messages": [{"role": "user", "content": "Hi"}], "reasoning_effort": "minimal",
                 "temperature": 0.2, "top_k": 5}"""));

        assertThat(body.get("thinking")).isEqualTo(parse("{\"type\": \"adaptive\"}"));
        assertThat(body.get("output_config")).isEqualTo(parse("{\"effort\": \"low\"}"));
        assertThat(body.has("temperature") || body.has("top_k")).isFalse();
        assertThat(encode(openAi("{\"model\": \"x\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}],"
                + " \"reasoning_effort\": \"none\"}")).get("thinking")).isEqualTo(parse("{\"type\": \"disabled\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"required\"", "{\"type\": \"function\", \"function\": {\"name\": \"w\"}}"})
    void a_forced_tool_choice_keeps_the_tool_and_turns_thinking_off(String toolChoice) {
        JsonNode body = encode(openAi("""
                {"model": "x", "messages": [{"role": "user", "content": "Weather in Paris?"}],
                 "tools": [{"type": "function", "function": {"name": "w", "parameters": {"type": "object"}}}],
                 "tool_choice": %s, "reasoning_effort": "high", "temperature": 0.2}""".formatted(toolChoice)));

        assertThat(body.at("/tool_choice/type").asText()).isIn("any", "tool");
        assertThat(body.get("thinking")).isEqualTo(parse("{\"type\": \"disabled\"}"));
        assertThat(body.has("output_config")).isFalse();
        assertThat(body.get("temperature").doubleValue()).isEqualTo(0.2);
        assertThat(body.get("max_tokens").intValue()).isEqualTo(4096);
    }

    @Test
    void a_forced_tool_choice_keeps_a_thinking_budget_off_the_wire_and_max_tokens_unraised() {
        ChatRequest request = new ChatRequest(List.of(Message.of(Role.USER, "Hi")),
                List.of(new Tool("w", Optional.empty(), parse("{\"type\": \"object\"}"), Optional.empty(), Map.of())),
                Optional.of(new ToolChoice.Named("w")), Sampling.NONE, Optional.empty(),
                Optional.of(new Reasoning(Optional.empty(), OptionalInt.of(8192))), false, false, Map.of(),
                Optional.of(GeminiFormat.INSTANCE));

        JsonNode body = encode(request);

        assertThat(body.get("tool_choice")).isEqualTo(parse("{\"type\": \"tool\", \"name\": \"w\"}"));
        assertThat(body.get("thinking")).isEqualTo(parse("{\"type\": \"disabled\"}"));
        assertThat(body.get("max_tokens").intValue()).isEqualTo(4096);
    }

    @Test
    void thinking_stays_beside_an_automatic_tool_choice_and_in_anthropics_own_requests() {
        JsonNode auto = encode(openAi("""
                {"model": "x", "messages": [{"role": "user", "content": "Weather in Paris?"}],
                 "tools": [{"type": "function", "function": {"name": "w", "parameters": {"type": "object"}}}],
                 "tool_choice": "auto", "reasoning_effort": "high"}"""));
        JsonNode own = encode(AnthropicCodec.decodeRequest(parse("""
                {"model": "m", "max_tokens": 4000, "messages": [{"role": "user", "content": "Hi"}],
                 "tools": [{"name": "w", "input_schema": {"type": "object"}}], "tool_choice": {"type": "any"},
                 "thinking": {"type": "enabled", "budget_tokens": 2000}}""")));

        assertThat(auto.get("thinking")).isEqualTo(parse("{\"type\": \"adaptive\"}"));
        assertThat(own.get("thinking")).isEqualTo(parse("{\"type\": \"enabled\", \"budget_tokens\": 2000}"));
        assertThat(own.get("tool_choice")).isEqualTo(parse("{\"type\": \"any\"}"));
    }

    @Test
    void a_thinking_budget_is_enabled_thinking_and_raises_a_default_max_tokens_above_it() {
        ChatRequest request = new ChatRequest(List.of(Message.of(Role.USER, "Hi")), List.of(), Optional.empty(),
                Sampling.NONE, Optional.empty(), Optional.of(new Reasoning(Optional.empty(), OptionalInt.of(8192))),
                false, false, Map.of(), Optional.of(GeminiFormat.INSTANCE));

        JsonNode body = encode(request);

        assertThat(body.get("thinking")).isEqualTo(parse("{\"type\": \"enabled\", \"budget_tokens\": 8192}"));
        assertThat(body.get("max_tokens").intValue()).isEqualTo(8192 + 4096);
    }

    @Test
    void a_json_schema_format_is_sent_as_output_config_and_json_object_as_a_system_instruction() {
        JsonNode schema = encode(openAi("""
                {"model": "x", "messages": [{"role": "user", "content": "Hi"}], "response_format": {"type": "json_schema",
                 "json_schema": {"name": "person", "strict": true, "schema": {"type": "object"}}}}"""));
        JsonNode object = encode(openAi("""
                {"model": "x", "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}],
                 "response_format": {"type": "json_object"}}"""));

        assertThat(schema.get("output_config"))
                .isEqualTo(parse("{\"format\": {\"type\": \"json_schema\", \"schema\": {\"type\": \"object\"}}}"));
        assertThat(schema.has("system")).isFalse();
        assertThat(object.get("system")).isEqualTo(parse("[{\"type\": \"text\", \"text\": \"Be brief.\"},"
                + " {\"type\": \"text\", \"text\": \"" + AnthropicCodec.JSON_INSTRUCTION + "\"}]"));
        assertThat(object.has("output_config")).isFalse();
        assertThat(encode(openAi("{\"model\": \"x\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}],"
                + " \"response_format\": {\"type\": \"text\"}}")).has("system")).isFalse();
    }

    @Test
    void thinking_and_extras_of_another_format_are_not_sent_to_anthropic() {
        ChatRequest request = new ChatRequest(List.of(Message.of(Role.USER, "Hi"),
                new Message(Role.ASSISTANT, List.of(new Thinking("plan", Optional.of("gemini-signature")),
                        new RedactedThinking("opaque"), new Text(""), new ToolCall("c1", "f", "not json"))),
                new Message(Role.TOOL, List.of(new ToolResult("c1", List.of(), false)))),
                List.of(), Optional.empty(), Sampling.NONE, Optional.empty(), Optional.empty(), false, false,
                Map.of("safetySettings", parse("[]")), Optional.of(GeminiFormat.INSTANCE));

        JsonNode body = encode(request);

        assertThat(body).isEqualTo(parse("""
                {"model": "claude-sonnet-4-5", "max_tokens": 4096, "messages": [
                  {"role": "user", "content": "Hi"},
                  {"role": "assistant", "content": [{"type": "tool_use", "id": "c1", "name": "f", "input": {}}]},
                  {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "c1"}]}]}"""));
    }

    @Test
    void a_code_built_request_keeps_its_extras_and_signed_thinking() {
        ChatRequest request = new ChatRequest(List.of(Message.of(Role.USER, "Hi"),
                new Message(Role.ASSISTANT, List.of(new Thinking("plan", Optional.of("sig")), new Text("Hello")))),
                List.of(), Optional.empty(), new Sampling(OptionalDouble.of(0.3), OptionalDouble.empty(),
                OptionalInt.empty(), OptionalInt.of(10), List.of(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalLong.empty(), OptionalInt.empty()), Optional.of(ResponseFormat.TEXT), Optional.empty(), true,
                false, Map.of("metadata", parse("{\"user_id\": \"u\"}")));

        JsonNode body = encode(request);

        assertThat(body.get("messages").get(1).get("content").get(0))
                .isEqualTo(parse("{\"type\": \"thinking\", \"thinking\": \"plan\", \"signature\": \"sig\"}"));
        assertThat(body.get("metadata")).isEqualTo(parse("{\"user_id\": \"u\"}"));
        assertThat(body.get("stream").booleanValue()).isTrue();
        assertThat(body.get("max_tokens").intValue()).isEqualTo(10);
    }
}
