package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.Fixtures.json;
import static dev.switchboard.wire.gemini.Fixtures.parse;
import static dev.switchboard.wire.gemini.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.Message;
import dev.switchboard.core.Role;
import dev.switchboard.core.StopReason;
import dev.switchboard.core.Text;
import dev.switchboard.core.Thinking;
import dev.switchboard.core.Usage;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import dev.switchboard.wire.openai.OpenAiChatCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Gemini requests and responses through the OpenAI codec and back, and signatures across turns. */
class GeminiCrossFormatTest {

    /** A Gemini request through the OpenAI wire format: Gemini → canonical → OpenAI → canonical → Gemini. */
    private static ObjectNode viaOpenAi(JsonNode gemini) {
        ObjectNode openAi = OpenAiChatCodec.encodeRequest(GeminiCodec.decodeRequest(gemini, false), "gpt-4o");
        return GeminiCodec.encodeRequest(OpenAiChatCodec.decodeRequest(wire(openAi)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"request-function-calling.json", "request-system-multiturn.json",
            "request-inline-image.json", "request-json-schema.json"})
    void a_gemini_request_through_the_openai_format_keeps_its_meaning(String fixture) {
        JsonNode original = json(fixture);

        ObjectNode back = viaOpenAi(original);

        assertThat(meaning(wire(back))).isEqualTo(meaning(original));
    }

    @Test
    void through_the_openai_format_tool_calls_and_results_keep_their_pairing_and_images_their_bytes() {
        JsonNode original = json("request-function-calling.json");

        ObjectNode openAi = OpenAiChatCodec.encodeRequest(GeminiCodec.decodeRequest(original, false), "gpt-4o");
        ObjectNode back = viaOpenAi(original);

        assertThat(openAi.at("/messages/1/tool_calls/0/id").asText()).isEqualTo("call_swb0");
        assertThat(openAi.at("/messages/2/role").asText()).isEqualTo("tool");
        assertThat(openAi.at("/messages/2/tool_call_id").asText()).isEqualTo("call_swb0");
        assertThat(openAi.at("/messages/4/tool_call_id").asText()).isEqualTo("call_swb2");
        assertThat(openAi.at("/tool_choice").asText()).isEqualTo("required");
        assertThat(back.get("contents")).hasSize(3);
        assertThat(back.at("/contents/2/parts")).hasSize(3);
        assertThat(back.at("/contents/1/parts/0/thoughtSignature").asText())
                .isEqualTo(GeminiContents.SKIP_SIGNATURE);
        assertThat(back.at("/contents/1/parts/1").has("thoughtSignature")).isFalse();

        JsonNode image = viaOpenAi(json("request-inline-image.json")).at("/contents/0/parts/0/inlineData");
        assertThat(image).isEqualTo(json("request-inline-image.json").at("/contents/0/parts/0/inlineData"));
    }

    @Test
    void thought_signatures_survive_a_gemini_round_trip_byte_for_byte() {
        for (String fixture : List.of("request-function-calling.json", "request-thinking.json")) {
            JsonNode original = json(fixture);
            ObjectNode back = GeminiCodec.encodeRequest(GeminiCodec.decodeRequest(original, false));
            assertThat(signatures(back)).isEqualTo(signatures(original)).isNotEmpty();
        }
    }

    @Test
    void a_signature_from_a_provider_response_reaches_the_provider_again_on_the_next_turn() {
        JsonNode upstream = json("response-function-call.json");
        String signature = upstream.at("/candidates/0/content/parts/0/thoughtSignature").textValue();

        ObjectNode toCaller = GeminiCodec.encodeResponse(GeminiCodec.decodeResponse(upstream), "my-endpoint");
        ObjectNode nextTurn = (ObjectNode) json("request-function-calling.json").deepCopy();
        ((ArrayNode) nextTurn.get("contents")).set(1, toCaller.at("/candidates/0/content").deepCopy());
        ObjectNode toProvider = GeminiCodec.encodeRequest(GeminiCodec.decodeRequest(wire(nextTurn), false));

        assertThat(toCaller.at("/candidates/0/content/parts/0/thoughtSignature").textValue()).isEqualTo(signature);
        assertThat(toProvider.at("/contents/1/parts/0/thoughtSignature").textValue()).isEqualTo(signature);
    }

    @Test
    void another_providers_signed_thinking_goes_to_a_gemini_caller_tagged_and_comes_back_intact() {
        String signature = "EqQBCkgIARABGAIiQL2h+w/9jG6bJ1aQ==";
        ChatResponse anthropic = new ChatResponse("msg_01", Optional.of("claude-sonnet-4"),
                List.of(new ChatResponse.Choice(List.of(new Thinking("Let me think.", Optional.of(signature)),
                        new Text("Done.")), StopReason.END_TURN)), new Usage(10, 20, 0, 0, 0), Map.of(),
                Optional.of(AnthropicFormat.INSTANCE));

        ObjectNode toCaller = GeminiCodec.encodeResponse(anthropic, "my-endpoint");
        ObjectNode next = parse("{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"hi\"}]}]}").deepCopy();
        ((ArrayNode) next.get("contents")).add(toCaller.at("/candidates/0/content"));
        ChatRequest decoded = GeminiCodec.decodeRequest(wire(next), false);

        assertThat(toCaller.at("/candidates/0/content/parts/0")).isEqualTo(parse(
                "{\"text\": \"Let me think.\", \"thought\": true, \"thoughtSignature\": \"swb1Anth" + signature + "\"}"));
        assertThat(decoded.messages().get(1).content().getFirst())
                .isEqualTo(new Thinking("Let me think.", Optional.of("swb1Anth" + signature)));
    }

    @Test
    void signed_thinking_from_another_format_is_not_sent_to_gemini_but_unsigned_thinking_is() {
        ChatRequest request = new ChatRequest(List.of(Message.of(Role.USER, "hi"),
                new Message(Role.ASSISTANT, List.of(new Thinking("signed", Optional.of("anthropic-sig")),
                        new Thinking("plain", Optional.empty()), new Text("answer")))),
                List.of(), Optional.empty(), dev.switchboard.core.Sampling.NONE, Optional.empty(), Optional.empty(),
                false, false, Map.of(), Optional.of(AnthropicFormat.INSTANCE));

        ObjectNode body = GeminiCodec.encodeRequest(request);

        assertThat(body.at("/contents/1/parts")).isEqualTo(parse(
                "[{\"text\": \"plain\", \"thought\": true}, {\"text\": \"answer\"}]"));
    }

    @Test
    void an_openai_request_maps_to_generation_config_and_drops_openai_only_fields() {
        JsonNode openAi = parse("""
                {"model": "gpt-4o", "messages": [{"role": "developer", "content": "Be terse."},
                                                 {"role": "user", "content": "Recipe?"}],
                 "temperature": 0.2, "max_completion_tokens": 500, "n": 2, "seed": 12345678901,
                 "stop": ["a", "b", "c", "d", "e", "f", "g"], "reasoning_effort": "low",
                 "response_format": {"type": "json_schema", "json_schema": {"name": "recipe", "strict": true,
                   "schema": {"type": "object", "properties": {"name": {"type": "string"}}}}},
                 "user": "u-1", "parallel_tool_calls": false}
                """);

        ObjectNode gemini = GeminiCodec.encodeRequest(OpenAiChatCodec.decodeRequest(openAi));

        assertThat(wire(gemini)).isEqualTo(parse("""
                {"systemInstruction": {"parts": [{"text": "Be terse."}]},
                 "contents": [{"role": "user", "parts": [{"text": "Recipe?"}]}],
                 "generationConfig": {"temperature": 0.2, "maxOutputTokens": 500, "candidateCount": 2,
                   "seed": 1608260661, "stopSequences": ["a", "b", "c", "d", "e"],
                   "responseMimeType": "application/json",
                   "responseJsonSchema": {"type": "object", "properties": {"name": {"type": "string"}}},
                   "thinkingConfig": {"thinkingBudget": 1024, "includeThoughts": true}}}
                """));
    }

    @Test
    void an_openai_tool_call_keeps_the_signature_geminis_openai_api_gave_it() {
        JsonNode openAi = parse("""
                {"model": "m", "messages": [{"role": "user", "content": "Weather?"},
                  {"role": "assistant", "content": null, "tool_calls": [{"id": "call_x", "type": "function",
                   "function": {"name": "w", "arguments": "{}"},
                   "extra_content": {"google": {"thought_signature": "c2lnbmF0dXJl"}}}]},
                  {"role": "tool", "tool_call_id": "call_x", "content": "sunny"}],
                 "tools": [{"type": "function", "function": {"name": "w", "parameters": {"type": "object", "properties": {}}}}]}
                """);

        ObjectNode gemini = GeminiCodec.encodeRequest(OpenAiChatCodec.decodeRequest(openAi));

        assertThat(wire(gemini.at("/contents/1/parts/0"))).isEqualTo(parse("""
                {"functionCall": {"id": "call_x", "name": "w", "args": {}}, "thoughtSignature": "c2lnbmF0dXJl"}
                """));
        assertThat(wire(gemini.at("/contents/2/parts/0"))).isEqualTo(parse("""
                {"functionResponse": {"id": "call_x", "name": "w", "response": {"result": "sunny"}}}
                """));
        assertThat(wire(gemini.get("tools"))).isEqualTo(parse("[{\"functionDeclarations\": [{\"name\": \"w\"}]}]"));
    }

    @Test
    void openai_tool_messages_and_the_next_user_message_become_one_user_turn() {
        JsonNode openAi = parse("""
                {"model": "m", "messages": [{"role": "user", "content": "Weather in Paris and Rome?"},
                  {"role": "assistant", "content": null, "tool_calls": [
                    {"id": "call_a", "type": "function", "function": {"name": "w", "arguments": "{\\"city\\": \\"Paris\\"}"}},
                    {"id": "call_b", "type": "function", "function": {"name": "w", "arguments": "{\\"city\\": \\"Rome\\"}"}}]},
                  {"role": "tool", "tool_call_id": "call_a", "content": "{\\"temp\\": 18}"},
                  {"role": "tool", "tool_call_id": "call_b", "content": "sunny, 24C"},
                  {"role": "user", "content": "Thanks, and tomorrow?"}]}
                """);

        ObjectNode gemini = GeminiCodec.encodeRequest(OpenAiChatCodec.decodeRequest(openAi));

        assertThat(gemini.get("contents")).extracting(c -> c.get("role").asText()).containsExactly("user", "model", "user");
        assertThat(wire(gemini.at("/contents/2/parts"))).isEqualTo(parse("""
                [{"functionResponse": {"id": "call_a", "name": "w", "response": {"temp": 18}}},
                 {"functionResponse": {"id": "call_b", "name": "w", "response": {"result": "sunny, 24C"}}},
                 {"text": "Thanks, and tomorrow?"}]
                """));
        assertThat(wire(gemini.at("/contents/1/parts/0"))).isEqualTo(parse("""
                {"functionCall": {"id": "call_a", "name": "w", "args": {"city": "Paris"}},
                 "thoughtSignature": "skip_thought_signature_validator"}
                """));
    }

    @Test
    void a_gemini_response_encoded_for_an_openai_caller_keeps_text_calls_and_reasoning_usage() {
        ChatResponse response = GeminiCodec.decodeResponse(json("response-function-call.json"));

        ObjectNode openAi = OpenAiChatCodec.encodeResponse(response, "my-endpoint", 1700000000);

        assertThat(openAi.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(openAi.at("/choices/0/message/tool_calls")).hasSize(3);
        assertThat(parse(openAi.at("/choices/0/message/tool_calls/2/function/arguments").asText()))
                .isEqualTo(parse("{\"brightness\": 0.5}"));
        assertThat(openAi.at("/usage/completion_tokens").asLong()).isEqualTo(34 + 113);
        assertThat(openAi.at("/usage/completion_tokens_details/reasoning_tokens").asLong()).isEqualTo(113);
        assertThat(openAi.at("/usage/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(64);
    }

    /**
     * What a request means, read from its JSON: system text, each turn's role and parts (text, inline
     * bytes, file URI, call name and arguments, response name and body), function declarations with
     * their JSON schema, the calling mode and the generation config. Signatures, ids, built-in tools
     * and file MIME types (which the OpenAI format cannot carry for URLs) are left out.
     */
    private static List<Object> meaning(JsonNode body) {
        List<Object> out = new ArrayList<>();
        for (JsonNode part : body.path("systemInstruction").path("parts")) {
            out.add(List.of("system", part.path("text")));
        }
        for (JsonNode content : body.path("contents")) {
            List<Object> turn = new ArrayList<>();
            turn.add(content.path("role").asText("user"));
            for (JsonNode part : content.path("parts")) {
                if (part.has("text")) {
                    turn.add(List.of("text", part.get("text")));
                } else if (part.has("inlineData")) {
                    turn.add(List.of("inline", part.at("/inlineData/mimeType"), part.at("/inlineData/data")));
                } else if (part.has("fileData")) {
                    turn.add(List.of("file", part.at("/fileData/fileUri")));
                } else if (part.has("functionCall")) {
                    turn.add(List.of("call", part.at("/functionCall/name"), part.at("/functionCall/args")));
                } else if (part.has("functionResponse")) {
                    turn.add(List.of("response", part.at("/functionResponse/name"),
                            part.at("/functionResponse/response")));
                }
            }
            out.add(turn);
        }
        for (JsonNode tool : body.path("tools")) {
            for (JsonNode declaration : tool.path("functionDeclarations")) {
                JsonNode schema = declaration.has("parametersJsonSchema") ? declaration.get("parametersJsonSchema")
                        : declaration.path("parameters");
                out.add(List.of("tool", declaration.path("name"), declaration.path("description"), schema));
            }
        }
        out.add(List.of("mode", body.at("/toolConfig/functionCallingConfig/mode")));
        out.add(List.of("config", body.path("generationConfig")));
        return out;
    }

    private static List<String> signatures(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.findValues("thoughtSignature").forEach(s -> out.add(s.textValue()));
        return out;
    }
}
