package dev.switchboard.conformance;

import static dev.switchboard.conformance.Cases.ARGS;
import static dev.switchboard.conformance.Cases.ARG_PIECES;
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
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.util.ArrayList;
import java.util.List;

/** Anthropic: {@code POST {api_base}/v1/messages}, streams as {@code event:}-named frames. */
final class AnthropicKind implements ProviderKind {

    private static final String MODEL = "claude-sonnet-4-5";
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
        List<String> frames = new ArrayList<>();
        frames.add(messageStart(30));
        frames.add(frame("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}"));
        frames.add(delta(0, Cases.object().put("type", "thinking_delta").put("thinking", THINKING)));
        frames.add(delta(0, Cases.object().put("type", "signature_delta").put("signature", SIGNATURE)));
        frames.add(frame("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        frames.add(frame("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        frames.add(delta(1, Cases.object().put("type", "text_delta").put("text", THOUGHTFUL_ANSWER)));
        frames.add(frame("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}"));
        frames.add(messageDelta("end_turn", 12));
        frames.add(frame("message_stop", "{\"type\":\"message_stop\"}"));
        return Reply.sseFrames(frames);
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
    public Reply text(String text, Usage usage) {
        return Reply.json(AnthropicBodies.message(MODEL, text, usage.input(), usage.output()));
    }

    @Override
    public Reply textStream(List<String> pieces, Usage usage) {
        List<String> frames = new ArrayList<>();
        frames.add(messageStart(usage.input()));
        frames.add(frame("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        frames.add(frame("ping", "{\"type\":\"ping\"}"));
        pieces.forEach(piece -> frames.add(delta(0, Cases.object().put("type", "text_delta").put("text", piece))));
        frames.add(frame("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        frames.add(messageDelta("end_turn", usage.output()));
        frames.add(frame("message_stop", "{\"type\":\"message_stop\"}"));
        return Reply.sseFrames(frames);
    }

    @Override
    public Reply toolCall() {
        ObjectNode message = Cases.object().put("id", "msg_01ToolUse").put("type", "message")
                .put("role", "assistant").put("model", MODEL);
        message.putArray("content").add(Cases.object().put("type", "text").put("text", "Let me check."))
                .addObject().put("type", "tool_use").put("id", TOOL_USE_ID).put("name", TOOL).set("input", ARGS);
        message.put("stop_reason", "tool_use").putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", 80).put("output_tokens", 20);
        return Reply.json(message.toString());
    }

    /** As Anthropic documents it: a text block, then a tool_use block whose input arrives as JSON pieces. */
    @Override
    public Reply toolCallStream() {
        List<String> frames = new ArrayList<>();
        frames.add(messageStart(80));
        frames.add(frame("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        frames.add(delta(0, Cases.object().put("type", "text_delta").put("text", "Let me check.")));
        frames.add(frame("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        ObjectNode start = Cases.object().put("type", "content_block_start").put("index", 1);
        start.putObject("content_block").put("type", "tool_use").put("id", TOOL_USE_ID).put("name", TOOL)
                .putObject("input");
        frames.add(frame("content_block_start", start.toString()));
        frames.add(delta(1, Cases.object().put("type", "input_json_delta").put("partial_json", "")));
        ARG_PIECES.forEach(piece ->
                frames.add(delta(1, Cases.object().put("type", "input_json_delta").put("partial_json", piece))));
        frames.add(frame("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}"));
        frames.add(messageDelta("tool_use", 20));
        frames.add(frame("message_stop", "{\"type\":\"message_stop\"}"));
        return Reply.sseFrames(frames);
    }

    @Override
    public Reply error(int status, String message) {
        return Reply.json(status, AnthropicBodies.error(status == 429 ? "rate_limit_error" : "invalid_request_error",
                message));
    }

    @Override
    public String upstreamPath(boolean stream) {
        return "/v1/messages";
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
        assertThat(body.path("max_tokens").asInt()).as("max_tokens in %s", sent).isPositive();
        assertThat(body.at("/messages/0/role").asText()).as("first message role in %s", sent).isEqualTo("user");
        for (JsonNode message : body.path("messages")) {
            assertThat(message.path("role").asText()).as("roles in %s", sent).isIn("user", "assistant");
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
    public Declared declaredTool(Recorded sent) {
        JsonNode tool = sent.bodyJson().at("/tools/0");
        return new Declared(tool.path("name").asText(), tool.path("description").asText(), tool.path("input_schema"));
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

    @Override
    public String toString() {
        return "anthropic";
    }

    private static String frame(String event, String data) {
        return "event: " + event + "\ndata: " + data;
    }

    private static String messageStart(int inputTokens) {
        return frame("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01Stream\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"" + MODEL + "\","
                + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + inputTokens
                + ",\"output_tokens\":1}}}");
    }

    private static String delta(int index, ObjectNode delta) {
        ObjectNode data = Cases.object().put("type", "content_block_delta").put("index", index);
        data.set("delta", delta);
        return frame("content_block_delta", data.toString());
    }

    private static String messageDelta(String stopReason, int outputTokens) {
        return frame("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason
                + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + outputTokens + "}}");
    }
}
