package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.Usage;
import org.junit.jupiter.api.Test;

/**
 * {@code usageMetadata} as Gemini documents it: {@code promptTokenCount} includes the cached
 * content, {@code toolUsePromptTokenCount} (tool-use prompts) is more input,
 * {@code thoughtsTokenCount} is output reported apart from {@code candidatesTokenCount}. One
 * function reads it for bodies, stream chunks and the pass-through relay.
 */
class GeminiUsageTest {

    private static final JsonNode METADATA = parse("""
            {"promptTokenCount": 100, "cachedContentTokenCount": 40, "toolUsePromptTokenCount": 30,
             "candidatesTokenCount": 20, "thoughtsTokenCount": 50, "totalTokenCount": 200,
             "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 100}]}""");

    @Test
    void tool_use_prompts_count_as_input_thoughts_as_output_and_reasoning_and_the_cache_as_reads() {
        Usage usage = GeminiCodec.usage(METADATA);

        assertThat(usage).isEqualTo(new Usage(130, 70, 40, 0, 50));
        assertThat(usage.total()).isEqualTo(METADATA.get("totalTokenCount").asLong());
    }

    @Test
    void a_body_or_chunk_is_read_the_same_way_and_no_object_is_no_usage() {
        assertThat(GeminiCodec.usageOf(parse("{\"usageMetadata\": " + METADATA + "}")))
                .contains(GeminiCodec.usage(METADATA));
        assertThat(GeminiCodec.usage(parse("null"))).isEqualTo(Usage.NONE);
        assertThat(GeminiCodec.usage(parse("{\"promptTokenCount\": 7}"))).isEqualTo(new Usage(7, 0, 0, 0, 0));
    }
}
