package dev.switchboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Azure OpenAI: OpenAI's format at {@code {api_base}/openai/deployments/{deployment}/chat/completions
 * ?api-version=...}, the key in the {@code api-key} header, errors as {@code {"error": {"code",
 * "message"}}}, streams opened by a chunk of prompt-filter results. It refuses {@code top_k} (400)
 * and returns no reasoning text.
 */
final class AzureKind implements OpenAiFormatKind {

    private static final String MODEL = "gpt-4o-deployment";
    private static final String API_VERSION = "2024-10-21";
    private static final Style STYLE = new Style("gpt-4o-2024-11-20", Thoughts.NONE, true, true);

    @Override
    public String id() {
        return "azure";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("api_version", API_VERSION);
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
        return "call_fromAzure7" + n;
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
        String code = switch (status) {
            case 404 -> "DeploymentNotFound";
            case 400 -> "BadRequest";
            default -> Integer.toString(status);
        };
        ObjectNode body = Cases.object();
        body.putObject("error").put("code", code).put("message", message);
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

    @Override
    public Usage cachedUsage() {
        return Cases.CACHE_READ_USAGE;
    }

    @Override
    public Map<String, String> answerHeaders() {
        return Map.of("x-request-id", "req_conformance_azure", "x-ratelimit-remaining-requests", "59",
                "x-ratelimit-remaining-tokens", "89000");
    }

    @Override
    public Reply embeddings(int count, int dims) {
        return Reply.json(OpenAiBodies.embeddings(count, dims));
    }

    @Override
    public String upstreamPath(boolean stream) {
        return "/openai/deployments/" + MODEL + "/chat/completions?api-version=" + API_VERSION;
    }

    @Override
    public String embeddingsPath() {
        return "/openai/deployments/" + MODEL + "/embeddings?api-version=" + API_VERSION;
    }

    @Override
    public String model(Recorded sent) {
        return sent.bodyJson().path("model").asText();
    }

    @Override
    public boolean streamed(Recorded sent) {
        return sent.bodyJson().path("stream").asBoolean(false);
    }

    /** The key in api-key, and no top_k, which Azure refuses with a 400. */
    @Override
    public void assertWellFormed(Recorded sent) {
        assertThat(sent.header("api-key")).as("api-key header").hasValue(ConformanceGateway.key(this));
        assertThat(sent.header("Authorization")).as("Authorization header").isEmpty();
        assertThat(sent.bodyJson().has("top_k")).as("top_k in %s", sent).isFalse();
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
        return "azure";
    }
}
