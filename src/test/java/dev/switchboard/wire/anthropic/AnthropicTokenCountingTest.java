package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.Fixtures.json;
import static dev.switchboard.wire.anthropic.Fixtures.parse;
import static dev.switchboard.wire.anthropic.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Message;
import dev.switchboard.core.Operation;
import dev.switchboard.core.Role;
import dev.switchboard.core.WireFormat;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import org.junit.jupiter.api.Test;

/** Anthropic's count_tokens against the canonical model, both ways. */
class AnthropicTokenCountingTest {

    private static final WireFormat.TokenCounting COUNTING = AnthropicFormat.INSTANCE.tokenCounting().orElseThrow();

    @Test
    void counts_with_messages_count_tokens() {
        assertThat(COUNTING.operation()).isEqualTo(Operation.COUNT_MESSAGE_TOKENS);
    }

    @Test
    void a_count_request_has_no_max_tokens_though_a_messages_request_must() {
        ObjectNode body = (ObjectNode) json("count-tokens-request.json");

        COUNTING.checkShape(body);
        ChatRequest request = COUNTING.decodeRequest(body);

        assertThat(request.messages()).containsExactly(Message.of(Role.SYSTEM, "You are a scientist"),
                Message.of(Role.USER, "Hello, Claude"));
        assertThat(request.sampling().maxTokens()).isEmpty();
        assertThatThrownBy(() -> AnthropicFormat.INSTANCE.checkShape(body))
                .isInstanceOf(GatewayException.InvalidRequest.class).hasMessageContaining("max_tokens");
    }

    @Test
    void a_malformed_count_request_is_a_400_naming_the_field() {
        assertThatThrownBy(() -> COUNTING.checkShape((ObjectNode) parse("{\"model\": \"m\", \"messages\": \"hi\"}")))
                .isInstanceOf(GatewayException.InvalidRequest.class).hasMessageContaining("messages");
        assertThatThrownBy(() -> COUNTING.checkShape((ObjectNode) parse(
                "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"max_tokens\": -1}")))
                .isInstanceOf(GatewayException.InvalidRequest.class).hasMessageContaining("max_tokens");
    }

    @Test
    void a_translated_request_keeps_only_what_count_tokens_takes() {
        ChatRequest request = OpenAiChatFormat.INSTANCE.decodeRequest((ObjectNode) parse("""
                {"model": "gpt", "max_tokens": 50, "temperature": 0.2, "stream": true, "user": "u-1",
                 "messages": [{"role": "system", "content": "Be brief"}, {"role": "user", "content": "Weather?"}],
                 "tools": [{"type": "function", "function": {"name": "get_weather",
                   "parameters": {"type": "object", "properties": {}}}}]}"""), true);

        JsonNode sent = wire(COUNTING.encodeRequest(request, "claude-sonnet-4-5"));

        assertThat(sent.properties()).extracting(e -> e.getKey())
                .containsExactlyInAnyOrder("model", "system", "messages", "tools");
        assertThat(sent.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(sent.path("system").toString()).contains("Be brief");
        assertThat(sent.at("/tools/0/name").asText()).isEqualTo("get_weather");
    }

    @Test
    void the_count_is_input_tokens() {
        assertThat(COUNTING.decodeCount(json("count-tokens-response.json"))).isEqualTo(14);
        assertThatThrownBy(() -> COUNTING.decodeCount(parse("{\"tokens\": 3}")))
                .isInstanceOf(GatewayException.UpstreamUnavailable.class);
        assertThat(wire(COUNTING.encodeCount(14))).isEqualTo(json("count-tokens-response.json"));
    }

    @Test
    void pass_through_names_the_targets_model() {
        ObjectNode body = (ObjectNode) json("count-tokens-request.json");

        assertThat(COUNTING.passThrough(body, "claude-opus-4-1").path("model").asText()).isEqualTo("claude-opus-4-1");
        assertThat(body).isEqualTo(json("count-tokens-request.json"));
    }
}
