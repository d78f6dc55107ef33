package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicErrorsTest {

    @ParameterizedTest
    @CsvSource({"400, invalid_request_error", "422, invalid_request_error", "401, authentication_error",
            "402, billing_error", "403, permission_error", "404, not_found_error", "413, request_too_large",
            "429, rate_limit_error", "500, api_error", "502, api_error", "503, overloaded_error",
            "504, timeout_error", "529, overloaded_error"})
    void each_status_has_anthropics_error_type(int status, String type) {
        assertThat(AnthropicErrors.type(status)).isEqualTo(type);
    }

    @Test
    void the_body_is_anthropics_error_shape() {
        assertThat(AnthropicErrors.body(429, "Slow down")).isEqualTo(parse("""
                {"type": "error", "error": {"type": "rate_limit_error", "message": "Slow down"}}"""));
    }

    @Test
    void an_upstream_error_body_is_read_with_its_type_and_message() {
        byte[] body = """
                {"type": "error", "error": {"type": "not_found_error", "message": "The requested resource could not be found."},
                 "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy"}""".getBytes(StandardCharsets.UTF_8);

        assertThat(AnthropicErrors.read(body)).contains(new AnthropicErrors.Detail("not_found_error",
                "The requested resource could not be found."));
        assertThat(AnthropicErrors.read("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(AnthropicErrors.read(parse("{\"error\": \"text\"}"))).isEmpty();
    }

    @Test
    void a_response_body_that_is_an_error_is_an_upstream_failure_naming_it() {
        var error = org.assertj.core.api.Assertions.catchThrowableOfType(
                dev.switchboard.core.GatewayException.UpstreamUnavailable.class,
                () -> AnthropicCodec.decodeResponse(AnthropicErrors.body(529, "Overloaded")));

        assertThat(error.getMessage()).contains("Overloaded");
    }
}
