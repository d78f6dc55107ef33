package dev.switchboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.conformance.Cases.Declared;
import dev.switchboard.conformance.Cases.Image;
import dev.switchboard.conformance.Cases.ToolTurn;
import dev.switchboard.conformance.Cases.Usage;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAI's Responses API as the only way to a model: provider {@code openai}, model {@code o3-pro},
 * which the bundled catalog gives mode {@code responses}, so the gateway calls
 * {@code POST {api_base}/responses} for every caller, translating chat, Anthropic and Gemini callers
 * and passing a Responses caller through. Its fake answers nothing else: any other path gets
 * OpenAI's 404. It reads the request as OpenAI's Responses API does ({@link ResponsesWire}): an
 * {@code input}, none of chat's fields, and the rules of a stateless continuation. Like OpenAI, it
 * returns a reasoning item's {@code encrypted_content} only to a request that asked for it with
 * {@code include: ["reasoning.encrypted_content"]}.
 */
final class ResponsesKind implements ProviderKind {

    private static final String MODEL = "o3-pro";
    static final String PATH = "/responses";
    static final String ENCRYPTED_REASONING = "reasoning.encrypted_content";
    /**
     * The {@code encrypted_content} of its reasoning items, which it wants back as it gave it: a Fernet
     * token, base64url-encoded ({@code -} and {@code _}) as OpenAI's are.
     */
    static final String ENCRYPTED = "gAAAAABlU_EACrMGgjA1Zhu426IcwlNSMfjcs0MI5cafRqM8r6Yr2SJHaxjHihFOsUTjSl43T31gNIpin1zu0D"
            + "LD6HBuxH2b-vsA-0JQsBjdllQ1ylDLg24=";
    /** Chat completions' fields, which the Responses API refuses or has under other names. */
    private static final List<String> CHAT_FIELDS = List.of("messages", "stop", "max_tokens", "max_completion_tokens",
            "reasoning_effort", "response_format", "top_k", "n", "stream_options", "functions", "function_call");

    @Override
    public String id() {
        return "openai";
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public Format format() {
        return Format.OPENAI_RESPONSES;
    }

    @Override
    public String callId(int n) {
        return "call_fromResponses5" + n;
    }

    @Override
    public Optional<String> thinkingSignature() {
        return Optional.of(ENCRYPTED);
    }

    /** The answer at {@code /responses}, its reasoning's encrypted_content only if the request included it; else a 404. */
    @Override
    public Reply reply(Turn turn, Mode mode) {
        return Reply.respond(request -> {
            if (!request.path().equals(PATH)) {
                return notFound(request);
            }
            Reply reply = ResponsesWire.reply(includesEncrypted(request) ? turn : unsigned(turn), mode, MODEL);
            return reply instanceof Reply.Respond respond ? respond.respond().apply(request) : reply;
        });
    }

    private static boolean includesEncrypted(Recorded sent) {
        for (JsonNode included : sent.bodyJson().path("include")) {
            if (included.asText().equals(ENCRYPTED_REASONING)) {
                return true;
            }
        }
        return false;
    }

    /** The turn without its thoughts' signatures, as OpenAI answers a request that did not include them. */
    private static Turn unsigned(Turn turn) {
        return new Turn(turn.blocks().stream().map(block -> block instanceof Turn.Thought thought
                ? (Turn.Block) new Turn.Thought(thought.text(), Optional.empty()) : block).toList(), turn.finish(),
                turn.usage());
    }

    private static Reply notFound(Recorded request) {
        return Reply.json(404, OpenAiBodies.error("Invalid URL (POST " + request.path() + ")",
                "invalid_request_error", null));
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
        return Reply.respond(request -> request.path().equals(PATH) ? ResponsesWire.streamError(pieces, message, MODEL)
                : notFound(request));
    }

    @Override
    public Usage cachedUsage() {
        return Cases.CACHE_READ_USAGE;
    }

    @Override
    public Map<String, String> answerHeaders() {
        return Map.of("x-request-id", "req_conformance_responses", "x-ratelimit-remaining-requests", "49",
                "x-ratelimit-remaining-tokens", "79000");
    }

    /** Never reached: o3-pro is no embeddings model, and this column declares no embeddings cell. */
    @Override
    public Reply embeddings(int count, int dims) {
        return Reply.respond(ResponsesKind::notFound);
    }

    @Override
    public String upstreamPath(boolean stream) {
        return PATH;
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

    /**
     * At {@code /responses} with the bearer key; an {@code input} and none of chat's fields; a
     * reasoning item in the input only in a stateless request ({@code store: false}) with its
     * {@code encrypted_content}.
     */
    @Override
    public void assertWellFormed(Recorded sent) {
        assertThat(sent.path()).as("Responses path").isEqualTo(PATH);
        assertThat(sent.header("Authorization")).as("bearer key in %s", sent)
                .hasValue("Bearer " + ConformanceGateway.key(this));
        JsonNode body = sent.bodyJson();
        assertThat(body.has("input")).as("input in %s", sent).isTrue();
        for (String field : CHAT_FIELDS) {
            assertThat(body.has(field)).as("%s in the Responses request %s", field, sent).isFalse();
        }
        for (JsonNode item : body.path("input")) {
            if (item.path("type").asText().equals("reasoning")) {
                assertThat(body.path("store").asBoolean(true)).as("store with a reasoning item in %s", sent).isFalse();
                assertThat(item.path("encrypted_content").isTextual()).as("encrypted_content of %s", item).isTrue();
            }
        }
    }

    @Override
    public void assertAcceptsHistory(Recorded sent, History history) {
        ResponsesWire.assertAcceptsHistory(sent, history.first());
    }

    @Override
    public String system(Recorded sent) {
        return ResponsesWire.system(sent);
    }

    @Override
    public String userText(Recorded sent) {
        return ResponsesWire.userText(sent);
    }

    @Override
    public List<Declared> declaredTools(Recorded sent) {
        return ResponsesWire.declaredTools(sent);
    }

    @Override
    public ToolTurn toolTurn(Recorded sent) {
        return ResponsesWire.toolTurn(sent);
    }

    @Override
    public Image image(Recorded sent) {
        return ResponsesWire.image(sent);
    }

    @Override
    public Output output(Recorded sent) {
        return ResponsesWire.output(sent);
    }

    /** The stop sequences sent, had the gateway sent chat's {@code stop} (which the Responses API does not take). */
    @Override
    public List<String> stopSequences(Recorded sent) {
        List<String> stops = new java.util.ArrayList<>();
        JsonNode stop = sent.bodyJson().path("stop");
        if (stop.isTextual()) {
            stops.add(stop.asText());
        }
        stop.forEach(sequence -> stops.add(sequence.asText()));
        return stops;
    }

    @Override
    public Sampled sampling(Recorded sent) {
        return ResponsesWire.sampling(sent);
    }

    @Override
    public JsonNode reasoning(Recorded sent) {
        return ResponsesWire.reasoning(sent);
    }

    @Override
    public List<String> embeddingInputs(Recorded sent) {
        return OpenAiWire.embeddingInputs(sent);
    }

    @Override
    public String toString() {
        return "openai-responses";
    }
}
