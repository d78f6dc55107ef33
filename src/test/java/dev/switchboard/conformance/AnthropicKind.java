package dev.switchboard.conformance;

import static dev.switchboard.conformance.Cases.ARGS;
import static dev.switchboard.conformance.Cases.SIGNATURE;
import static dev.switchboard.conformance.Cases.THINKING;
import static dev.switchboard.conformance.Cases.THOUGHTFUL_ANSWER;
import static dev.switchboard.conformance.Cases.TOOL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.conformance.Cases.Declared;
import dev.switchboard.conformance.Cases.Image;
import dev.switchboard.conformance.Cases.ToolCall;
import dev.switchboard.conformance.Cases.ToolTurn;
import dev.switchboard.conformance.Cases.Usage;
import dev.switchboard.testing.AnthropicBodies;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Anthropic: {@code POST {api_base}/v1/messages}, streams as {@code event:}-named frames. The
 * requests it accepts follow Anthropic's documented rules: {@code max_tokens} set, turns of user and
 * assistant, not both {@code temperature} and {@code top_p} (Claude 4.5), with thinking on neither
 * a forced tool choice nor {@code temperature} or {@code top_k}, and thinking blocks sent back only
 * as Anthropic signed them.
 */
final class AnthropicKind implements ProviderKind {

    private static final String MODEL = AnthropicWire.MODEL;
    private static final String TOOL_USE_ID = "toolu_01T1x1fJ34qAmk2tNTrN7Up6";

    /** A signed thinking block in compact JSON, so that re-serializing it would not change a byte. */
    static final String THINKING_BLOCK = Cases.object().put("type", "thinking").put("thinking", THINKING)
            .put("signature", SIGNATURE).toString();

    /** An answer with {@link #THINKING_BLOCK} before its text. */
    static final String THINKING_MESSAGE = "{\"id\":\"msg_01Thinking\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"" + MODEL + "\",\"content\":[" + THINKING_BLOCK + ",{\"type\":\"text\",\"text\":\""
            + THOUGHTFUL_ANSWER + "\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":30,\"output_tokens\":12}}";

    /** An answer that thinks ({@link #THINKING_BLOCK}), then calls {@link Cases#TOOL}, as with thinking and tools on. */
    static Reply thinkingThenToolCall() {
        ObjectNode message = Cases.object().put("id", "msg_01ThinkTool").put("type", "message")
                .put("role", "assistant").put("model", MODEL);
        message.putArray("content").add(Cases.parse(THINKING_BLOCK))
                .addObject().put("type", "tool_use").put("id", TOOL_USE_ID).put("name", TOOL).set("input", ARGS);
        message.put("stop_reason", "tool_use").putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", 80).put("output_tokens", 60);
        return Reply.json(message.toString());
    }

    /** {@link #THINKING_MESSAGE} as a stream: the thinking, its signature in one delta, then the text. */
    static Reply thinkingStream() {
        return AnthropicWire.stream(new Turn(List.of(new Turn.Thought(THINKING, Optional.of(SIGNATURE)),
                new Turn.Said(THOUGHTFUL_ANSWER)), Turn.Finish.END_TURN, new Usage(30, 12)));
    }

