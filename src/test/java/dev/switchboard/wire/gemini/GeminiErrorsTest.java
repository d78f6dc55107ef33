package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeminiErrorsTest {

    @ParameterizedTest
    @CsvSource({"400, INVALID_ARGUMENT", "401, UNAUTHENTICATED", "403, PERMISSION_DENIED", "404, NOT_FOUND",
            "429, RESOURCE_EXHAUSTED", "500, INTERNAL", "503, UNAVAILABLE", "504, DEADLINE_EXCEEDED",
            "502, UNAVAILABLE", "409, ABORTED", "418, FAILED_PRECONDITION", "599, INTERNAL"})
    void an_http_status_becomes_googles_status_name(int status, String name) {
        assertThat(GeminiErrors.body(status, "Something went wrong.")).isEqualTo(parse(
                "{\"error\": {\"code\": " + status + ", \"message\": \"Something went wrong.\", \"status\": \"" + name + "\"}}"));
    }

    @Test
    void an_upstream_error_body_is_read_with_its_code_and_status() {
        String body = """
                {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.",
                  "status": "INVALID_ARGUMENT",
                  "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID"}]}}
                """;

        assertThat(GeminiErrors.read(body.getBytes(StandardCharsets.UTF_8))).contains(new GeminiErrors.Detail(
                "API key not valid. Please pass a valid API key.", OptionalInt.of(400), Optional.of("INVALID_ARGUMENT")));
    }

    @Test
    void an_error_in_a_json_array_stream_is_read_and_anything_else_is_not_an_error() {
        assertThat(GeminiErrors.read(parse("[{\"error\": {\"code\": 429, \"message\": \"Quota\", \"status\": \"RESOURCE_EXHAUSTED\"}}]")))
                .hasValueSatisfying(d -> assertThat(d.code()).hasValue(429));
        assertThat(GeminiErrors.read(parse("{\"candidates\": []}"))).isEmpty();
        assertThat(GeminiErrors.read("<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
