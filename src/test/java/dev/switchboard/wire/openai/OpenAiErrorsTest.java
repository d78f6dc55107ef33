package dev.switchboard.wire.openai;

import static dev.switchboard.wire.openai.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiErrorsTest {

    @ParameterizedTest
    @CsvSource({"400, invalid_request_error", "404, invalid_request_error", "413, invalid_request_error",
            "422, invalid_request_error", "401, authentication_error", "403, permission_error",
            "429, rate_limit_error", "500, api_error", "502, api_error", "503, api_error"})
    void each_status_gets_openais_error_type(int status, String type) {
        assertThat(OpenAiErrors.type(status)).isEqualTo(type);
        assertThat(OpenAiErrors.body(status, "m").path("error").path("type").asText()).isEqualTo(type);
    }

    @Test
    void the_body_has_openais_shape() {
        assertThat(OpenAiErrors.body(400, "'messages' must be a non-empty list")).isEqualTo(parse("""
                {"error": {"message": "'messages' must be a non-empty list", "type": "invalid_request_error",
                 "param": null, "code": null}}"""));
        assertThat(OpenAiErrors.body(404, "no such model", Optional.of("model"), Optional.of("model_not_found"))
                .path("error").path("code").asText()).isEqualTo("model_not_found");
    }

    @Test
    void an_upstream_openai_error_is_read_into_message_type_and_code() {
        var detail = OpenAiErrors.read(parse("""
                {"error": {"message": "Incorrect API key provided: sk-abc***def.", "type": "invalid_request_error",
                 "param": null, "code": "invalid_api_key"}}"""));

        assertThat(detail).hasValueSatisfying(d -> {
            assertThat(d.message()).startsWith("Incorrect API key");
            assertThat(d.type()).contains("invalid_request_error");
            assertThat(d.code()).contains("invalid_api_key");
            assertThat(d.param()).isEmpty();
        });
    }

    @Test
    void other_error_shapes_of_compatible_servers_are_read_and_non_errors_are_not() {
        assertThat(OpenAiErrors.read(parse("{\"error\": \"model not loaded\"}"))).hasValueSatisfying(
                d -> assertThat(d.message()).isEqualTo("model not loaded"));
        assertThat(OpenAiErrors.read(parse("{\"object\": \"error\", \"message\": \"bad\", \"code\": 400}")))
                .hasValueSatisfying(d -> assertThat(d.code()).contains("400"));
        assertThat(OpenAiErrors.read(parse("{\"choices\": []}"))).isEmpty();
        assertThat(OpenAiErrors.read("<html>502</html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
