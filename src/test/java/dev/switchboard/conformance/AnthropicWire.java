package dev.switchboard.conformance;

import static dev.switchboard.conformance.Cases.ARGS;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.conformance.Cases.Usage;
import dev.switchboard.testing.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic's Messages format as the Anthropic kind writes its answers: a whole message, or the
 * events of a stream as Anthropic documents them, with the usage counted as Anthropic counts it.
 */
final class AnthropicWire {

    static final String MODEL = "claude-sonnet-4-5";

    private AnthropicWire() {
    }

    static ObjectNode message(Turn turn) {
        ObjectNode message = Cases.object().put("id", "msg_01Conformance").put("type", "message")
                .put("role", "assistant").put("model", MODEL);
        ArrayNode content = message.putArray("content");
        for (Turn.Block block : turn.blocks()) {
            content.add(block(block, true));
        }
        message.put("stop_reason", stopReason(turn.finish()));
        if (turn.finish() == Turn.Finish.STOP_SEQUENCE) {
            message.put("stop_sequence", Cases.MATCHED_STOP);
        } else {
            message.putNull("stop_sequence");
        }
        message.set("usage", usage(turn.usage()));
        return message;
    }

    /** A content block, whole or as its {@code content_block_start} has it. */
    private static ObjectNode block(Turn.Block block, boolean whole) {
        return switch (block) {
            case Turn.Thought thought -> Cases.object().put("type", "thinking")
                    .put("thinking", whole ? thought.text() : "").put("signature", whole ? thought.signature().orElse("") : "");
            case Turn.Said said -> Cases.object().put("type", "text").put("text", whole ? said.text() : "");
            case Turn.Call call -> {
                ObjectNode use = Cases.object().put("type", "tool_use").put("id", call.id()).put("name", call.name());
                use.set("input", whole ? call.args() : Cases.object());
                yield use;
            }
        };
    }

    /** As Anthropic documents its streams: each block started, its deltas, stopped; a ping after the first start. */
    static Reply.Sse stream(Turn turn) {
        List<String> frames = new ArrayList<>();
        ObjectNode start = message(turn);
        start.putArray("content");
        start.putNull("stop_reason");
        start.putNull("stop_sequence");
        ObjectNode startUsage = usage(turn.usage());
        startUsage.put("output_tokens", 1);
        startUsage.remove("output_tokens_details");
        start.set("usage", startUsage);
        frames.add(frame("message_start", Cases.object().put("type", "message_start").set("message", start)));
        for (int index = 0; index < turn.blocks().size(); index++) {
            Turn.Block block = turn.blocks().get(index);
            ObjectNode blockStart = Cases.object().put("type", "content_block_start").put("index", index);
            blockStart.set("content_block", block(block, false));
            frames.add(frame("content_block_start", blockStart));
            if (index == 0) {
                frames.add(frame("ping", Cases.object().put("type", "ping")));
            }
            switch (block) {
                case Turn.Thought thought -> {
                    int at = index;
                    Turn.pieces(thought.text(), 3).forEach(piece -> frames.add(delta(at,
                            Cases.object().put("type", "thinking_delta").put("thinking", piece))));
                    thought.signature().ifPresent(signature -> frames.add(delta(at,
                            Cases.object().put("type", "signature_delta").put("signature", signature))));
                }
                case Turn.Said said -> {
                    int at = index;
                    List<String> pieces = said.text().equals(Cases.ANSWER) ? Cases.PIECES : Turn.pieces(said.text(), 3);
                    pieces.forEach(piece -> frames.add(delta(at, Cases.object().put("type", "text_delta")
                            .put("text", piece))));
                }
                case Turn.Call call -> {
                    int at = index;
                    frames.add(delta(at, Cases.object().put("type", "input_json_delta").put("partial_json", "")));
                    List<String> pieces = call.args().equals(ARGS) ? Cases.ARG_PIECES : Turn.pieces(call.args().toString(), 4);
                    pieces.forEach(piece -> frames.add(delta(at, Cases.object().put("type", "input_json_delta")
                            .put("partial_json", piece))));
                }
            }
            frames.add(frame("content_block_stop", Cases.object().put("type", "content_block_stop").put("index", index)));
        }
        ObjectNode messageDelta = Cases.object().put("type", "message_delta");
        ObjectNode stop = messageDelta.putObject("delta").put("stop_reason", stopReason(turn.finish()));
        if (turn.finish() == Turn.Finish.STOP_SEQUENCE) {
            stop.put("stop_sequence", Cases.MATCHED_STOP);
        } else {
            stop.putNull("stop_sequence");
        }
        ObjectNode deltaUsage = messageDelta.putObject("usage").put("output_tokens", turn.usage().output());
        if (turn.usage().reasoning() > 0) {
            deltaUsage.putObject("output_tokens_details").put("thinking_tokens", turn.usage().reasoning());
        }
        frames.add(frame("message_delta", messageDelta));
        frames.add(frame("message_stop", Cases.object().put("type", "message_stop")));
        return Reply.sseFrames(frames);
    }

    private static String stopReason(Turn.Finish finish) {
        return switch (finish) {
            case END_TURN -> "end_turn";
            case TOOL_USE -> "tool_use";
            case MAX_TOKENS -> "max_tokens";
            case CONTENT_FILTER -> "refusal";
            case STOP_SEQUENCE -> "stop_sequence";
        };
    }

    /** Anthropic's input leaves out the cached parts. */
    private static ObjectNode usage(Usage usage) {
        ObjectNode node = Cases.object().put("input_tokens", usage.input() - usage.cacheRead() - usage.cacheWrite())
                .put("cache_creation_input_tokens", usage.cacheWrite()).put("cache_read_input_tokens", usage.cacheRead())
                .put("output_tokens", usage.output());
        if (usage.reasoning() > 0) {
            node.putObject("output_tokens_details").put("thinking_tokens", usage.reasoning());
        }
        return node;
    }

    static String frame(String event, ObjectNode data) {
        return "event: " + event + "\ndata: " + data;
    }

    static String delta(int index, ObjectNode delta) {
        ObjectNode data = Cases.object().put("type", "content_block_delta").put("index", index);
        data.set("delta", delta);
        return frame("content_block_delta", data);
    }
}
