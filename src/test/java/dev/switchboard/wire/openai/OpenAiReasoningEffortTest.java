package dev.switchboard.wire.openai;

import static dev.switchboard.wire.openai.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.wire.anthropic.AnthropicCodec;
import dev.switchboard.wire.gemini.GeminiCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which {@code reasoning_effort} an OpenAI-format provider gets for another format's thinking
 * settings. OpenAI documents none, minimal, low, medium, high and xhigh, and models that do not
 * reason reject the field, so thinking that is off or left to the model sends none.
 */
class OpenAiReasoningEffortTest {

    private static final String MESSAGES = "\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]";

    private static ObjectNode fromAnthropic(String settings) {
        ChatRequest request = AnthropicCodec.decodeRequest(parse("{\"model\": \"m\", \"max_tokens\": 20000, " + settings
                + ", " + MESSAGES + "}"));
        return OpenAiChatCodec.encodeRequest(request, "gpt-4o");
    }

    private static ObjectNode fromGemini(String thinkingConfig) {
        ChatRequest request = GeminiCodec.decodeRequest(parse("""
                {"contents": [{"role": "user", "parts": [{"text": "Hi"}]}],
                 "generationConfig": {"thinkingConfig": %s}}""".formatted(thinkingConfig)), false);
        return OpenAiChatCodec.encodeRequest(request, "gpt-4o");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"thinking\": {\"type\": \"disabled\"}",
            "\"thinking\": {\"type\": \"adaptive\"}"})
    void anthropic_thinking_off_or_adaptive_without_an_effort_sends_no_reasoning_effort(String settings) {
        assertThat(fromAnthropic(settings).has("reasoning_effort")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"thinkingBudget\": 0}", "{\"thinkingBudget\": -1}",
            "{\"thinkingBudget\": 0, \"includeThoughts\": false}"})
    void gemini_thinking_off_or_dynamic_sends_no_reasoning_effort(String thinkingConfig) {
        assertThat(fromGemini(thinkingConfig).has("reasoning_effort")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"thinking\": {\"type\": \"enabled\", \"budget_tokens\": 1024}|low",
            "\"thinking\": {\"type\": \"enabled\", \"budget_tokens\": 8192}|medium",
            "\"thinking\": {\"type\": \"enabled\", \"budget_tokens\": 16000}|high",
            "\"thinking\": {\"type\": \"adaptive\"}, \"output_config\": {\"effort\": \"high\"}|high",
            "\"thinking\": {\"type\": \"adaptive\"}, \"output_config\": {\"effort\": \"max\"}|xhigh"})
    void an_anthropic_budget_or_effort_maps_to_a_documented_reasoning_effort(String settings, String effort) {
        assertThat(fromAnthropic(settings).get("reasoning_effort").asText()).isEqualTo(effort);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"thinkingBudget\": 512}|low", "{\"thinkingBudget\": 4096}|medium",
            "{\"thinkingBudget\": 24576}|high", "{\"thinkingLevel\": \"minimal\"}|minimal"})
    void a_gemini_budget_or_level_maps_to_a_reasoning_effort(String thinkingConfig, String effort) {
        assertThat(fromGemini(thinkingConfig).get("reasoning_effort").asText()).isEqualTo(effort);
    }
}
