package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.AnthropicFields.NODES;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.Signatures;
import dev.switchboard.core.StopReason;
import dev.switchboard.core.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders canonical events as the SSE frames Anthropic sends ({@code event: <name>\ndata: <json>\n\n}):
 * {@code message_start}, then per block {@code content_block_start}, its deltas and
 * {@code content_block_stop} (a block closes when the next one opens or the answer stops), then
 * {@code message_delta} with the stop reason and cumulative usage, and {@code message_stop}.
 *
 * <p>{@code message_start} waits for the first usage update if that comes right after
 * {@link ChatEvent.MessageStart} (Anthropic's input counts), else it carries zeros and the final
 * {@code message_delta} carries every count. {@code message_delta} goes out with the first usage
 * update after {@link ChatEvent.Stop} (the usual order), or else from {@link #finish()}, which the
 * writer must call when the canonical stream ends. Signatures of non-thinking blocks have no
 * Anthropic form and are dropped; a thinking signature from another format's provider (the
 * {@link ChatEvent.MessageStart#sourceFormat()}) is tagged with its maker, see {@link Signatures}.
 * A tool call's argument text that arrives after a later block opened (parallel calls interleaved
 * by the provider) is sent for its own index after that block's stop. Not thread-safe: one per
 * caller stream.
 */
public final class AnthropicStreamEncoder {

    private final String id;
    private final String model;
    private final Map<Integer, Integer> indexes = new HashMap<>();
    private final Map<Integer, String> kinds = new HashMap<>();
    private final Set<Integer> signed = new HashSet<>();
    private Optional<String> maker = Optional.empty();
    private int nextIndex;
    private int open = -1;
    private boolean started;
    private boolean stopped;
    private boolean ended;
    private StopReason stopReason = StopReason.UNKNOWN;
    private Usage usage = Usage.NONE;

    /**
     * {@code messageId} and {@code model} as the caller should see them; the id is made to look like
     * {@code msg_...} as {@link AnthropicCodec#messageId} does.
     */
    public AnthropicStreamEncoder(String messageId, String model) {
        this.id = AnthropicCodec.messageId(messageId);
        this.model = model;
    }

    /** The frames for one event, possibly none. */
    public List<byte[]> encode(ChatEvent event) {
        List<byte[]> out = new ArrayList<>(3);
        if (ended) {
            return out;
        }
        switch (event) {
            case ChatEvent.MessageStart start -> maker = start.sourceFormat();
            case ChatEvent.UsageUpdate update -> {
                usage = update.usage();
                if (!started) {
                    start(out);
                } else if (stopped) {
                    end(out);
                }
            }
            case ChatEvent.TextDelta text -> {
                int index = block(text.index(), "text", NODES.objectNode().put("type", "text").put("text", ""), out);
                if (!text.text().isEmpty()) {
                    delta(out, index, NODES.objectNode().put("type", "text_delta").put("text", text.text()));
                }
            }
            case ChatEvent.ThinkingDelta thinking -> {
                int index = block(thinking.index(), "thinking", NODES.objectNode().put("type", "thinking")
                        .put("thinking", "").put("signature", ""), out);
                if (!thinking.text().isEmpty()) {
                    delta(out, index, NODES.objectNode().put("type", "thinking_delta")
                            .put("thinking", thinking.text()));
                }
            }
            case ChatEvent.SignatureDelta signature -> {
                Integer index = indexes.get(signature.index());
                if (index != null && "thinking".equals(kinds.get(index))) {
                    String text = signed.add(index)
                            ? Signatures.forCaller(signature.signature(), maker, AnthropicCodec.FORMAT)
                            : signature.signature();
                    delta(out, index, NODES.objectNode().put("type", "signature_delta").put("signature", text));
                }
            }
            case ChatEvent.RedactedThinkingBlock redacted -> block(redacted.index(), "redacted_thinking",
                    NODES.objectNode().put("type", "redacted_thinking").put("data", redacted.data()), out);
            case ChatEvent.ToolCallStart call -> {
                ObjectNode block = NODES.objectNode().put("type", "tool_use").put("id", call.id())
                        .put("name", call.name());
                block.putObject("input");
                block(call.index(), "tool_use", block, out);
            }
            case ChatEvent.ToolCallArgsDelta args -> {
                Integer index = indexes.get(args.index());
                if (index != null && !args.json().isEmpty()) {
                    delta(out, index, NODES.objectNode().put("type", "input_json_delta")
                            .put("partial_json", args.json()));
                }
            }
            case ChatEvent.Stop stop -> {
                start(out);
                close(out);
                if (!stopped) {
                    stopped = true;
                    stopReason = stop.reason();
                }
            }
        }
        return out;
    }

    /**
     * The frames still owed when the canonical stream ends: {@code message_start} if nothing was
     * sent, the open block's stop, {@code message_delta} and {@code message_stop}. Empty once they
     * have been sent.
     */
    public List<byte[]> finish() {
        List<byte[]> out = new ArrayList<>(4);
        if (!ended) {
            start(out);
            close(out);
            end(out);
        }
        return out;
    }

    /** An {@code event: error} frame, as Anthropic sends when a stream fails after it began. */
    public static byte[] errorEvent(String type, String message) {
        return frame("error", AnthropicErrors.body(type, message));
    }

    private void start(List<byte[]> out) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode data = NODES.objectNode().put("type", "message_start");
        ObjectNode message = data.putObject("message").put("id", id).put("type", "message").put("role", "assistant")
                .put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", AnthropicUsage.encode(usage, Map.of()));
        out.add(frame("message_start", data));
    }

    /** The Anthropic index of canonical block {@code index}, opening it (and closing the open one) if new. */
    private int block(int index, String kind, ObjectNode contentBlock, List<byte[]> out) {
        start(out);
        Integer known = indexes.get(index);
        if (known != null) {
            return known;
        }
        close(out);
        int assigned = nextIndex++;
        indexes.put(index, assigned);
        kinds.put(assigned, kind);
        open = assigned;
        ObjectNode data = NODES.objectNode().put("type", "content_block_start").put("index", assigned);
        data.set("content_block", contentBlock);
        out.add(frame("content_block_start", data));
        return assigned;
    }

    private void delta(List<byte[]> out, int index, ObjectNode delta) {
        ObjectNode data = NODES.objectNode().put("type", "content_block_delta").put("index", index);
        data.set("delta", delta);
        out.add(frame("content_block_delta", data));
    }

    private void close(List<byte[]> out) {
        if (open >= 0) {
            out.add(frame("content_block_stop",
                    NODES.objectNode().put("type", "content_block_stop").put("index", open)));
            open = -1;
        }
    }

    private void end(List<byte[]> out) {
        ended = true;
        ObjectNode data = NODES.objectNode().put("type", "message_delta");
        data.putObject("delta").put("stop_reason", AnthropicStopReasons.encode(stopReason)).putNull("stop_sequence");
        data.set("usage", AnthropicUsage.encode(usage, Map.of()));
        out.add(frame("message_delta", data));
        out.add(frame("message_stop", NODES.objectNode().put("type", "message_stop")));
    }

    private static byte[] frame(String event, ObjectNode data) {
        return ("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
