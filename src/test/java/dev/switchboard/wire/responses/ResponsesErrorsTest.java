package dev.switchboard.wire.responses;

import static dev.switchboard.wire.responses.Fixtures.FORMAT;
import static dev.switchboard.wire.responses.Fixtures.parse;
import static dev.switchboard.wire.responses.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ErrorFormat;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.SseEvent;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OpenAI's error shape for Responses callers, and the message of a Responses provider's error body. */
class ResponsesErrorsTest {

    private static final ErrorFormat ERRORS = FORMAT.errors();
    private static final String OPENAI_429 = """
            {"error": {"message": "Rate limit reached for gpt-5", "type": "tokens", "param": null,
             "code": "rate_limit_exceeded"}}""";

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void a_gateway_error_is_openais_error_body() {
        assertThat(parse(text(ERRORS.body(new GatewayException.InvalidRequest("'input' must be a list")))))
                .isEqualTo(parse("""
                        {"error": {"message": "'input' must be a list", "type": "invalid_request_error", "param": null,
                         "code": "invalid_parameter_value"}}"""));
        assertThat(parse(text(ERRORS.body(new GatewayException.NotFound("No endpoint 'x'")))).get("error").get("code")
                .asText()).isEqualTo("model_not_found");
        assertThat(ERRORS.contentType()).isEqualTo("application/json");
    }

    @Test
    void a_responses_providers_error_is_relayed_as_it_came_with_its_headers_and_another_formats_is_reshaped() {
        GatewayException.Upstream own = new GatewayException.Upstream(429, "rate limited", FORMAT,
                OPENAI_429.getBytes(StandardCharsets.UTF_8), "application/json",
                Map.of("x-request-id", "req_1", "retry-after", "3"));
        assertThat(text(ERRORS.body(own))).isEqualTo(OPENAI_429);
        assertThat(ERRORS.headers(own)).containsEntry("x-request-id", "req_1").containsEntry("retry-after", "3");

        GatewayException.Upstream claude = new GatewayException.Upstream(529, "Overloaded", AnthropicFormat.INSTANCE,
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"
                        .getBytes(StandardCharsets.UTF_8), "application/json", Map.of("request-id", "r", "retry-after", "1"));
        assertThat(parse(text(ERRORS.body(claude))).get("error").get("type").asText()).isEqualTo("api_error");
        assertThat(ERRORS.headers(claude)).containsOnlyKeys("retry-after");
    }

    @Test
    void the_stream_error_event_has_the_documented_fields_and_the_nested_error_the_sdks_raise_on() {
        SseEvent event = read(ERRORS.streamEvent(new GatewayException.UpstreamTimeout("The provider went quiet")))
                .getFirst();

        assertThat(event.event()).contains("error");
        assertThat(parse(event.data())).isEqualTo(parse("""
                {"type": "error", "code": "temporarily_unavailable", "message": "The provider went quiet", "param": null,
                 "sequence_number": 0,
                 "error": {"message": "The provider went quiet", "type": "api_error", "param": null,
                           "code": "temporarily_unavailable"}}"""));
        assertThat(FORMAT.relay((ObjectNode) parse("{}")).error(event))
                .contains("temporarily_unavailable: The provider went quiet");
    }

    @Test
    void the_message_of_a_providers_error_body_is_read() {
        assertThat(FORMAT.errorMessage(OPENAI_429.getBytes(StandardCharsets.UTF_8))).contains("Rate limit reached for gpt-5");
        assertThat(FORMAT.errorMessage("<html>502</html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void a_done_marker_a_compatible_server_adds_after_the_last_event_is_nothing() {
        assertThat(FORMAT.streamDecoder().decode(read("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8)).getFirst()))
                .isEmpty();
    }
}
