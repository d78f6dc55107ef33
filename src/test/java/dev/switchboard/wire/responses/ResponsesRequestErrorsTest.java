package dev.switchboard.wire.responses;

import static dev.switchboard.wire.responses.Fixtures.FORMAT;
import static dev.switchboard.wire.responses.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.GatewayException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A malformed request is a 400 naming the field by its OpenAI-style path, from {@code checkShape}
 * (pass-through too) or from decoding; what only OpenAI can resolve is refused when translating.
 */
class ResponsesRequestErrorsTest {

    private static final String USER = "{\"role\": \"user\", \"content\": \"hi\"}";

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("{\"input\": 3}", "'input' must be a string or a list of input items"),
                Arguments.of("{\"input\": [" + USER + ", 3]}", "'input[1]' must be an object"),
                Arguments.of("{\"input\": \"x\", \"instructions\": 5}", "'instructions' must be a string"),
                Arguments.of("{\"input\": \"x\", \"tools\": {}}", "'tools' must be a list"),
                Arguments.of("{\"input\": \"x\", \"tool_choice\": 1}", "'tool_choice' must be a string or an object"),
                Arguments.of("{\"input\": \"x\", \"temperature\": \"hot\"}", "'temperature' must be a number"),
                Arguments.of("{\"input\": \"x\", \"top_p\": [1]}", "'top_p' must be a number"),
                Arguments.of("{\"input\": \"x\", \"max_output_tokens\": 1.5}", "'max_output_tokens' must be an integer"),
                Arguments.of("{\"input\": \"x\", \"stream\": \"yes\"}", "'stream' must be a boolean"),
                Arguments.of("{\"input\": \"x\", \"parallel_tool_calls\": 1}", "'parallel_tool_calls' must be a boolean"),
                Arguments.of("{\"input\": \"x\", \"text\": \"json\"}", "'text' must be an object"),
                Arguments.of("{\"input\": \"x\", \"text\": {\"format\": \"json\"}}", "'text.format' must be an object"),
                Arguments.of("{\"input\": \"x\", \"reasoning\": \"high\"}", "'reasoning' must be an object"),
                Arguments.of("{\"input\": \"x\", \"metadata\": []}", "'metadata' must be an object"),
                Arguments.of("{\"input\": \"x\", \"previous_response_id\": 7}", "'previous_response_id' must be a string"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void a_malformed_body_is_refused_by_check_shape_and_by_decoding(String body, String message) {
        assertThat(catchThrowableOfType(GatewayException.InvalidRequest.class,
                () -> FORMAT.checkShape((ObjectNode) parse(body)))).hasMessage(message);
        assertThat(catchThrowableOfType(GatewayException.InvalidRequest.class,
                () -> FORMAT.decodeRequest((ObjectNode) parse(body), false))).hasMessage(message);
    }

    static Stream<Arguments> undecodable() {
        return Stream.of(
                Arguments.of("{\"input\": [{\"role\": \"robot\", \"content\": \"x\"}]}",
                        "'input[0].role' must be one of user, system, developer, assistant"),
                Arguments.of("{\"input\": [{\"content\": \"x\"}]}",
                        "'input[0].role' must be one of user, system, developer, assistant"),
                Arguments.of("{\"input\": [{\"role\": \"user\", \"content\": 42}]}",
                        "'input[0].content' must be a string or a list of content parts"),
                Arguments.of("{\"input\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"a\"}]}]}",
                        "'input[0].content[0].type' must be one of input_text, input_image, input_file"),
                Arguments.of("{\"input\": [{\"role\": \"assistant\", \"content\": [{\"type\": \"input_image\"}]}]}",
                        "'input[0].content[0].type' must be one of output_text, refusal"),
                Arguments.of("{\"input\": [{\"role\": \"user\", \"content\": [{\"type\": \"input_text\", \"text\": 1}]}]}",
                        "'input[0].content[0].text' must be a string"),
                Arguments.of("{\"input\": [{\"role\": \"user\", \"content\": [{\"type\": \"input_image\", \"detail\": \"low\"}]}]}",
                        "'input[0].content[0].image_url' is required and must be a URL or a data URL"),
                Arguments.of("{\"input\": [{\"role\": \"user\", \"content\": [{\"type\": \"input_file\", \"filename\": \"a.pdf\"}]}]}",
                        "'input[0].content[0]' must have a 'file_data' or a 'file_url'"),
                Arguments.of("{\"input\": [{\"type\": \"function_call\", \"name\": \"f\", \"arguments\": \"{}\"}]}",
                        "'input[0].call_id' is required and must be a string"),
                Arguments.of("{\"input\": [{\"type\": \"function_call\", \"call_id\": \"c\", \"arguments\": \"{}\"}]}",
                        "'input[0].name' is required and must be a string"),
                Arguments.of("{\"input\": [{\"type\": \"function_call\", \"call_id\": \"c\", \"name\": \"f\", \"arguments\": 5}]}",
                        "'input[0].arguments' must be a string"),
                Arguments.of("{\"input\": [{\"type\": \"function_call_output\", \"output\": \"x\"}]}",
                        "'input[0].call_id' is required and must be a string"),
                Arguments.of("{\"input\": [{\"type\": \"function_call_output\", \"call_id\": \"c\", \"output\": 3}]}",
                        "'input[0].output' must be a string or a list of content parts"),
                Arguments.of("{\"input\": [{\"type\": \"reasoning\", \"summary\": \"x\"}]}",
                        "'input[0].summary' must be a list"),
                Arguments.of("{\"input\": [{\"type\": \"reasoning\", \"summary\": [{\"type\": \"summary_text\"}]}]}",
                        "'input[0].summary[0].text' is required and must be a string"),
                Arguments.of("{\"input\": [{\"type\": \"reasoning\", \"summary\": [], \"encrypted_content\": 1}]}",
                        "'input[0].encrypted_content' must be a string"),
                Arguments.of("{\"input\": \"x\", \"tools\": [{\"type\": \"function\"}]}",
                        "'tools[0].name' is required and must be a string"),
                Arguments.of("{\"input\": \"x\", \"tool_choice\": \"any\"}",
                        "'tool_choice' must be 'none', 'auto', 'required' or {\"type\": \"function\", \"name\": ...}"),
                Arguments.of("{\"input\": \"x\", \"tool_choice\": {\"type\": \"web_search_preview\"}}",
                        "'tool_choice' must be 'none', 'auto', 'required' or {\"type\": \"function\", \"name\": ...}"),
                Arguments.of("{\"input\": \"x\", \"text\": {\"format\": {\"type\": \"yaml\"}}}",
                        "'text.format.type' must be one of text, json_object, json_schema"),
                Arguments.of("{\"input\": \"x\", \"text\": {\"format\": {\"type\": \"json_schema\", \"schema\": {}}}}",
                        "'text.format.name' is required and must be a string"),
                Arguments.of("{\"input\": \"x\", \"text\": {\"format\": {\"type\": \"json_schema\", \"name\": \"n\"}}}",
                        "'text.format.schema' is required and must be an object"),
                Arguments.of("{\"input\": \"x\", \"reasoning\": {\"effort\": 3}}", "'reasoning.effort' must be a string"));
    }

    @ParameterizedTest
    @MethodSource("undecodable")
    void what_the_codec_cannot_read_is_refused_when_decoding(String body, String message) {
        assertThat(catchThrowableOfType(GatewayException.InvalidRequest.class,
                () -> FORMAT.decodeRequest((ObjectNode) parse(body), false))).hasMessage(message);
    }

    @Test
    void a_stored_conversation_passes_the_shape_check_but_is_refused_when_translating() {
        for (String body : new String[] {"{\"input\": \"more\", \"previous_response_id\": \"resp_1\"}",
                "{\"input\": \"more\", \"conversation\": \"conv_1\"}",
                "{\"input\": \"more\", \"conversation\": {\"id\": \"conv_1\"}}"}) {
            assertThatCode(() -> FORMAT.checkShape((ObjectNode) parse(body))).doesNotThrowAnyException();
            GatewayException.InvalidRequest refused = catchThrowableOfType(GatewayException.InvalidRequest.class,
                    () -> FORMAT.decodeRequest((ObjectNode) parse(body), false));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.getMessage())
                    .contains("only supported when the endpoint's target is an OpenAI Responses provider")
                    .contains("pass-through").contains("send the whole conversation in 'input' instead");
        }
    }

