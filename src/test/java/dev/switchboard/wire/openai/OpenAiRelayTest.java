package dev.switchboard.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.Usage;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenAiRelayTest {

    @Test
    void readsTheTopLevelUsageWhereverItStands() {
        Optional<Usage> first = usage("""
                {"usage": {"prompt_tokens": 7, "completion_tokens": 3, "total_tokens": 10},
                 "choices": [{"message": {"content": "hi", "usage": {"prompt_tokens": 999}}}], "id": "x"}""");
        Optional<Usage> last = usage("""
                {"id": "x", "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}}],
                 "usage": {"prompt_tokens": 7, "completion_tokens": 3, "total_tokens": 10}}""");
        assertThat(first).isPresent();
        assertThat(first).isEqualTo(last);
        assertThat(first.get().input()).isEqualTo(7);
        assertThat(first.get().output()).isEqualTo(3);
    }

    @Test
    void noUsageWhenAbsentNullOrNotJson() {
        assertThat(usage("{\"id\": \"x\", \"choices\": []}")).isEmpty();
        assertThat(usage("{\"usage\": null, \"choices\": []}")).isEmpty();
        assertThat(usage("[1, 2]")).isEmpty();
        assertThat(usage("not json")).isEmpty();
        assertThat(usage("{\"choices\": [")).isEmpty();
    }

    private static Optional<Usage> usage(String json) {
        return OpenAiRelay.usage(json.getBytes(StandardCharsets.UTF_8));
    }
}