    @Override
    public String id() {
        return "anthropic";
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public Format format() {
        return Format.ANTHROPIC;
    }

    @Override
    public String callId(int n) {
        return "toolu_01T1x1fJ34qAmk2tNTrN7Up" + n;
    }

    @Override
    public Optional<String> thinkingSignature() {
        return Optional.of(SIGNATURE);
    }

    @Override
    public Reply reply(Turn turn, Mode mode) {
        return mode.stream() ? AnthropicWire.stream(turn) : Reply.json(AnthropicWire.message(turn).toString());
    }

    @Override
    public Reply error(int status, String message, Map<String, String> headers) {
        String type = switch (status) {
            case 401 -> "authentication_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
        Reply.Json reply = Reply.json(status, AnthropicBodies.error(type, message));
        for (Map.Entry<String, String> header : headers.entrySet()) {
            reply = reply.header(header.getKey(), header.getValue());
        }
        return reply;
    }

    /** Anthropic's own example of an error mid-stream is an {@code overloaded_error} event. */
    @Override
    public Reply streamError(List<String> pieces, String message) {
        List<String> frames = new ArrayList<>(AnthropicWire.stream(Turn.text("", Cases.SMALL_USAGE)).frames()
                .subList(0, 3));
        pieces.forEach(piece -> frames.add(AnthropicWire.delta(0, Cases.object().put("type", "text_delta")
                .put("text", piece))));
        frames.add(AnthropicWire.frame("error", Cases.object().put("type", "error").set("error", Cases.object()
                .put("type", "overloaded_error").put("message", message))));
        return Reply.sseFrames(frames);
    }

    @Override
    public Usage cachedUsage() {
        return Cases.CACHED_USAGE;
    }

    @Override
    public Map<String, String> answerHeaders() {
        return Map.of("request-id", "req_011CConformance", "anthropic-ratelimit-requests-remaining", "49");
    }

    @Override
    public Reply embeddings(int count, int dims) {
        return Reply.json(404, OpenAiBodies.error("Anthropic has no embeddings", "not_found_error", null));
    }

    @Override
    public String upstreamPath(boolean stream) {
        return "/v1/messages";
    }

    @Override
    public String embeddingsPath() {
        throw new AssertionError("Anthropic has no embeddings");
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
        JsonNode body = sent.bodyJson();
        assertThat(sent.header("x-api-key")).as("x-api-key header").hasValue(ConformanceGateway.key(this));
        assertThat(sent.header("anthropic-version")).as("anthropic-version header").isPresent();
        assertThat(body.path("max_tokens").asInt()).as("max_tokens in %s", sent).isPositive();
        assertThat(body.at("/messages/0/role").asText()).as("first message role in %s", sent).isEqualTo("user");
        for (JsonNode message : body.path("messages")) {
            assertThat(message.path("role").asText()).as("roles in %s", sent).isIn("user", "assistant");
            for (JsonNode block : message.path("content")) {
                if (block.path("type").asText().equals("thinking")) {
                    assertThat(block.path("signature").asText("")).as("a thinking block Anthropic did not sign, in %s",
                            sent).isNotEmpty().doesNotStartWith("swb1");
                }
            }
        }
        assertThat(body.has("temperature") && body.has("top_p")).as("temperature and top_p both in %s", sent)
                .isFalse();
        boolean thinking = body.at("/thinking/type").asText("").matches("enabled|adaptive");
        if (thinking) {
            assertThat(body.at("/tool_choice/type").asText("auto")).as("tool_choice beside thinking in %s", sent)
                    .isIn("auto", "none");
            assertThat(body.has("temperature") || body.has("top_k")).as("temperature or top_k beside thinking in %s",
                    sent).isFalse();
        }
    }

    @Override
    public String system(Recorded sent) {
        return Cases.joinedText(sent.bodyJson().path("system"));
    }

    @Override
    public String userText(Recorded sent) {
        return Cases.joinedText(sent.bodyJson().at("/messages/0/content"));
    }

    @Override
    public List<Declared> declaredTools(Recorded sent) {
        List<Declared> tools = new ArrayList<>();
        for (JsonNode tool : sent.bodyJson().path("tools")) {
            tools.add(new Declared(tool.path("name").asText(), tool.path("description").asText(),
                    tool.path("input_schema")));
        }
        return tools;
    }

    @Override
    public ToolTurn toolTurn(Recorded sent) {
        ToolCall call = null;
        int callAt = -1;
        String resultKey = "";
        JsonNode result = null;
        int resultAt = -1;
        JsonNode messages = sent.bodyJson().path("messages");
        for (int i = 0; i < messages.size(); i++) {
            for (JsonNode block : messages.get(i).path("content")) {
                String type = block.path("type").asText();
                if (type.equals("tool_use") && messages.get(i).path("role").asText().equals("assistant")) {
                    call = new ToolCall(block.path("id").asText(), block.path("name").asText(), block.path("input"));
                    callAt = i;
                } else if (type.equals("tool_result") && messages.get(i).path("role").asText().equals("user")) {
                    resultKey = block.path("tool_use_id").asText();
                    result = Cases.parse(Cases.joinedText(block.path("content")));
                    resultAt = i;
                }
            }
        }
        assertThat(call).as("assistant tool_use block in %s", sent).isNotNull();
        assertThat(result).as("user tool_result block in %s", sent).isNotNull();
        return new ToolTurn(call, call.id(), resultKey, result, callAt < resultAt);
    }

    @Override
    public Image image(Recorded sent) {
        for (JsonNode block : sent.bodyJson().at("/messages/0/content")) {
            if (block.path("type").asText().equals("image")) {
                JsonNode source = block.path("source");
                assertThat(source.path("type").asText()).as("image source in %s", sent).isEqualTo("base64");
                return new Image(source.path("media_type").asText(), source.path("data").asText());
            }
        }
        throw new AssertionError("no image block in " + sent);
    }

    /** A JSON schema in {@code output_config.format}; JSON mode, which Claude has not, as a system text asking for JSON. */
    @Override
    public Output output(Recorded sent) {
        JsonNode format = sent.bodyJson().at("/output_config/format");
        if (format.path("type").asText().equals("json_schema")) {
            return new Output(Output.Kind.JSON_SCHEMA, format.path("schema"));
        }
        String system = system(sent);
        boolean asked = !system.equals(Cases.SYSTEM) && system.replace(Cases.SYSTEM, "").contains("JSON");
        return new Output(asked ? Output.Kind.INSTRUCTION : Output.Kind.ANY, Cases.object());
    }

    @Override
    public List<String> stopSequences(Recorded sent) {
        List<String> stops = new ArrayList<>();
        sent.bodyJson().path("stop_sequences").forEach(stop -> stops.add(stop.asText()));
        return stops;
    }

    @Override
    public Sampled sampling(Recorded sent) {
        JsonNode body = sent.bodyJson();
        return new Sampled(body.has("temperature") ? body.get("temperature").asDouble() : null,
                body.has("top_p") ? body.get("top_p").asDouble() : null,
                body.has("top_k") ? body.get("top_k").asInt() : null,
                body.has("max_tokens") ? body.get("max_tokens").asInt() : null);
    }

    @Override
    public JsonNode reasoning(Recorded sent) {
        ObjectNode reasoning = Cases.object();
        JsonNode body = sent.bodyJson();
        if (body.has("thinking")) {
            reasoning.set("thinking", body.get("thinking"));
        }
        if (body.at("/output_config/effort").isTextual()) {
            reasoning.set("effort", body.at("/output_config/effort"));
        }
        return reasoning;
    }

    /**
     * Anthropic's rules for a tool-use history: tool_use ids unique; each assistant turn with calls
     * followed by a user turn whose content begins with a tool_result for each of them; with thinking
     * on, the assistant's tool-use turn begins with its thinking blocks, text and signature as
     * Anthropic made them.
     */
    @Override
    public void assertAcceptsHistory(Recorded sent, History history) {
        JsonNode messages = sent.bodyJson().path("messages");
        Set<String> ids = new HashSet<>();
        JsonNode answered = null;
        for (int i = 0; i < messages.size(); i++) {
            List<String> calls = new ArrayList<>();
            for (JsonNode block : messages.get(i).path("content")) {
                if (block.path("type").asText().equals("tool_use")) {
                    assertThat(ids.add(block.path("id").asText())).as("tool_use id %s unique in %s",
                            block.path("id").asText(), sent).isTrue();
                    calls.add(block.path("id").asText());
                }
            }
            if (calls.isEmpty()) {
                continue;
            }
            answered = messages.get(i);
            assertThat(i + 1).as("a user turn after the tool_use turn in %s", sent).isLessThan(messages.size());
            JsonNode next = messages.get(i + 1);
            assertThat(next.path("role").asText()).isEqualTo("user");
            List<String> results = new ArrayList<>();
            for (JsonNode block : next.path("content")) {
                if (!block.path("type").asText().equals("tool_result")) {
                    break;
                }
                results.add(block.path("tool_use_id").asText());
            }
            assertThat(results).as("tool_result blocks first in the next user turn, in %s", sent)
                    .containsExactlyInAnyOrderElementsOf(calls);
        }
        assertThat(answered).as("the assistant's tool_use turn in %s", sent).isNotNull();
        List<JsonNode> blocks = new ArrayList<>();
        answered.path("content").forEach(blocks::add);
        List<Turn.Thought> thoughts = history.first().thoughts();
        if (sent.bodyJson().at("/thinking/type").asText("").matches("enabled|adaptive")) {
            for (int t = 0; t < thoughts.size(); t++) {
                assertThat(blocks.get(t)).as("thinking block %d of the tool_use turn in %s", t, sent)
                        .isEqualTo(Cases.object().put("type", "thinking").put("thinking", thoughts.get(t).text())
                                .put("signature", thoughts.get(t).signature().orElseThrow()));
            }
        }
        List<Turn.Call> calls = history.first().toolCalls();
        List<JsonNode> uses = blocks.stream().filter(block -> block.path("type").asText().equals("tool_use")).toList();
        assertThat(uses).as("tool_use blocks sent back in %s", sent).hasSize(calls.size());
        for (int k = 0; k < calls.size(); k++) {
            assertThat(uses.get(k).path("name").asText()).isEqualTo(calls.get(k).name());
            assertThat(uses.get(k).path("input")).isEqualTo(calls.get(k).args());
            if (history.idsKept()) {
                assertThat(uses.get(k).path("id").asText()).isEqualTo(calls.get(k).id());
            }
        }
    }

    @Override
    public List<String> embeddingInputs(Recorded sent) {
        throw new AssertionError("Anthropic has no embeddings");
    }

    @Override
    public String toString() {
        return "anthropic";
    }

}
