package dev.switchboard.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a raw proxy call asks for, read from the provider's part of its path only. */
class OperationTest {

    @Test
    void the_providers_usual_paths_name_the_operation() {
        assertThat(Operation.ofProxyPath("/gateway/proxy/gpt/v1/chat/completions")).hasValue(Operation.CHAT);
        assertThat(Operation.ofProxyPath("/gateway/proxy/claude/v1/messages")).hasValue(Operation.CHAT);
        assertThat(Operation.ofProxyPath("/gateway/proxy/claude/v1/messages/count_tokens"))
                .hasValue(Operation.COUNT_TOKENS);
        assertThat(Operation.ofProxyPath("/gateway/proxy/gem/v1beta/models/gemini-2.0-flash:streamGenerateContent"))
                .hasValue(Operation.CHAT);
        assertThat(Operation.ofProxyPath("/gateway/proxy/emb/v1/embeddings")).hasValue(Operation.EMBEDDINGS);
    }

    @Test
    void the_endpoints_name_is_not_read() {
        assertThat(Operation.ofProxyPath("/gateway/proxy/embedder/v1/files")).isEmpty();
        assertThat(Operation.ofProxyPath("/gateway/proxy/chat")).isEmpty();
    }
}
