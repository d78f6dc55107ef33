package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.core.GatewayException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A bad request is a 400 that names the field by its path and never quotes what the caller sent. */
class GeminiRequestErrorsTest {

    private static final String SECRET = "sk-do-not-echo";

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "{}|'contents' must be a non-empty list",
            "{\"contents\": []}|'contents' must be a non-empty list",
            "{\"contents\": \"SECRET\"}|'contents' must be a list",
            "{\"contents\": [{\"role\": \"SECRET\", \"parts\": [{\"text\": \"x\"}]}]}|'contents[0].role' must be 'user' or 'model'",
            "{\"contents\": [{\"parts\": [{\"text\": 7}]}]}|'contents[0].parts[0].text' must be a string",
            "{\"contents\": [{\"parts\": [\"SECRET\"]}]}|'contents[0].parts[0]' must be an object",
            "{\"contents\": [{\"parts\": [{\"inlineData\": {\"data\": \"SECRET\"}}]}]}|'contents[0].parts[0].inlineData.mimeType' is required and must be a string",
            "{\"contents\": [{\"role\": \"model\", \"parts\": [{\"functionCall\": {\"args\": {}}}]}]}|'contents[0].parts[0].functionCall.name' is required and must be a string",
            "{\"contents\": [{\"role\": \"model\", \"parts\": [{\"functionCall\": {\"name\": \"f\", \"args\": \"SECRET\"}}]}]}|'contents[0].parts[0].functionCall.args' must be an object",
            "{\"contents\": [{\"parts\": [{\"functionResponse\": {\"name\": \"f\", \"response\": \"SECRET\"}}]}]}|'contents[0].parts[0].functionResponse.response' must be an object",
            "{\"contents\": [{\"parts\": [{\"text\": \"x\"}]}], \"tools\": [{\"functionDeclarations\": [{\"description\": \"SECRET\"}]}]}|'tools[0].functionDeclarations[0].name' is required and must be a string",
            "{\"contents\": [{\"parts\": [{\"text\": \"x\"}]}], \"toolConfig\": {\"functionCallingConfig\": {\"allowedFunctionNames\": \"SECRET\"}}}|'toolConfig.functionCallingConfig.allowedFunctionNames' must be a list of strings",
            "{\"contents\": [{\"parts\": [{\"text\": \"x\"}]}], \"generationConfig\": {\"temperature\": \"SECRET\"}}|'generationConfig.temperature' must be a number",
            "{\"contents\": [{\"parts\": [{\"text\": \"x\"}]}], \"generationConfig\": {\"max_output_tokens\": 1.5}}|'generationConfig.maxOutputTokens' must be an integer",
            "{\"contents\": [{\"parts\": [{\"text\": \"x\"}]}], \"generationConfig\": {\"thinkingConfig\": {\"thinkingBudget\": \"SECRET\"}}}|'generationConfig.thinkingConfig.thinkingBudget' must be an integer",
            "{\"contents\": [{\"parts\": [{\"text\": \"x\"}]}], \"systemInstruction\": \"SECRET\"}|'systemInstruction' must be an object"})
    void a_bad_field_is_named_and_not_quoted(String body, String message) {
        var thrown = catchThrowableOfType(GatewayException.InvalidRequest.class,
                () -> GeminiCodec.decodeRequest(parse(body.replace("SECRET", SECRET)), false));

        assertThat(thrown.getMessage()).isEqualTo(message);
        assertThat(thrown.getMessage()).doesNotContain(SECRET);
        assertThat(thrown.status()).isEqualTo(400);
    }

    /** Pass-through's check: the same rule and message as decoding, for a field of the wrong shape. */
    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"contents\": []}", "{\"contents\": \"hi\"}", "{\"contents\": [\"hi\"]}",
            "{\"contents\": [{\"parts\": [{\"text\": \"x\"}]}], \"tools\": \"search\"}",
            "{\"contents\": [{\"parts\": [{\"text\": \"x\"}]}], \"tools\": [3]}",
            "{\"contents\": [{\"parts\": [{\"text\": \"x\"}]}], \"systemInstruction\": \"x\"}",
            "{\"contents\": [{\"parts\": [{\"text\": \"x\"}]}], \"generationConfig\": {\"maxOutputTokens\": \"12\"}}",
            "{\"contents\": [{\"parts\": [{\"text\": \"x\"}]}], \"generation_config\": {\"temperature\": \"hot\"}}",
            "{\"contents\": [{\"parts\": [{\"text\": \"x\"}]}], \"toolConfig\": []}"})
    void the_shape_check_refuses_a_field_of_the_wrong_shape_as_decoding_does(String body) {
        var decoding = catchThrowableOfType(GatewayException.InvalidRequest.class,
                () -> GeminiCodec.decodeRequest(parse(body), false));

        assertThatThrownBy(() -> GeminiCodec.checkShape(parse(body)))
                .isInstanceOf(GatewayException.InvalidRequest.class).hasMessage(decoding.getMessage());
    }

    /** What the codec cannot translate is Gemini's to judge in pass-through; a single content object is a list of one. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"contents\": [{\"role\": \"narrator\", \"parts\": [{\"text\": \"x\"}]}]}",
            "{\"contents\": {\"parts\": [{\"inlineData\": {\"data\": \"x\"}}]}}"})
    void the_shape_check_passes_content_only_the_provider_may_know(String body) {
        assertThatThrownBy(() -> GeminiCodec.decodeRequest(parse(body), false)).isInstanceOf(GatewayException.InvalidRequest.class);
        assertThatCode(() -> GeminiCodec.checkShape(parse(body))).doesNotThrowAnyException();
    }
}
