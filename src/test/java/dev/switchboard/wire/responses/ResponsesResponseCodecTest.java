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
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.RedactedThinking;
import dev.switchboard.core.Signatures;
import dev.switchboard.core.StopReason;
import dev.switchboard.core.Text;
import dev.switchboard.core.Thinking;
import dev.switchboard.core.ToolCall;
import dev.switchboard.core.Usage;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A provider's {@code response} in the canonical model, and a canonical answer as a Responses caller gets it. */
class ResponsesResponseCodecTest {

    private static final String CLAUDE_SIGNATURE = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds+/NfMJ2Kq==";

    @Test
    void a_text_answer_is_one_choice_with_its_usage() {
        ChatResponse response = FORMAT.decodeResponse(json("response-text.json"));

        assertThat(response.id()).isEqualTo("resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b");
        assertThat(response.model()).contains("gpt-4.1-2025-04-14");
        assertThat(response.content()).containsExactly(new Text(
                "In a peaceful grove beneath a silver moon, a unicorn named Lumina discovered a hidden pool.",
                Map.of("annotations", parse("[]"))));
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.usage()).isEqualTo(new Usage(36, 87, 10, 0, 0));
        assertThat(response.sourceFormat()).contains(FORMAT);
        assertThat(response.extra()).containsKeys("tools", "store", "truncation").doesNotContainKeys("output", "usage");
    }

    @Test
    void reasoning_with_encrypted_content_is_signed_thinking_and_a_function_call_stops_for_it() {
        ChatResponse response = FORMAT.decodeResponse(json("response-reasoning-tool-call.json"));

        assertThat(response.content()).hasSize(2);
        Thinking thinking = (Thinking) response.content().get(0);
        assertThat(thinking.text()).isEqualTo("**Checking the weather**\n\nI should call the tool.");
        assertThat(thinking.signature()).contains(ENCRYPTED);
        ToolCall call = (ToolCall) response.content().get(1);
        assertThat(call.id()).isEqualTo("call_vYXnXw0n9SuV6CHYYNrIbpL3");
        assertThat(call.argumentsJson()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.usage()).isEqualTo(new Usage(66, 214, 0, 0, 192));
    }

    @Test
    void an_incomplete_answer_says_why_and_a_failed_or_malformed_one_is_an_upstream_failure() {
        assertThat(FORMAT.decodeResponse(json("response-incomplete.json")).stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(FORMAT.decodeResponse(parse("""
                {"status": "incomplete", "incomplete_details": {"reason": "content_filter"}, "output": []}""")).stopReason())
                .isEqualTo(StopReason.CONTENT_FILTER);

        assertThat(catchThrowableOfType(GatewayException.UpstreamUnavailable.class, () -> FORMAT.decodeResponse(parse("""
                {"id": "resp_1", "status": "failed", "error": {"code": "server_error", "message": "The model broke."},
                 "output": []}""")))).hasMessageContaining("The model broke.");
        assertThat(catchThrowableOfType(GatewayException.UpstreamUnavailable.class, () -> FORMAT.decodeResponse(parse(
                "{\"error\": {\"message\": \"Bad key\", \"type\": \"invalid_request_error\"}}"))))
                .hasMessageContaining("Bad key");
        assertThat(catchThrowableOfType(GatewayException.UpstreamUnavailable.class,
                () -> FORMAT.decodeResponse(parse("[]")))).hasMessageContaining("not a JSON object");
    }

    @Test
    void a_refusal_is_text_and_items_of_tools_only_openai_runs_are_left_out() {
        ChatResponse response = FORMAT.decodeResponse(parse("""
                {"status": "completed", "output": [
                  {"type": "web_search_call", "id": "ws_1", "status": "completed"},
                  {"type": "message", "id": "m", "role": "assistant", "content": [{"type": "refusal", "refusal": "No."}]}]}"""));

        assertThat(response.content()).containsExactly(new Text("No."));
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
    }

    @Test
    void an_answer_for_a_caller_is_a_whole_response_object_named_after_the_endpoint() {
        ChatResponse answer = new ChatResponse("msg_claude", Optional.of("claude-sonnet-4-5"), List.of(
                new Thinking("Let me think.", Optional.of(CLAUDE_SIGNATURE)),
                new Text("Checking."),
                new ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}")),
                StopReason.TOOL_USE, new Usage(100, 50, 20, 5, 30), Map.of());
        answer = new ChatResponse(answer.id(), answer.model(), answer.choices(), answer.usage(), Map.of(),
                Optional.of(AnthropicFormat.INSTANCE));

        ObjectNode body = (ObjectNode) FORMAT.encodeResponse(answer, Optional.empty(), "my-endpoint");

        assertThat(body.get("id").asText()).matches("resp_[0-9a-f]{32}");
        assertThat(body.get("created_at").asLong()).isPositive();
        JsonNode output = body.get("output");
        assertThat(output.get(0).get("id").asText()).matches("rs_[0-9a-f]{32}");
        assertThat(output.get(1).get("id").asText()).matches("msg_[0-9a-f]{32}");
        assertThat(output.get(2).get("id").asText()).matches("fc_[0-9a-f]{32}");
        for (String field : List.of("id", "created_at")) {
            body.remove(field);
        }
        for (JsonNode item : output) {
            ((ObjectNode) item).remove("id");
        }
        assertThat(wire(body)).isEqualTo(parse("""
                {"object": "response", "status": "completed", "error": null, "incomplete_details": null,
                 "instructions": null, "max_output_tokens": null, "model": "my-endpoint",
                 "output": [
                   {"type": "reasoning", "summary": [{"type": "summary_text", "text": "Let me think."}],
                    "encrypted_content": "swb1Anth%s"},
                   {"type": "message", "status": "completed",
                    "content": [{"type": "output_text", "annotations": [], "logprobs": [], "text": "Checking."}],
                    "role": "assistant"},
                   {"type": "function_call", "status": "completed", "arguments": "{\\"city\\":\\"Paris\\"}",
                    "call_id": "toolu_1", "name": "get_weather"}],
                 "parallel_tool_calls": true, "reasoning": {"effort": null, "summary": null}, "temperature": null,
                 "text": {"format": {"type": "text"}}, "tool_choice": "auto", "tools": [], "top_p": null,
                 "usage": {"input_tokens": 100, "input_tokens_details": {"cached_tokens": 20}, "output_tokens": 50,
                           "output_tokens_details": {"reasoning_tokens": 30}, "total_tokens": 150},
                 "metadata": {}}""".formatted(CLAUDE_SIGNATURE)));
        assertThat(body.has("output_text")).isFalse();
    }

    @Test
    void a_cut_answer_is_incomplete_with_its_reason() {
        for (var cut : Map.of(StopReason.MAX_TOKENS, "max_output_tokens", StopReason.CONTENT_FILTER, "content_filter")
                .entrySet()) {
            JsonNode body = FORMAT.encodeResponse(new ChatResponse("r", Optional.empty(), List.of(new Text("Once")),
                    cut.getKey(), Usage.NONE, Map.of()), Optional.empty(), "ep");
            assertThat(body.get("status").asText()).isEqualTo("incomplete");
            assertThat(body.get("incomplete_details")).isEqualTo(parse("{\"reason\": \"" + cut.getValue() + "\"}"));
            assertThat(body.get("output").get(0).get("status").asText()).isEqualTo("incomplete");
        }
    }

    @Test
    void thinking_from_a_responses_provider_keeps_its_encrypted_content_and_unsigned_or_redacted_thinking_has_none() {
        ChatResponse fromOpenAi = FORMAT.decodeResponse(json("response-reasoning-tool-call.json"));
        JsonNode own = FORMAT.encodeResponse(fromOpenAi, Optional.empty(), "ep").get("output");
        assertThat(own.get(0).get("encrypted_content").asText()).isEqualTo(ENCRYPTED);
        assertThat(own.get(0).get("id").asText()).isEqualTo("rs_68af4030baa48193b0b43b4c2a176a1a05438e46b5f69a3b");
        assertThat(own.get(1).get("id").asText()).isEqualTo("fc_68af4031c8a481939ef23d2d9b5c56d605438e46b5f69a3b");

        JsonNode other = FORMAT.encodeResponse(new ChatResponse("r", Optional.empty(), List.of(
                new Thinking("plain", Optional.empty()), new RedactedThinking("opaque"), new Text("a")),
                StopReason.END_TURN, Usage.NONE, Map.of()), Optional.empty(), "ep").get("output");
        assertThat(other).hasSize(2);
        assertThat(other.get(0).has("encrypted_content")).isFalse();
        assertThat(other.get(1).get("type").asText()).isEqualTo("message");
    }

    @Test
    void the_answer_echoes_the_request_it_answers_when_it_is_known() {
        ChatRequest request = FORMAT.decodeRequest(json("request-basic.json"), false);
        ObjectNode body = FORMAT.encodeResponse(new ChatResponse("r", Optional.empty(), List.of(new Text("Arr.")),
                StopReason.END_TURN, Usage.NONE, Map.of()), Optional.of(request), "ep");

        assertThat(body.get("instructions").asText()).isEqualTo("You are a coding assistant that talks like a pirate.");
        assertThat(body.get("max_output_tokens").asInt()).isEqualTo(500);
        assertThat(body.get("parallel_tool_calls").booleanValue()).isFalse();
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.7);
        assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.get("text")).isEqualTo(parse("{\"format\": {\"type\": \"text\"}, \"verbosity\": \"low\"}"));
        assertThat(body.get("reasoning")).isEqualTo(parse("{\"effort\": \"low\", \"summary\": \"auto\"}"));
        assertThat(body.get("metadata")).isEqualTo(parse("{\"session\": \"abc\"}"));

        ChatRequest tools = FORMAT.decodeRequest(json("request-multiturn.json"), true);
        ObjectNode withTools = FORMAT.encodeResponse(new ChatResponse("r", Optional.empty(), List.of(new Text("x")),
                StopReason.END_TURN, Usage.NONE, Map.of()), Optional.of(tools), "ep");
        assertThat(withTools.get("tool_choice")).isEqualTo(parse("{\"type\": \"function\", \"name\": \"get_weather\"}"));
        assertThat(withTools.get("tools").get(0).get("name").asText()).isEqualTo("get_weather");
        assertThat(withTools.get("tools").get(0).get("strict").booleanValue()).isTrue();
    }

    @Test
    void a_responses_answer_translated_back_keeps_its_content_and_extra() {
        ChatResponse decoded = FORMAT.decodeResponse(json("response-text.json"));
        JsonNode body = FORMAT.encodeResponse(decoded, Optional.empty(), "ep");

        assertThat(FORMAT.decodeResponse(body).content()).extracting(c -> ((Text) c).text())
                .containsExactly(((Text) decoded.content().getFirst()).text());
        assertThat(body.get("output").get(0).get("content").get(0)).isEqualTo(parse("""
                {"type": "output_text", "annotations": [], "logprobs": [],
                 "text": "In a peaceful grove beneath a silver moon, a unicorn named Lumina discovered a hidden pool."}"""));
        assertThat(body.get("truncation").asText()).isEqualTo("disabled");
        assertThat(body.get("model").asText()).isEqualTo("ep");
    }

    @Test
    void a_signature_tagged_for_another_caller_is_the_responses_providers_again_when_it_comes_back() {
        ChatResponse fromOpenAi = FORMAT.decodeResponse(json("response-reasoning-tool-call.json"));
        Thinking thinking = (Thinking) fromOpenAi.content().getFirst();
        String forClaude = Signatures.forCaller(thinking.signature().orElseThrow(), fromOpenAi.sourceFormat(),
                AnthropicFormat.INSTANCE);

        assertThat(forClaude).isEqualTo("swb1Resp" + ENCRYPTED);
        assertThat(Signatures.forProvider(forClaude, Optional.of(AnthropicFormat.INSTANCE), FORMAT)).contains(ENCRYPTED);
        assertThat(Signatures.forProvider(forClaude, Optional.of(AnthropicFormat.INSTANCE), AnthropicFormat.INSTANCE))
                .isEmpty();
    }
}
