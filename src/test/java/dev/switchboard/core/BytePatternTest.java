package dev.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.provider.SseReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BytePatternTest {

    private static final BytePattern USAGE = BytePattern.of("\"usage\":");

    @Test
    void finds_the_first_occurrence_within_the_range_or_none() {
        byte[] bytes = "xx\"usage\":null,\"usage\":{}".getBytes(StandardCharsets.US_ASCII);
        assertThat(USAGE.indexIn(bytes, 0, bytes.length)).isEqualTo(2);
        assertThat(USAGE.indexIn(bytes, 3, bytes.length)).isEqualTo(15);
        assertThat(USAGE.indexIn(bytes, 3, 22)).isEqualTo(-1);
        assertThat(BytePattern.of("aab").indexIn("aaab".getBytes(StandardCharsets.US_ASCII), 0, 4)).isEqualTo(1);
        assertThat(BytePattern.of("x").indexIn(new byte[0], 0, 0)).isEqualTo(-1);
    }

    @Test
    void only_takes_ascii() {
        assertThatThrownBy(() -> BytePattern.of("é")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BytePattern.of("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_event_has_an_object_field_only_when_the_value_is_an_object() throws IOException {
        assertThat(event("data: {\"usage\":null}\n\n").dataHasObject(USAGE)).isFalse();
        assertThat(event("data: {\"usage\":null,\"x\":1}\n\n").dataHasObject(USAGE)).isFalse();
        assertThat(event("data: {\"usage\": \t{\"total_tokens\":3}}\n\n").dataHasObject(USAGE)).isTrue();
        assertThat(event("data: {\"a\":\"usage\",\n\ndata: x\n\n").dataHasObject(USAGE)).isFalse();
        assertThat(event("data: {\"usage\":null,\ndata: \"usage\":{}}\n\n").dataHasObject(USAGE)).isTrue();
        assertThat(event(": \"usage\":{\ndata: {}\n\n").dataHasObject(USAGE)).as("comments are not data").isFalse();
    }

    @Test
    void an_event_tests_markers_on_its_bytes() throws IOException {
        SseEvent done = event("data: [DONE]\n\n");
        assertThat(done.isDone()).isTrue();
        assertThat(event("data: [DONE] \n\n").isDone()).isFalse();
        assertThat(event("data: {\"error\":{}}\n\n").dataStartsWith("{\"error\"")).isTrue();
        assertThat(event("data: a\ndata: b\n\n").dataBytes()).asString().isEqualTo("a\nb");
    }

    private static SseEvent event(String text) throws IOException {
        return new SseReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).next().orElseThrow();
    }
}
