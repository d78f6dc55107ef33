package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_chat_completion_carries_the_text_and_usage() throws Exception {
        JsonNode completion = JSON.readTree(OpenAiBodies.chatCompletion("gpt-4o", "hi", 7, 2));

        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.path("model").asText()).isEqualTo("gpt-4o");
        assertThat(completion.at("/choices/0/message/content").asText()).isEqualTo("hi");
        assertThat(completion.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(completion.at("/usage/total_tokens").asInt()).isEqualTo(9);
    }

    @Test
    void chunks_are_role_then_content_then_finish_then_usage_without_choices() throws Exception {
        List<String> chunks = OpenAiBodies.chunks("gpt-4o", List.of("Hel", "lo"), true);

        assertThat(chunks).hasSize(5);
        List<JsonNode> nodes = chunks.stream().map(OpenAiBodiesTest::parse).toList();
        assertThat(nodes).allSatisfy(n -> assertThat(n.path("object").asText()).isEqualTo("chat.completion.chunk"));
        assertThat(nodes.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(nodes.get(1).at("/choices/0/delta/content").asText()).isEqualTo("Hel");
        assertThat(nodes.get(2).at("/choices/0/delta/content").asText()).isEqualTo("lo");
        assertThat(nodes.get(3).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(nodes.get(4).path("choices")).isEmpty();
        assertThat(nodes.get(4).at("/usage/completion_tokens").asInt()).isEqualTo(2);
    }

    @Test
    void chunks_without_usage_end_with_the_finish_chunk() {
        List<String> chunks = OpenAiBodies.chunks("gpt-4o", List.of("x"), false);

        assertThat(chunks).hasSize(3);
        assertThat(parse(chunks.get(2)).has("usage")).isFalse();
    }

    @Test
    void embeddings_and_errors_have_openai_shapes() throws Exception {
        JsonNode embeddings = JSON.readTree(OpenAiBodies.embeddings(2, 4));
        JsonNode error = JSON.readTree(OpenAiBodies.error("bad key", "invalid_request_error", "invalid_api_key"));

        assertThat(embeddings.path("data")).hasSize(2);
        assertThat(embeddings.at("/data/1/index").asInt()).isEqualTo(1);
        assertThat(embeddings.at("/data/1/embedding")).hasSize(4);
        assertThat(error.at("/error/message").asText()).isEqualTo("bad key");
        assertThat(error.at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.at("/error/code").asText()).isEqualTo("invalid_api_key");
        assertThat(error.at("/error/param").isNull()).isTrue();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }
}
