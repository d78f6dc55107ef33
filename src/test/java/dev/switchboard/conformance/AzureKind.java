package dev.switchboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.conformance.Cases.Declared;
import dev.switchboard.conformance.Cases.Image;
import dev.switchboard.conformance.Cases.ToolTurn;
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
 * and its chat completions return no reasoning text. It also speaks OpenAI's Responses API, at its
 * v1 API {@code {api_base}/openai/v1/responses} (the deployment in {@code model}, no api-version):
 * a request on that path is read, and answered, in that format ({@link ResponsesWire}), with
 * reasoning summaries and their {@code encrypted_content}.
 */
final class AzureKind implements OpenAiFormatKind {

    private static final String MODEL = "gpt-4o-deployment";
    private static final String API_VERSION = "2024-10-21";
    private static final Style STYLE = new Style("gpt-4o-2024-11-20", Thoughts.NONE, true, true);
    static final String RESPONSES_PATH = "/openai/v1/responses";
    /** The {@code encrypted_content} of Azure's reasoning items, which it wants back as it gave it. */
    static final String ENCRYPTED = "gAAAAABoAzureConformanceEncryptedReasoning+/w==";

    @Override
    public String id() {
        return "azure";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("api_version", API_VERSION);
    }

    @Override
    public boolean speaks(Format format) {
        return format == Format.OPENAI || format == Format.OPENAI_RESPONSES;
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

    /** Azure's Responses API signs its reasoning (encrypted_content); its chat completions return none. */
    @Override
    public Optional<String> thinkingSignature(Surface surface) {
        return surface.format() == Format.OPENAI_RESPONSES ? Optional.of(ENCRYPTED) : Optional.empty();
    }

    /** The answer in the format of the path asked: Responses at the v1 API, else chat completions. */
    @Override
    public Reply reply(Turn turn, Mode mode) {
        return Reply.respond(request -> responses(request) ? ResponsesWire.reply(turn, mode, MODEL)
                : resolve(OpenAiWire.reply(turn, mode, STYLE), request));
    }

    private static Reply resolve(Reply reply, Recorded request) {
        return reply instanceof Reply.Respond respond ? respond.respond().apply(request) : reply;
    }

    static boolean responses(Recorded sent) {
        return sent.path().startsWith(RESPONSES_PATH);
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
        return Reply.respond(request -> responses(request) ? ResponsesWire.streamError(pieces, message, MODEL)
                : OpenAiWire.streamError(pieces, message, STYLE));
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
    public String upstreamPath(Surface surface, boolean stream) {
        return surface.format() == Format.OPENAI_RESPONSES ? RESPONSES_PATH : upstreamPath(stream);
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

    /**
     * The key in api-key, and no top_k, which Azure refuses with a 400; a Responses request has an
     * {@code input} and none of chat's {@code messages}, {@code stop} or {@code max_tokens}, and no api-version.
     */
    @Override
    public void assertWellFormed(Recorded sent) {
        assertThat(sent.header("api-key")).as("api-key header").hasValue(ConformanceGateway.key(this));
        assertThat(sent.header("Authorization")).as("Authorization header").isEmpty();
        assertThat(sent.bodyJson().has("top_k")).as("top_k in %s", sent).isFalse();
        if (responses(sent)) {
            assertThat(sent.path()).as("Responses path").isEqualTo(RESPONSES_PATH);
            assertThat(sent.bodyJson().has("input")).as("input in %s", sent).isTrue();
            for (String field : List.of("messages", "stop", "max_tokens", "max_completion_tokens", "reasoning_effort")) {
                assertThat(sent.bodyJson().has(field)).as("%s in the Responses request %s", field, sent).isFalse();
            }
        }
    }

    @Override
    public void assertAcceptsHistory(Recorded sent, History history) {
        if (responses(sent)) {
            ResponsesWire.assertAcceptsHistory(sent, history.first());
        } else {
            OpenAiWire.assertAcceptsHistory(sent, history.first(), history.idsKept());
        }
    }

    @Override
    public String system(Recorded sent) {
        return responses(sent) ? ResponsesWire.system(sent) : OpenAiWire.system(sent);
    }

    @Override
    public String userText(Recorded sent) {
        return responses(sent) ? ResponsesWire.userText(sent) : OpenAiWire.userText(sent);
    }

    @Override
    public List<Declared> declaredTools(Recorded sent) {
        return responses(sent) ? ResponsesWire.declaredTools(sent) : OpenAiWire.declaredTools(sent);
    }

    @Override
    public ToolTurn toolTurn(Recorded sent) {
        return responses(sent) ? ResponsesWire.toolTurn(sent) : OpenAiWire.toolTurn(sent);
    }

    @Override
    public Image image(Recorded sent) {
        return responses(sent) ? ResponsesWire.image(sent) : OpenAiWire.image(sent);
    }

    @Override
    public Output output(Recorded sent) {
        return responses(sent) ? ResponsesWire.output(sent) : OpenAiWire.output(sent);
    }

    @Override
    public List<String> stopSequences(Recorded sent) {
        return responses(sent) ? List.of() : OpenAiWire.stopSequences(sent);
    }

    @Override
    public Sampled sampling(Recorded sent) {
        return responses(sent) ? ResponsesWire.sampling(sent) : OpenAiWire.sampling(sent);
    }

    @Override
    public JsonNode reasoning(Recorded sent) {
        return responses(sent) ? ResponsesWire.reasoning(sent) : OpenAiWire.reasoning(sent);
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
