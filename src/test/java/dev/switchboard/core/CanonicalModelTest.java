package dev.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CanonicalModelTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void records_copy_their_collections_so_later_changes_do_not_leak_in() {
        List<Content> content = new ArrayList<>(List.of(new Text("a")));
        Message message = new Message(Role.USER, content);
        content.add(new Text("b"));

        assertThat(message.content()).containsExactly(new Text("a"));
        assertThatThrownBy(() -> message.content().add(new Text("c"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void extra_maps_keep_insertion_order_and_refuse_nulls() {
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        for (String key : List.of("zeta", "alpha", "mu", "beta", "omega", "gamma")) {
            extra.put(key, NODES.textNode(key));
        }
        Map<String, JsonNode> withNull = new HashMap<>();
        withNull.put("user", null);

        ChatRequest request = new ChatRequest(List.of(Message.of(Role.USER, "hi")), List.of(), Optional.empty(),
                Sampling.NONE, Optional.empty(), Optional.empty(), false, false, extra);

        assertThat(request.extra().keySet()).containsExactly("zeta", "alpha", "mu", "beta", "omega", "gamma");
        assertThatThrownBy(() -> new Text("x", withNull)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void extras_apply_to_their_source_format_or_to_any_format_when_built_in_code() {
        ChatRequest inCode = ChatRequest.of(List.of(Message.of(Role.USER, "hi")));
        ChatRequest fromOpenAi = new ChatRequest(inCode.messages(), List.of(), Optional.empty(), Sampling.NONE,
                Optional.empty(), Optional.empty(), false, false, Map.of(), Optional.of(OpenAiChatFormat.INSTANCE));

        assertThat(inCode.extraApplies(AnthropicFormat.INSTANCE)).isTrue();
        assertThat(fromOpenAi.extraApplies(OpenAiChatFormat.INSTANCE)).isTrue();
        assertThat(fromOpenAi.extraApplies(AnthropicFormat.INSTANCE)).isFalse();
    }

    @Test
    void a_response_with_one_answer_reads_like_a_single_choice() {
        ChatResponse response = new ChatResponse("id", Optional.empty(), List.of(new Text("hi")), StopReason.END_TURN,
                Usage.NONE, Map.of());

        assertThat(response.choices()).hasSize(1);
        assertThat(response.content()).containsExactly(new Text("hi"));
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.choices().getFirst().message().role()).isEqualTo(Role.ASSISTANT);
    }

    @Test
    void a_response_without_choices_has_no_content_and_an_unknown_stop_reason() {
        ChatResponse response = new ChatResponse("id", Optional.empty(), List.of(), Usage.NONE, Map.of(),
                Optional.empty());

        assertThat(response.content()).isEmpty();
        assertThat(response.stopReason()).isEqualTo(StopReason.UNKNOWN);
    }

    @Test
    void message_text_joins_the_text_blocks_only() {
        Message message = new Message(Role.ASSISTANT, List.of(new Thinking("hmm", Optional.of("sig")), new Text("a"),
                new ToolCall("c", "f", "{}"), new Text("b")));

        assertThat(message.text()).isEqualTo("ab");
    }

    @Test
    void embedding_responses_compare_vector_contents() {
        EmbeddingResponse one = new EmbeddingResponse(List.of(new float[] {1f, 2f}), new Usage(3, 0, 0, 0, 0),
                Optional.of("m"));
        EmbeddingResponse same = new EmbeddingResponse(List.of(new float[] {1f, 2f}), new Usage(3, 0, 0, 0, 0),
                Optional.of("m"));
        EmbeddingResponse other = new EmbeddingResponse(List.of(new float[] {1f, 2.5f}), new Usage(3, 0, 0, 0, 0),
                Optional.of("m"));

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(other);
        assertThat(one.toString()).contains("1 vectors of 2 dimensions");
    }

    @Test
    void thinking_signatures_are_kept_byte_exact() {
        String signature = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds+/=\u0000\n";
        Thinking thinking = new Thinking("t", Optional.of(signature));

        assertThat(thinking.signature()).hasValue(signature);
    }

    @Test
    void reasoning_and_sampling_default_to_the_provider() {
        assertThat(Sampling.NONE.maxTokens()).isEmpty();
        assertThat(Sampling.NONE.stop()).isEmpty();
        assertThat(new Reasoning(Optional.empty(), OptionalInt.of(2048)).budgetTokens()).hasValue(2048);
    }
}
