package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.core.GatewayException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A malformed caller request is a 400 that names the field and never quotes what the caller sent. */
class AnthropicRequestErrorsTest {

    private static final String OK = "\"messages\": [{\"role\": \"user\", \"content\": \"SECRET-TEXT\"}]";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            no max_tokens                   | {"model": "m", MESSAGES}                                                   | 'max_tokens' is required
            max_tokens as text              | {"max_tokens": "SECRET-TEXT", MESSAGES}                                    | 'max_tokens' must be an integer
            negative max_tokens             | {"max_tokens": -1, MESSAGES}                                               | 'max_tokens' must not be negative
            no messages                     | {"max_tokens": 10}                                                         | 'messages' must be a non-empty list
            a system role in messages       | {"max_tokens": 10, "messages": [{"role": "system", "content": "SECRET-TEXT"}]} | 'messages[0].role' must be one of user, assistant
            content of the wrong shape      | {"max_tokens": 10, "messages": [{"role": "user", "content": 7}]}           | 'messages[0].content' must be a string or a list
            an unknown block type           | {"max_tokens": 10, "messages": [{"role": "user", "content": [{"type": "SECRET-TEXT"}]}]} | 'messages[0].content[0].type' must be one of document, image, text, tool_result
            a tool_use in a user turn       | {"max_tokens": 10, "messages": [{"role": "user", "content": [{"type": "tool_use", "id": "a", "name": "b", "input": {}}]}]} | 'messages[0].content[0].type' must be one of
            an image without source         | {"max_tokens": 10, "messages": [{"role": "user", "content": [{"type": "image"}]}]} | 'messages[0].content[0].source' is required
            an unknown image source         | {"max_tokens": 10, "messages": [{"role": "user", "content": [{"type": "image", "source": {"type": "text", "data": "SECRET-TEXT"}}]}]} | 'messages[0].content[0].source.type' must be one of base64, url, file
            thinking without signature      | {"max_tokens": 10, "messages": [{"role": "assistant", "content": [{"type": "thinking", "thinking": "SECRET-TEXT"}]}]} | 'messages[0].content[0].signature' is required
            a tool_result without id        | {"max_tokens": 10, "messages": [{"role": "user", "content": [{"type": "tool_result", "content": "SECRET-TEXT"}]}]} | 'messages[0].content[0].tool_use_id' is required
            a system of the wrong shape     | {"max_tokens": 10, "system": 3, MESSAGES}                                   | 'system' must be a string or a list of text blocks
            a server tool                   | {"max_tokens": 10, "tools": [{"type": "web_search_20250305", "name": "web_search"}], MESSAGES} | 'tools[0].type' must be 'custom'
            a tool without schema           | {"max_tokens": 10, "tools": [{"name": "f"}], MESSAGES}                      | 'tools[0].input_schema' is required
            an unknown tool_choice          | {"max_tokens": 10, "tool_choice": {"type": "SECRET-TEXT"}, MESSAGES}        | 'tool_choice.type' must be one of auto, any, tool, none
            a named tool_choice without name | {"max_tokens": 10, "tool_choice": {"type": "tool"}, MESSAGES}              | 'tool_choice.name' is required
            thinking without budget         | {"max_tokens": 10, "thinking": {"type": "enabled"}, MESSAGES}               | 'thinking.budget_tokens' is required
            an unknown thinking type        | {"max_tokens": 10, "thinking": {"type": "SECRET-TEXT"}, MESSAGES}           | 'thinking.type' must be one of enabled, adaptive, disabled
            an unknown output format        | {"max_tokens": 10, "output_config": {"format": {"type": "SECRET-TEXT"}}, MESSAGES} | 'output_config.format.type' must be 'json_schema'
            stop_sequences of numbers       | {"max_tokens": 10, "stop_sequences": [1], MESSAGES}                         | 'stop_sequences[0]' must be a string
            temperature as text             | {"max_tokens": 10, "temperature": "SECRET-TEXT", MESSAGES}                  | 'temperature' must be a number
            """)
    void a_malformed_request_is_a_400_naming_the_field(String what, String body, String expected) {
        var error = catchThrowableOfType(GatewayException.InvalidRequest.class,
                () -> AnthropicCodec.decodeRequest(parse(body.replace("MESSAGES", OK))));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.getMessage()).startsWith(expected).doesNotContain("SECRET-TEXT");
    }

    /** Pass-through's check: the same rule and message as decoding, for a field of the wrong shape. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"model\": \"m\", MESSAGES}", "{\"max_tokens\": \"12\", MESSAGES}",
            "{\"max_tokens\": 10}", "{\"max_tokens\": 10, \"messages\": {\"role\": \"user\", \"content\": \"x\"}}",
            "{\"max_tokens\": 10, \"messages\": [3]}", "{\"max_tokens\": 10, \"system\": 3, MESSAGES}",
            "{\"max_tokens\": 10, \"system\": [\"x\"], MESSAGES}", "{\"max_tokens\": 10, \"tools\": {}, MESSAGES}",
            "{\"max_tokens\": 10, \"stream\": \"yes\", MESSAGES}", "{\"max_tokens\": 10, \"temperature\": \"hot\", MESSAGES}",
            "{\"max_tokens\": 10, \"thinking\": true, MESSAGES}"})
    void the_shape_check_refuses_a_field_of_the_wrong_shape_as_decoding_does(String body) {
        var decoding = catchThrowableOfType(GatewayException.InvalidRequest.class,
                () -> AnthropicCodec.decodeRequest(parse(body.replace("MESSAGES", OK))));

        assertThatThrownBy(() -> AnthropicCodec.checkShape(parse(body.replace("MESSAGES", OK))))
                .isInstanceOf(GatewayException.InvalidRequest.class).hasMessage(decoding.getMessage());
    }

    /** What the codec cannot translate (server tools, new block types) is Anthropic's to judge in pass-through. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"max_tokens\": 10, \"tools\": [{\"type\": \"web_search_20250305\", \"name\": \"web_search\"}], MESSAGES}",
            "{\"max_tokens\": 10, \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"search_result\"}]}]}",
            "{\"max_tokens\": 10, \"thinking\": {\"type\": \"interleaved\"}, MESSAGES}"})
    void the_shape_check_passes_content_only_the_provider_may_know(String body) {
        assertThatThrownBy(() -> AnthropicCodec.decodeRequest(parse(body.replace("MESSAGES", OK))))
                .isInstanceOf(GatewayException.InvalidRequest.class);
        assertThatCode(() -> AnthropicCodec.checkShape(parse(body.replace("MESSAGES", OK)))).doesNotThrowAnyException();
    }
}
