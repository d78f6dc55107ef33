package dev.switchboard.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.Credentials;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.WireFormat;
import dev.switchboard.testing.KeyLeaks;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpstreamFailuresTest {

    private static final String KEY = "sk-ant-api03-0123456789abcdef";
    private static final Target TARGET = new Target("d1", "claude", "anthropic", "claude-sonnet-4-5",
            Optional.of(new Credentials(Map.of("api_key", KEY))), Map.of(), Optional.empty());
    /** The provider's format, which reads the message out of the error body. */
    private static final WireFormat FORMAT = AnthropicFormat.INSTANCE;

    /** A provider's answer with a status, headers and a body; remembers whether it was closed. */
    private static final class Answer implements UpstreamResponse {
        private final int status;
        private final Map<String, String> headers;
        private final byte[] body;
        private boolean closed;

        Answer(int status, Map<String, String> headers, String body) {
            this.status = status;
            this.headers = headers;
            this.body = body.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int status() {
            return status;
        }

        @Override
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }

        @Override
        public InputStream body() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void an_error_answer_has_the_key_masked_in_its_body_and_its_message_and_is_closed() {
        Answer answer = new Answer(401, Map.of("Content-Type", "application/json"),
                "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key "
                        + KEY + "\"}}");

        GatewayException error = UpstreamFailures.answered(answer, TARGET, FORMAT);

        assertThat(error).isInstanceOf(GatewayException.Upstream.class);
        KeyLeaks.assertNone("the message", error.getMessage(), KEY);
        String body = new String(((GatewayException.Upstream) error).upstreamBodyFor(FORMAT).orElseThrow(),
                StandardCharsets.UTF_8);
        KeyLeaks.assertNone("the body", body, KEY);
        assertThat(error.getMessage()).isEqualTo("invalid x-api-key sk-...cdef");
        assertThat(body).contains("\"message\":\"invalid x-api-key sk-...cdef\"");
        assertThat(error.status()).isEqualTo(401);
        assertThat(answer.closed).isTrue();
    }

    @Test
    void a_redirect_is_a_retryable_502_naming_the_target_and_only_the_host_it_points_to() {
        Answer answer = new Answer(307, Map.of("Location", "https://proxy.example:8443/v1/messages?key=" + KEY), "");

        GatewayException error = UpstreamFailures.answered(answer, TARGET, FORMAT);

        assertThat(error).isInstanceOf(GatewayException.UpstreamUnavailable.class);
        assertThat(error.status()).isEqualTo(502);
        assertThat(error.retryable()).isTrue();
        KeyLeaks.assertNone("the message", error.getMessage(), KEY);
        assertThat(error.getMessage()).isEqualTo("anthropic/claude-sonnet-4-5: the provider answered with a redirect "
                + "(HTTP 307) to proxy.example, which the gateway does not follow; check the api_base of its API key");
        assertThat(answer.closed).isTrue();
    }

    @Test
    void a_redirect_without_a_usable_location_says_so_without_an_address() {
        assertThat(redirectTo(Optional.of("/v2/messages")).getMessage()).contains("(HTTP 302) to another path on the same host,");
        assertThat(redirectTo(Optional.empty()).getMessage()).contains("(HTTP 302) without a Location,");
        assertThat(redirectTo(Optional.of("https://bad host/x")).getMessage())
                .contains("(HTTP 302) to an address that is not a valid URL,");
    }

    private static GatewayException redirectTo(Optional<String> location) {
        return UpstreamFailures.answered(new Answer(302, location.map(l -> Map.of("Location", l)).orElse(Map.of()), ""),
                TARGET, FORMAT);
    }
}
