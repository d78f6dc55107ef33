package dev.switchboard.provider.openaicompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.Credentials;
import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.Target;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import dev.switchboard.wire.responses.ResponsesFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** How an OpenAI-format provider calls a model the catalog knows as served only by the Responses API. */
class ResponsesOnlyTargetTest {

    private static final CompatDialect DIALECT = new CompatDialect("acme", Optional.of("https://api.acme.test/v1"), "",
            Optional.empty(), false);

    private static Target target(boolean responsesOnly) {
        return new Target("d-1", "def", "acme", "deep-model", Optional.of(new Credentials(Map.of("api_key", "k"))),
                Map.of(), Optional.empty(), OptionalInt.empty(), responsesOnly);
    }

    private static OpenAiCompatProvider provider(boolean speaksResponses) {
        return new OpenAiCompatProvider(DIALECT, RequestEdits.NONE, true,
                speaksResponses ? List.of(ResponsesFormat.INSTANCE) : List.of(), null);
    }

    @Test
    void a_responses_only_model_is_called_through_responses_and_passed_through_only_from_responses_callers() {
        OpenAiCompatProvider openai = provider(true);

        assertThat(openai.chatFormat(target(true))).isSameAs(ResponsesFormat.INSTANCE);
        assertThat(openai.passesThrough(ResponsesFormat.INSTANCE, target(true))).isTrue();
        assertThat(openai.passesThrough(OpenAiChatFormat.INSTANCE, target(true))).isFalse();
        assertThat(openai.passesThrough(AnthropicFormat.INSTANCE, target(true))).isFalse();
    }

    @Test
    void any_other_model_keeps_chat_completions() {
        OpenAiCompatProvider openai = provider(true);

        assertThat(openai.chatFormat(target(false))).isSameAs(OpenAiChatFormat.INSTANCE);
        assertThat(openai.passesThrough(OpenAiChatFormat.INSTANCE, target(false))).isTrue();
        assertThat(openai.passesThrough(ResponsesFormat.INSTANCE, target(false))).isTrue();
    }

    @Test
    void a_provider_without_responses_cannot_serve_it_and_lets_the_next_target_try() {
        OpenAiCompatProvider other = provider(false);

        assertThatThrownBy(() -> other.chatFormat(target(true))).isInstanceOf(GatewayException.Unsupported.class)
                .hasMessageContaining("deep-model").hasMessageContaining("Responses");
        assertThat(other.passesThrough(OpenAiChatFormat.INSTANCE, target(true))).isFalse();
        assertThat(other.passesThrough(ResponsesFormat.INSTANCE, target(true))).isFalse();
    }
}
