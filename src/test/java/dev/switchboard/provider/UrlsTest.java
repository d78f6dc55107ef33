package dev.switchboard.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UrlsTest {

    @Test
    void aUrlIsParsedOnceAndTheSameUriComesBack() {
        URI first = Urls.of("https://api.example.test/v1/chat/completions");
        assertThat(first).isEqualTo(URI.create("https://api.example.test/v1/chat/completions"));
        assertThat(Urls.of("https://api.example.test/v1/chat/completions")).isSameAs(first);
    }

    @Test
    void anInvalidUrlThrowsEveryTime() {
        assertThatThrownBy(() -> Urls.of("https://bad host/v1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Urls.of("https://bad host/v1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyDistinctUrlsStillParseCorrectly() {
        for (int i = 0; i < 3000; i++) {
            assertThat(Urls.of("https://host-" + i + ".example.test/v1").getHost()).isEqualTo("host-" + i + ".example.test");
        }
    }
}
