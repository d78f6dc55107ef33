package dev.switchboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.conformance.Cases.Usage;
import dev.switchboard.conformance.OpenAiWire.Style;
import dev.switchboard.conformance.OpenAiWire.Thoughts;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OpenAI-compatible provider ({@code custom}): {@code POST {api_base}/chat/completions}, thinking
 * as DeepSeek's unsigned {@code reasoning_content}, which it wants back with the calls it came with.
 */
final class OpenAiCompatKind implements OpenAiFormatKind {

    private static final String MODEL = "gpt-4o";
    private static final Style STYLE = new Style(MODEL, Thoughts.REASONING_CONTENT, true, false);

    @Override
    public String id() {
        return "custom";
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public Format format() {
        return Format.OPENAI;
    }

    @Override
    public String callId(int n) {
        return "call_fromOpenAi4" + n;
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
        String body = switch (status) {
            case 401 -> OpenAiBodies.error(message, "invalid_request_error", "invalid_api_key");
            case 404 -> OpenAiBodies.error(message, "invalid_request_error", "model_not_found");
            case 429 -> OpenAiBodies.error(message, "requests", "rate_limit_exceeded");
            default -> status >= 500 ? OpenAiBodies.error(message, "server_error", null)
                    : OpenAiBodies.error(message, "invalid_request_error", "invalid_value");
        };
        Reply.Json reply = Reply.json(status, body);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            reply = reply.header(header.getKey(), header.getValue());
        }
        return reply;
    }

    @Override
    public Reply streamError(List<String> pieces, String message) {
        return OpenAiWire.streamError(pieces, message, STYLE);
    }

    @Override
    public Usage cachedUsage() {
        return Cases.CACHE_READ_USAGE;
    }

    @Override
    public Map<String, String> answerHeaders() {
        return Map.of("x-request-id", "req_conformance_openai", "x-ratelimit-remaining-requests", "59");
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

    @Override
    public void assertWellFormed(Recorded sent) {
        assertThat(sent.bodyJson().has(sent.path().endsWith("/embeddings") ? "input" : "messages"))
                .as("messages or input in %s", sent).isTrue();
        assertThat(sent.header("Authorization")).as("bearer key in %s", sent)
                .hasValue("Bearer " + ConformanceGateway.key(this));
    }

    /** OpenAI's rules, and DeepSeek's: the reasoning of a tool-call turn comes back with it. */
    @Override
    public void assertAcceptsHistory(Recorded sent, History history) {
        OpenAiWire.assertAcceptsHistory(sent, history.first(), history.idsKept());
        String reasoning = String.join("", history.first().thoughts().stream().map(Turn.Thought::text).toList());
        JsonNode assistant = sent.bodyJson().path("messages").findParent("tool_calls");
        assertThat(assistant.path("reasoning_content").asText("")).as("reasoning_content sent back in %s", sent)
                .isEqualTo(reasoning);
    }

    @Override
    public List<String> embeddingInputs(Recorded sent) {
        return OpenAiWire.embeddingInputs(sent);
    }

    @Override
    public String toString() {
        return "openai-compatible";
    }
}
