package dev.switchboard.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.GatewayException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpstreamResponseTest {

    @Test
    void readsABodyOfItsContentLength() {
        byte[] body = bytes(900);
        assertThat(response(body, "900").readAll(1000)).isEqualTo(body);
    }

    @Test
    void readsAChunkedBodyOfManySteps() {
        byte[] body = bytes(3 * UpstreamResponse.CHUNKED_READ + 17);
        assertThat(response(body, null).readAll(1 << 20)).isEqualTo(body);
        assertThat(response(new byte[0], null).readAll(10)).isEmpty();
    }

    @Test
    void refusesABodyOverTheLimitDeclaredOrNot() {
        assertThatThrownBy(() -> response(bytes(10), "2000").readAll(1000))
                .isInstanceOf(GatewayException.UpstreamUnavailable.class).hasMessageContaining("exceeds 1000 bytes");
        assertThatThrownBy(() -> response(bytes(1001), null).readAll(1000))
                .isInstanceOf(GatewayException.UpstreamUnavailable.class).hasMessageContaining("exceeds 1000 bytes");
        assertThat(response(bytes(1000), null).readAll(1000)).hasSize(1000);
    }

    @Test
    void aBodyShorterThanItsContentLengthIsAFailure() {
        assertThatThrownBy(() -> response(bytes(10), "20").readAll(100))
                .isInstanceOf(GatewayException.UpstreamUnavailable.class).hasMessageContaining("after 10 of its 20");
    }

    @Test
    void anUnreadableContentLengthIsReadAsChunked() {
        byte[] body = bytes(50);
        assertThat(response(body, "fifty").readAll(100)).isEqualTo(body);
    }

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }

    private static UpstreamResponse response(byte[] body, String contentLength) {
        return new UpstreamResponse() {
            @Override
            public int status() {
                return 200;
            }

            @Override
            public Optional<String> header(String name) {
                return name.equalsIgnoreCase("Content-Length") ? Optional.ofNullable(contentLength) : Optional.empty();
            }

            @Override
            public InputStream body() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public void close() {
            }
        };
    }
}
