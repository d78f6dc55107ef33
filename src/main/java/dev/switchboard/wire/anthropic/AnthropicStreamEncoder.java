package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.AnthropicFields.NODES;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.Signatures;
import dev.switchboard.core.StopReason;
import dev.switchboard.core.Usage;
import dev.switchboard.core.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders canonical events as the SSE frames Anthropic sends ({@code event: <name>\ndata: <json>\n\n}),
 * keeping Anthropic's grammar: {@code message_start}, then one block at a time
 * {@code content_block_start}, its deltas and {@code content_block_stop}, then {@code message_delta}
 * with the stop reason and cumulative usage, and {@code message_stop}.
 *
 * <p>Blocks go out in the order they opened. A block that opens while a tool call's block is open
 * and its arguments are not yet one whole JSON object (parallel calls that a provider interleaves,
 * as OpenAI-compatible ones do by index) is held, with everything that arrives for it, and sent whole
 * as soon as every block before it is settled, at the latest when the answer stops; so arguments never
 * follow their block's stop, and text is delayed, never reordered. Text or thinking for a block that
 * is already closed (which the {@link ChatEvent} contract rules out) is dropped.
 *
 * <p>{@code message_start} waits for the first usage update if that comes right after
 * {@link ChatEvent.MessageStart} (Anthropic's input counts), else it carries zeros and the final
 * {@code message_delta} carries every count. {@code message_delta} goes out with the first usage
 * update after {@link ChatEvent.Stop} (the usual order), or else from {@link #finish()}, which the
 * writer must call when the canonical stream ends. A thinking block's signature goes out as one
 * {@code signature_delta} just before its stop, as Anthropic sends it: a signature from another
 * format's provider (the {@link ChatEvent.MessageStart#sourceFormat()}) tagged with its maker, and
 * thinking that provider did not sign with the bare tag, see {@link Signatures}. Signatures of other
 * blocks have no Anthropic form and are dropped. Not thread-safe: one per caller stream.
 */
public final class AnthropicStreamEncoder implements WireFormat.StreamEncoder {

    private final String id;
    private final String model;
    private final Map<Integer, AnthropicStreamBlock> blocks = new HashMap<>();
    private final Deque<AnthropicStreamBlock> waiting = new ArrayDeque<>();
    private AnthropicStreamBlock open;
    private Optional<WireFormat> maker = Optional.empty();
    private int nextIndex;
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
    @Override
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
            case ChatEvent.TextDelta text -> content(text.index(), "text", event, out);
            case ChatEvent.ThinkingDelta thinking -> content(thinking.index(), "thinking", event, out);
            case ChatEvent.RedactedThinkingBlock redacted -> content(redacted.index(), "redacted_thinking", event, out);
            case ChatEvent.ToolCallStart call -> content(call.index(), "tool_use", event, out);
            case ChatEvent.ToolCallArgsDelta args -> content(args.index(), null, event, out);
            case ChatEvent.SignatureDelta signature -> content(signature.index(), null, event, out);
            case ChatEvent.Stop stop -> {
                start(out);
                settle(out);
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
    @Override
    public List<byte[]> finish() {
        List<byte[]> out = new ArrayList<>(4);
        if (!ended) {
            start(out);
            settle(out);
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

    /**
     * Routes a content event to canonical block {@code index}; {@code opens} is the kind of block the
     * event opens when the index is new, or null for events that open none.
     */
    private void content(int index, String opens, ChatEvent event, List<byte[]> out) {
        start(out);
        AnthropicStreamBlock block = blocks.get(index);
        if (block == null) {
            if (opens == null) {
                return;
            }
            block = new AnthropicStreamBlock(opens);
            blocks.put(index, block);
            if (!waiting.isEmpty() || open != null && !open.settled()) {
                block.hold(event);
                waiting.add(block);
                return;
            }
            close(out);
            begin(block, event, out);
        } else if (block.held()) {
            block.hold(event);
            return;
        } else if (block != open) {
            return;
        }
        write(block, event, out);
        if (block.tool() && !waiting.isEmpty() && block.settled()) {
            advance(out);
        }
    }

    /** Sends waiting blocks while every block before them is settled; the last one sent stays open. */
    private void advance(List<byte[]> out) {
        while (!waiting.isEmpty() && (open == null || open.settled())) {
            close(out);
            AnthropicStreamBlock next = waiting.poll();
            List<ChatEvent> events = next.release();
            begin(next, events.getFirst(), out);
            StringBuilder joined = new StringBuilder();
            for (ChatEvent event : events) {
                switch (event) {
                    case ChatEvent.TextDelta text -> joined.append(text.text());
                    case ChatEvent.ThinkingDelta thinking -> joined.append(thinking.text());
                    case ChatEvent.ToolCallArgsDelta args -> joined.append(args.json());
                    default -> write(next, event, out);
                }
            }
            String whole = joined.toString();
            write(next, switch (next.kind) {
                case "text" -> new ChatEvent.TextDelta(0, whole);
                case "thinking" -> new ChatEvent.ThinkingDelta(0, whole);
                default -> new ChatEvent.ToolCallArgsDelta(0, whole);
            }, out);
        }
    }

    /** Closes the open block and sends every waiting one, whole: nothing more will come. */
    private void settle(List<byte[]> out) {
        while (!waiting.isEmpty()) {
            close(out);
            advance(out);
        }
        close(out);
    }

    /** Opens {@code block} with the {@code content_block_start} for its first event. */
    private void begin(AnthropicStreamBlock block, ChatEvent first, List<byte[]> out) {
        ObjectNode contentBlock = NODES.objectNode().put("type", block.kind);
        switch (first) {
            case ChatEvent.TextDelta t -> contentBlock.put("text", "");
            case ChatEvent.ThinkingDelta t -> contentBlock.put("thinking", "").put("signature", "");
            case ChatEvent.RedactedThinkingBlock redacted -> contentBlock.put("data", redacted.data());
            case ChatEvent.ToolCallStart call -> {
                contentBlock.put("id", call.id()).put("name", call.name());
                contentBlock.putObject("input");
            }
            default -> throw new IllegalStateException("a block opens with " + first);
        }
        block.wireIndex = nextIndex++;
        open = block;
        ObjectNode data = NODES.objectNode().put("type", "content_block_start").put("index", block.wireIndex);
        data.set("content_block", contentBlock);
        out.add(frame("content_block_start", data));
    }

    /** The deltas of one event for the open {@code block}. */
    private void write(AnthropicStreamBlock block, ChatEvent event, List<byte[]> out) {
        boolean thinkingBlock = block.kind.equals("thinking");
        switch (event) {
            case ChatEvent.TextDelta text when block.kind.equals("text") && !text.text().isEmpty() ->
                    delta(out, block, NODES.objectNode().put("type", "text_delta").put("text", text.text()));
            case ChatEvent.ThinkingDelta thinking when thinkingBlock && !thinking.text().isEmpty() ->
                    delta(out, block, NODES.objectNode().put("type", "thinking_delta")
                            .put("thinking", thinking.text()));
            case ChatEvent.ToolCallArgsDelta args when block.tool() && !args.json().isEmpty() -> {
                block.arguments(args.json());
                delta(out, block, NODES.objectNode().put("type", "input_json_delta")
                        .put("partial_json", args.json()));
            }
            case ChatEvent.SignatureDelta signature when thinkingBlock -> block.sign(signature.signature());
            default -> { }
        }
    }

    private void delta(List<byte[]> out, AnthropicStreamBlock block, ObjectNode delta) {
        ObjectNode data = NODES.objectNode().put("type", "content_block_delta").put("index", block.wireIndex);
        data.set("delta", delta);
        out.add(frame("content_block_delta", data));
    }

    /** Ends the open block: a thinking block's signature first, then its {@code content_block_stop}. */
    private void close(List<byte[]> out) {
        if (open == null) {
            return;
        }
        if (open.kind.equals("thinking")) {
            String signature = Signatures.forCaller(open.signature(), maker, AnthropicFormat.INSTANCE);
            if (!signature.isEmpty()) {
                delta(out, open, NODES.objectNode().put("type", "signature_delta").put("signature", signature));
            }
        }
        out.add(frame("content_block_stop",
                NODES.objectNode().put("type", "content_block_stop").put("index", open.wireIndex)));
        open = null;
    }

    private void end(List<byte[]> out) {
        settle(out);
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
