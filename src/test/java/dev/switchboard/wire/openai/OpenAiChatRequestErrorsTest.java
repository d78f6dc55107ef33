package dev.switchboard.wire.openai;

import static dev.switchboard.wire.openai.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.core.GatewayException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every malformed request is a 400 whose message names the field by its path. */
class OpenAiChatRequestErrorsTest {

    private static final String HI = "{\"role\": \"user\", \"content\": \"hi\"}";

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("{}", "'messages' must be a non-empty list"),
                Arguments.of("{\"messages\": []}", "'messages' must be a non-empty list"),
                Arguments.of("{\"messages\": \"hi\"}", "'messages' must be a non-empty list"),
                Arguments.of("{\"messages\": [" + HI + ", 3]}", "'messages[1]' must be an object"),
                Arguments.of("{\"messages\": [" + HI + ", " + HI + ", {\"role\": \"robot\", \"content\": \"x\"}]}",
                        "'messages[2].role' must be one of system, developer, user, assistant, tool"),
                Arguments.of("{\"messages\": [{\"content\": \"x\"}]}",
                        "'messages[0].role' must be one of system, developer, user, assistant, tool"),
                Arguments.of("{\"messages\": [{\"role\": \"user\", \"content\": 42}]}",
                        "'messages[0].content' must be a string or a list of content parts"),
                Arguments.of("{\"messages\": [{\"role\": \"user\"}]}",
                        "'messages[0].content' must be a string or a list of content parts"),
                Arguments.of("{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"a\"},"
                        + " {\"type\": \"video\"}]}]}",
                        "'messages[0].content[1].type' must be one of text, image_url, input_audio, file"),
                Arguments.of("{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\","
                        + " \"image_url\": {\"detail\": \"low\"}}]}]}",
                        "'messages[0].content[0].image_url.url' is required and must be a string"),
                Arguments.of("{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": 1}]}]}",
                        "'messages[0].content[0].text' must be a string"),
                Arguments.of("{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"file\", \"file\": {}}]}]}",
                        "'messages[0].content[0].file' must have a 'file_data' or a 'file_id'"),
                Arguments.of("{\"messages\": [" + HI + ", {\"role\": \"tool\", \"content\": \"r\"}]}",
                        "'messages[1].tool_call_id' is required and must be a string"),
                Arguments.of("{\"messages\": [{\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"id\": \"c\","
                        + " \"type\": \"function\", \"function\": {\"name\": \"f\", \"arguments\": 5}}]}]}",
                        "'messages[0].tool_calls[0].function.arguments' must be a string"),
                Arguments.of("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\", \"name\": 3}]}",
                        "'messages[0].name' must be a string"),
                Arguments.of("{\"messages\": [" + HI + "], \"temperature\": \"hot\"}", "'temperature' must be a number"),
                Arguments.of("{\"messages\": [" + HI + "], \"top_p\": [1]}", "'top_p' must be a number"),
                Arguments.of("{\"messages\": [" + HI + "], \"max_tokens\": 1.5}", "'max_tokens' must be an integer"),
                Arguments.of("{\"messages\": [" + HI + "], \"max_completion_tokens\": \"10\"}",
                        "'max_completion_tokens' must be an integer"),
                Arguments.of("{\"messages\": [" + HI + "], \"n\": true}", "'n' must be an integer"),
                Arguments.of("{\"messages\": [" + HI + "], \"seed\": \"x\"}", "'seed' must be an integer"),
                Arguments.of("{\"messages\": [" + HI + "], \"stop\": [1]}", "'stop[0]' must be a string"),
                Arguments.of("{\"messages\": [" + HI + "], \"stop\": {}}", "'stop' must be a string or a list of strings"),
                Arguments.of("{\"messages\": [" + HI + "], \"stream\": \"yes\"}", "'stream' must be a boolean"),
                Arguments.of("{\"messages\": [" + HI + "], \"stream_options\": {\"include_usage\": 1}}",
                        "'stream_options.include_usage' must be a boolean"),
                Arguments.of("{\"messages\": [" + HI + "], \"tools\": {}}", "'tools' must be a list"),
                Arguments.of("{\"messages\": [" + HI + "], \"tools\": [{\"type\": \"function\", \"function\": {}}]}",
                        "'tools[0].function.name' is required and must be a string"),
                Arguments.of("{\"messages\": [" + HI + "], \"tools\": [{\"type\": \"retrieval\"}]}",
                        "'tools[0].type' must be 'function'"),
                Arguments.of("{\"messages\": [" + HI + "], \"tool_choice\": \"sometimes\"}",
                        "'tool_choice' must be 'none', 'auto', 'required' or "
                                + "{\"type\": \"function\", \"function\": {\"name\": ...}}"),
                Arguments.of("{\"messages\": [" + HI + "], \"response_format\": {\"type\": \"xml\"}}",
                        "'response_format.type' must be one of text, json_object, json_schema"),
                Arguments.of("{\"messages\": [" + HI + "], \"response_format\": {\"type\": \"json_schema\","
                        + " \"json_schema\": {\"schema\": {}}}}",
                        "'response_format.json_schema.name' is required and must be a string"),
                Arguments.of("{\"messages\": [" + HI + "], \"reasoning_effort\": 3}", "'reasoning_effort' must be a string"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void a_malformed_request_is_a_400_naming_the_field(String body, String message) {
        var thrown = catchThrowableOfType(GatewayException.InvalidRequest.class,
                () -> OpenAiChatCodec.decodeRequest(parse(body)));

        assertThat(thrown.status()).isEqualTo(400);
        assertThat(thrown.getMessage()).isEqualTo(message);
    }

    /** Pass-through's check: the same rule and message as decoding, for a field of the wrong shape. */
    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "{}", "{\"messages\": []}", "{\"messages\": {\"role\": \"user\", \"content\": \"hi\"}}",
            "{\"messages\": [" + HI + ", 3]}", "{\"messages\": [" + HI + "], \"temperature\": \"hot\"}",
            "{\"messages\": [" + HI + "], \"max_tokens\": \"12\"}", "{\"messages\": [" + HI + "], \"stream\": \"yes\"}",
            "{\"messages\": [" + HI + "], \"stop\": {}}", "{\"messages\": [" + HI + "], \"tools\": {}}",
            "{\"messages\": [" + HI + "], \"tools\": [\"f\"]}", "{\"messages\": [" + HI + "], \"stream_options\": true}",
            "{\"messages\": [" + HI + "], \"response_format\": \"json\"}"})
    void the_shape_check_refuses_a_field_of_the_wrong_shape_as_decoding_does(String body) {
        var decoding = catchThrowableOfType(GatewayException.InvalidRequest.class,
                () -> OpenAiChatCodec.decodeRequest(parse(body)));

        assertThatThrownBy(() -> OpenAiChatCodec.checkShape(parse(body)))
                .isInstanceOf(GatewayException.InvalidRequest.class).hasMessage(decoding.getMessage());
    }

    /** What the codec cannot translate may still be what the provider takes: the shape check leaves it to the provider. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"messages\": [{\"role\": \"narrator\", \"content\": \"x\"}]}",
            "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"video_url\"}]}]}",
            "{\"messages\": [" + HI + "], \"tools\": [{\"type\": \"custom\", \"custom\": {\"name\": \"sql\"}}]}",
            "{\"messages\": [" + HI + "], \"tool_choice\": {\"type\": \"allowed_tools\", \"mode\": \"auto\"}}"})
    void the_shape_check_passes_content_only_the_provider_may_know(String body) {
        assertThatThrownBy(() -> OpenAiChatCodec.decodeRequest(parse(body))).isInstanceOf(GatewayException.InvalidRequest.class);
        assertThatCode(() -> OpenAiChatCodec.checkShape(parse(body))).doesNotThrowAnyException();
    }

    @Test
    void the_error_never_quotes_what_the_caller_sent() {
        var thrown = catchThrowableOfType(GatewayException.InvalidRequest.class,
                () -> OpenAiChatCodec.decodeRequest(parse(
                        "{\"messages\": [{\"role\": \"sk-secret-role\", \"content\": \"my password is hunter2\"}]}")));

        assertThat(thrown.getMessage()).doesNotContain("sk-secret").doesNotContain("hunter2");
    }

    @Test
    void a_body_that_is_not_an_object_is_rejected() {
        var thrown = catchThrowableOfType(GatewayException.InvalidRequest.class,
                () -> OpenAiChatCodec.decodeRequest(parse("[1, 2]")));

        assertThat(thrown.getMessage()).isEqualTo("The request body must be a JSON object");
    }

    @Test
    void explicit_nulls_count_as_absent() {
        var request = OpenAiChatCodec.decodeRequest(parse("{\"messages\": [" + HI + "], \"temperature\": null,"
                + " \"tools\": null, \"stop\": null, \"stream\": null}"));

        assertThat(request.sampling().temperature()).isEmpty();
        assertThat(request.tools()).isEmpty();
        assertThat(request.stream()).isFalse();
    }
}
