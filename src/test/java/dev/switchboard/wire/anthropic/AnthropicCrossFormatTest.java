package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.Fixtures.json;
import static dev.switchboard.wire.anthropic.Fixtures.parse;
import static dev.switchboard.wire.anthropic.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.wire.openai.OpenAiChatCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Anthropic requests translated to OpenAI's format and back. What OpenAI's format cannot carry is
 * lost on the way, by design: {@code cache_control} and other Anthropic-only fields, thinking,
 * {@code is_error}, images inside tool results, {@code disable_parallel_tool_use}.
 */
class AnthropicCrossFormatTest {

    /** Anthropic → canonical → OpenAI (on the wire) → canonical → Anthropic. */
    private static JsonNode viaOpenAi(JsonNode anthropic) {
        ChatRequest canonical = AnthropicCodec.decodeRequest(anthropic);
        JsonNode openAi = wire(OpenAiChatCodec.encodeRequest(canonical, "gpt-4o"));
        ChatRequest back = OpenAiChatCodec.decodeRequest(openAi);
        return wire(AnthropicCodec.encodeRequest(back, anthropic.get("model").textValue(), 4096));
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic-request.json", "tools-request.json", "images-request.json"})
    void text_tools_tool_results_and_images_survive_a_trip_through_openai_unchanged(String fixture) {
        JsonNode original = json(fixture);
        ObjectNode expected = original.deepCopy();
        if (expected.get("tool_choice") instanceof ObjectNode choice) {
            choice.remove("disable_parallel_tool_use");
        }

        assertThat(viaOpenAi(original)).isEqualTo(expected);
    }

    @Test
    void system_turns_and_sampling_survive_a_trip_through_openai() {
        JsonNode back = viaOpenAi(json("system-multiturn-request.json"));

        ObjectNode expected = json("system-multiturn-request.json").deepCopy();
        expected.remove("metadata");
        expected.remove("service_tier");
        assertThat(back).isEqualTo(expected);
    }

    @Test
    void tool_results_keep_their_ids_and_text_through_openai_but_lose_what_openai_cannot_carry() {
        JsonNode back = viaOpenAi(json("tool-results-request.json"));

        assertThat(back.at("/messages/1")).isEqualTo(json("tool-results-request.json").at("/messages/1"));
        assertThat(back.at("/messages/2/content")).isEqualTo(parse("""
                [{"type": "tool_result", "tool_use_id": "toolu_01AAA", "content": "15 degrees"},
                 {"type": "tool_result", "tool_use_id": "toolu_01BBB",
                  "content": "ConnectionError: the weather service API is not available (HTTP 500)"},
                 {"type": "text", "text": "Summarise both results in one sentence."}]"""));
        assertThat(back.get("tool_choice")).isEqualTo(parse("{\"type\": \"tool\", \"name\": \"get_weather\"}"));
    }

    @Test
    void thinking_blocks_and_cache_markers_are_not_sent_through_openai_and_a_budget_comes_back_as_effort() {
        JsonNode back = viaOpenAi(json("thinking-tools-request.json"));

        assertThat(back.at("/messages/1/content")).isEqualTo(parse("""
                [{"type": "text", "text": "I can help you get the current weather information for Paris. Let me check that for you"},
                 {"type": "tool_use", "id": "toolu_01CswdEQBMshySk6Y9DFKrfq", "name": "get_weather",
                  "input": {"location": "Paris"}}]"""));
        assertThat(back.get("thinking")).isEqualTo(parse("{\"type\": \"adaptive\"}"));
        assertThat(back.get("output_config")).isEqualTo(parse("{\"effort\": \"high\"}"));
        assertThat(viaOpenAi(json("cache-control-request.json")).toString()).doesNotContain("cache_control");
    }

    @Test
    void reasoning_an_openai_provider_made_goes_back_to_it_as_reasoning_content_from_an_anthropic_caller() {
        ChatResponse deepSeek = OpenAiChatCodec.decodeResponse(parse("""
                {"id": "r1", "object": "chat.completion", "created": 1, "model": "deepseek-chat", "choices": [
                  {"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant", "content": "",
                   "reasoning_content": "Paris first.", "tool_calls": [{"id": "call_1", "type": "function",
                   "function": {"name": "w", "arguments": "{}"}}]}}],
                 "usage": {"prompt_tokens": 5, "completion_tokens": 5, "total_tokens": 10}}"""));
        ObjectNode followUp = parse("""
                {"model": "m", "max_tokens": 100, "messages": [{"role": "user", "content": "Weather?"}],
                 "tools": [{"name": "w", "input_schema": {"type": "object"}}]}""").deepCopy();
        ArrayNode messages = (ArrayNode) followUp.get("messages");
        ObjectNode answer = messages.addObject().put("role", "assistant");
        answer.set("content", AnthropicCodec.encodeResponse(deepSeek, "m").get("content"));
        messages.add(parse("""
                {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "call_1", "content": "20C"}]}"""));

        JsonNode sent = wire(OpenAiChatCodec.encodeRequest(AnthropicCodec.decodeRequest(followUp), "deepseek-chat"));

        assertThat(answer.at("/content/0/signature").textValue()).isEqualTo("swb1Oapi");
        assertThat(sent.at("/messages/1/reasoning_content").textValue()).isEqualTo("Paris first.");
        assertThat(sent.at("/messages/1/tool_calls/0/id").textValue()).isEqualTo("call_1");
    }

    @Test
    void an_openai_multi_turn_request_with_images_and_tools_encodes_to_anthropic() {
        JsonNode body = wire(AnthropicCodec.encodeRequest(
                OpenAiChatCodec.decodeRequest(openAiFixture("chat-multiturn-request.json")), "claude-sonnet-4-5", 1024));

        assertThat(body.get("system").isTextual()).isTrue();
        assertThat(body.get("messages")).allSatisfy(m -> assertThat(m.get("role").textValue()).isIn("user", "assistant"));
        JsonNode messages = body.get("messages");
        for (int i = 1; i < messages.size(); i++) {
            assertThat(messages.get(i).get("role")).isNotEqualTo(messages.get(i - 1).get("role"));
        }
        assertThat(body.toString()).contains("\"type\":\"tool_result\",\"tool_use_id\":\"call_abc123\"")
                .contains("\"source\":{\"type\":\"url\"")
                .contains("\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo");
    }

    @Test
    void an_anthropic_response_read_by_an_openai_caller_keeps_text_tool_calls_and_usage() {
        ChatResponse response = AnthropicCodec.decodeResponse(json("tool-use-response.json"));

        JsonNode openAi = wire(OpenAiChatCodec.encodeResponse(response, "my-endpoint", 1700000000));

        assertThat(openAi.at("/choices/0/finish_reason").textValue()).isEqualTo("tool_calls");
        assertThat(openAi.at("/choices/0/message/tool_calls/0/function/arguments").textValue())
                .isEqualTo("{\"location\":\"San Francisco, CA\",\"unit\":\"celsius\"}");
        assertThat(openAi.at("/usage/prompt_tokens").intValue()).isEqualTo(472);
        assertThat(OpenAiChatCodec.decodeResponse(openAi).content()).isEqualTo(response.content());
    }

    private static JsonNode openAiFixture(String name) {
        try (InputStream in = AnthropicCrossFormatTest.class.getResourceAsStream("/fixtures/openai/" + name)) {
            return Fixtures.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
