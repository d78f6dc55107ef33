package dev.switchboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.conformance.Cases.Usage;
import dev.switchboard.conformance.OpenAiWire.Style;
import dev.switchboard.conformance.OpenAiWire.Thoughts;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Mistral: OpenAI's format at {@code {api_base}/chat/completions} with Mistral's field rules. It
 * refuses fields it does not know (422 {@code extra_forbidden}: {@code max_completion_tokens},
 * {@code stream_options}, {@code seed}, {@code top_k}, an assistant's {@code reasoning_content}...),
 * takes {@code max_tokens} and {@code random_seed}, writes thinking as content chunks of type
 * {@code thinking}, ends every stream with the usage in its finish chunk, and answers errors as
 * {@code {"object": "error", "message", "type", "param", "code"}}.
 */
final class MistralKind implements OpenAiFormatKind {

    private static final String MODEL = "mistral-medium-latest";
    private static final Style STYLE = new Style(MODEL, Thoughts.THINKING_CHUNKS, false, false);
    /** The request fields of Mistral's chat completions reference. */
    private static final Set<String> FIELDS = Set.of("model", "messages", "temperature", "top_p", "max_tokens",
            "stream", "stop", "random_seed", "response_format", "tools", "tool_choice", "presence_penalty",
            "frequency_penalty", "n", "prediction", "parallel_tool_calls", "prompt_mode", "safe_prompt",
            "reasoning_effort");
    private static final Set<String> ASSISTANT_FIELDS = Set.of("role", "content", "tool_calls", "prefix", "name");

    @Override
    public String id() {
        return "mistral";
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public Format format() {
        return Format.OPENAI;
    }

    /** Mistral's table entry has {@code chat_translated}: its thinking chunks and stream usage are read, then written in the caller's grammar. */
    @Override
    public boolean passesChatThrough() {
        return false;
    }

    @Override
    public String callId(int n) {
        return "Mist0ral" + n;
    }

    @Override
    public Optional<String> thinkingSignature() {
        return Optional.empty();
    }

    @Override
    public Reply reply(Turn turn, Mode mode) {
        return OpenAiWire.reply(turn, mode, STYLE);
    }

    @Override
    public Reply error(int status, String message, Map<String, String> headers) {
        ObjectNode body = Cases.object().put("object", "error").put("message", message)
                .put("type", status >= 500 ? "internal_error" : "invalid_request_error").putNull("param")
                .put("code", Integer.toString(status));
        Reply.Json reply = Reply.json(status, body.toString());
        for (Map.Entry<String, String> header : headers.entrySet()) {
            reply = reply.header(header.getKey(), header.getValue());
        }
        return reply;
    }

    @Override
    public Reply streamError(List<String> pieces, String message) {
        return OpenAiWire.streamError(pieces, message, STYLE);
    }

    /** Mistral's usage has no cache counts; the matrix declares no cell that asks for them. */
    @Override
    public Usage cachedUsage() {
        return Cases.USAGE;
    }

    @Override
    public Map<String, String> answerHeaders() {
        return Map.of();
    }

    @Override
    public Reply embeddings(int count, int dims) {
        return Reply.json(OpenAiBodies.embeddings(count, dims));
    }

    @Override
    public String upstreamPath(boolean stream) {
        return "/chat/completions";
    }

    @Override
    public String embeddingsPath() {
        return "/embeddings";
    }

    @Override
    public String model(Recorded sent) {
        return sent.bodyJson().path("model").asText();
    }

    @Override
    public boolean streamed(Recorded sent) {
        return sent.bodyJson().path("stream").asBoolean(false);
    }

    /** No field Mistral does not know, at the top or in an assistant message. */
    @Override
    public void assertWellFormed(Recorded sent) {
        assertThat(sent.header("Authorization")).as("bearer key").hasValue("Bearer " + ConformanceGateway.key(this));
        if (sent.path().endsWith("/embeddings")) {
            return;
        }
        List<String> fields = new ArrayList<>();
        sent.bodyJson().fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("fields Mistral refuses (422 extra_forbidden) in %s", sent).isSubsetOf(FIELDS);
        for (JsonNode message : sent.bodyJson().path("messages")) {
            if (message.path("role").asText().equals("assistant")) {
                List<String> assistant = new ArrayList<>();
                message.fieldNames().forEachRemaining(assistant::add);
                assertThat(assistant).as("assistant fields Mistral refuses in %s", sent).isSubsetOf(ASSISTANT_FIELDS);
            }
        }
    }

    @Override
    public void assertAcceptsHistory(Recorded sent, History history) {
        OpenAiWire.assertAcceptsHistory(sent, history.first(), history.idsKept());
    }

    @Override
    public List<String> embeddingInputs(Recorded sent) {
        return OpenAiWire.embeddingInputs(sent);
    }

    @Override
    public String toString() {
        return "mistral";
    }
}