    @Test
    void a_stored_prompt_and_background_mode_are_refused_when_translating() {
        assertThat(catchThrowableOfType(GatewayException.InvalidRequest.class, () -> FORMAT.decodeRequest(
                (ObjectNode) parse("{\"prompt\": {\"id\": \"pmpt_1\"}}"), false)))
                .hasMessageStartingWith("'prompt' names a prompt template stored at OpenAI");
        assertThat(catchThrowableOfType(GatewayException.InvalidRequest.class, () -> FORMAT.decodeRequest(
                (ObjectNode) parse("{\"input\": \"x\", \"background\": true}"), false)))
                .hasMessageStartingWith("'background' mode is only supported when");
        assertThatCode(() -> FORMAT.decodeRequest((ObjectNode) parse("{\"input\": \"x\", \"background\": false}"), false))
                .doesNotThrowAnyException();
    }

    @Test
    void an_item_reference_is_refused_with_what_to_send_instead() {
        String body = "{\"input\": [" + USER + ", {\"type\": \"item_reference\", \"id\": \"msg_1\"}]}";

        assertThatCode(() -> FORMAT.checkShape((ObjectNode) parse(body))).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(GatewayException.InvalidRequest.class,
                () -> FORMAT.decodeRequest((ObjectNode) parse(body), false)))
                .hasMessageStartingWith("'input[1]' is an item_reference")
                .hasMessageContaining("send the item itself in 'input' instead");
    }

    @Test
    void a_file_id_is_refused_since_the_gateway_cannot_read_the_file() {
        for (String part : new String[] {"{\"type\": \"input_image\", \"file_id\": \"file-abc\"}",
                "{\"type\": \"input_file\", \"file_id\": \"file-abc\"}"}) {
            String body = "{\"input\": [{\"role\": \"user\", \"content\": [" + part + "]}]}";
            assertThat(catchThrowableOfType(GatewayException.InvalidRequest.class,
                    () -> FORMAT.decodeRequest((ObjectNode) parse(body), false)))
                    .hasMessageStartingWith("'input[0].content[0].file_id' names a file uploaded to OpenAI")
                    .hasMessageContaining("send the content itself");
        }
    }

    @Test
    void a_built_in_tool_is_refused_naming_it_and_a_strange_type_is_not_quoted() {
        assertThat(catchThrowableOfType(GatewayException.InvalidRequest.class, () -> FORMAT.decodeRequest(
                (ObjectNode) parse("{\"input\": \"x\", \"tools\": [{\"type\": \"function\", \"name\": \"f\"},"
                        + " {\"type\": \"web_search\"}]}"), false)))
                .hasMessageStartingWith("'tools[1].type' is 'web_search', a tool that only OpenAI runs");
        assertThat(catchThrowableOfType(GatewayException.InvalidRequest.class, () -> FORMAT.decodeRequest(
                (ObjectNode) parse("{\"input\": \"x\", \"tools\": [{\"type\": \"sk-secret key!\"}]}"), false)))
                .hasMessageStartingWith("'tools[0].type' is not supported, a tool").hasMessageNotContaining("secret");
        assertThat(catchThrowableOfType(GatewayException.InvalidRequest.class, () -> FORMAT.decodeRequest(
                (ObjectNode) parse("{\"input\": [{\"type\": \"web_search_call\", \"id\": \"ws_1\"}]}"), false)))
                .hasMessageStartingWith("'input[0].type' is 'web_search_call', which this endpoint cannot send");
    }

    @Test
    void check_shape_leaves_items_and_tools_to_the_provider() {
        assertThatCode(() -> FORMAT.checkShape((ObjectNode) parse("""
                {"model": "gpt-5", "input": [{"type": "web_search_call", "id": "ws_1"},
                 {"type": "item_reference", "id": "msg_1"}], "tools": [{"type": "web_search"}],
                 "tool_choice": {"type": "web_search_preview"}, "previous_response_id": "resp_1",
                 "include": ["reasoning.encrypted_content"]}""")))
                .doesNotThrowAnyException();
        assertThat(catchThrowableOfType(GatewayException.InvalidRequest.class,
                () -> FORMAT.checkShape(((ObjectNode) parse("{}")).put("input", 1))))
                .hasMessage("'input' must be a string or a list of input items");
    }
}
