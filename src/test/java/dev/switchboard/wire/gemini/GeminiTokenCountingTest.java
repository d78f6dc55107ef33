package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.Fixtures.json;
import static dev.switchboard.wire.gemini.Fixtures.parse;
import static dev.switchboard.wire.gemini.Fixtures.wire;
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
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gemini's countTokens against the canonical model, both ways. */
class GeminiTokenCountingTest {

    private static final WireFormat.TokenCounting COUNTING = GeminiFormat.INSTANCE.tokenCounting().orElseThrow();

    @Test
    void counts_with_countTokens() {
        assertThat(COUNTING.operation()).isEqualTo(Operation.COUNT_TOKENS);
    }

    @Test
    void a_body_of_contents_decodes_to_its_turns() {
        ChatRequest request = COUNTING.decodeRequest((ObjectNode) json("request-count-tokens.json"));

        assertThat(request.messages()).containsExactly(Message.of(Role.USER,
                "The quick brown fox jumps over the lazy dog."));
    }

    @Test
    void a_generate_content_request_decodes_whole_and_wins_over_contents() {
        ObjectNode body = (ObjectNode) json("request-count-tokens-generate-content.json");
        body.set("contents", json("request-count-tokens.json").get("contents"));

        ChatRequest request = COUNTING.decodeRequest(body);

        assertThat(request.messages()).extracting(Message::role).containsExactly(Role.SYSTEM, Role.USER);
        assertThat(request.messages().get(1).text()).isEqualTo("What is the weather in Boston?");
        assertThat(request.tools()).extracting(t -> t.name()).containsExactly("get_weather");
    }

    @Test
    void a_provider_is_sent_a_generate_content_request_naming_its_model() {
        ChatRequest request = COUNTING.decodeRequest((ObjectNode) json("request-count-tokens-generate-content.json"));

        JsonNode sent = wire(COUNTING.encodeRequest(request, "gemini-2.5-flash"));

        JsonNode expected = json("request-count-tokens-generate-content.json").deepCopy();
        ((ObjectNode) expected.get("generateContentRequest")).put("model", "models/gemini-2.5-flash");
        assertThat(sent).isEqualTo(expected);
    }

    @Test
    void pass_through_names_the_targets_model_inside_a_generate_content_request_only() {
        ObjectNode generate = (ObjectNode) json("request-count-tokens-generate-content.json");
        ObjectNode contents = (ObjectNode) json("request-count-tokens.json");

        assertThat(COUNTING.passThrough(generate, "gemini-2.5-pro").at("/generateContentRequest/model").asText())
                .isEqualTo("models/gemini-2.5-pro");
        assertThat(COUNTING.passThrough(contents, "gemini-2.5-pro")).isEqualTo(json("request-count-tokens.json"));
        assertThat(generate).isEqualTo(json("request-count-tokens-generate-content.json"));
    }

    @Test
    void the_count_is_total_tokens_and_a_missing_one_is_zero_as_google_leaves_zeros_out() {
        assertThat(COUNTING.decodeCount(json("response-count-tokens.json"))).isEqualTo(10);
        assertThat(COUNTING.decodeCount(parse("{}"))).isZero();
        assertThatThrownBy(() -> COUNTING.decodeCount(parse("[]")))
                .isInstanceOf(GatewayException.UpstreamUnavailable.class);
        assertThatThrownBy(() -> COUNTING.decodeCount(parse("{\"totalTokens\": \"ten\"}")))
                .isInstanceOf(GatewayException.UpstreamUnavailable.class);
        assertThat(wire(COUNTING.encodeCount(42))).isEqualTo(parse("{\"totalTokens\": 42}"));
    }

    @Test
    void a_count_request_needs_contents_or_a_generate_content_request() {
        assertThatThrownBy(() -> COUNTING.checkShape((ObjectNode) parse("{}")))
                .isInstanceOf(GatewayException.InvalidRequest.class).hasMessageContaining("'contents'");
        assertThatThrownBy(() -> COUNTING.checkShape((ObjectNode) parse("{\"generateContentRequest\": []}")))
                .isInstanceOf(GatewayException.InvalidRequest.class)
                .hasMessageContaining("'generateContentRequest' must be an object");
        assertThat(List.of("request-count-tokens.json", "request-count-tokens-generate-content.json"))
                .allSatisfy(name -> COUNTING.checkShape((ObjectNode) json(name)));
    }
}
