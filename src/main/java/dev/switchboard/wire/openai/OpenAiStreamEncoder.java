package dev.switchboard.wire.openai;

import static dev.switchboard.wire.openai.OpenAiFields.NODES;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.Usage;
import dev.switchboard.core.WireFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders canonical events as the {@code chat.completion.chunk}s OpenAI sends: a first chunk with
 * {@code delta.role: "assistant"}, content and {@code reasoning_content} deltas, tool calls numbered
 * 0, 1, ... among the tool calls (their {@code id}, {@code type} and {@code function.name} on the
 * first chunk, argument text after), a chunk with the {@code finish_reason}, and, only when the
 * caller asked for {@code include_usage}, {@code "usage": null} on every chunk and one final chunk
 * with {@code choices: []} and the usage.
 *
 * <p>Signed thinking goes out as {@link OpenAiThinkingBlocks} describes: its text streams as
 * {@code reasoning_content} as it arrives, and once the block is complete (a later block opens, or
 * the stream stops) one delta carries {@code thinking_blocks} with the whole block and its
 * signature, so a client that appends the blocks it receives holds blocks it can send back as they
 * are. A redacted block goes out at once the same way; a Gemini signature on a function call goes
 * out, once complete, as a {@code tool_calls} delta holding the call's {@code index}, no more
 * arguments ({@code "function": {"arguments": ""}}, which OpenAI's SDKs require of every tool-call
 * delta) and {@code extra_content}. Signatures on text have no OpenAI form and are dropped.
 *
 * <p>The usage chunk goes out when the first {@link ChatEvent.UsageUpdate} after
 * {@link ChatEvent.Stop} arrives (the usual order), or else from {@link #finish()}, which the writer
 * must call before {@code data: [DONE]}. Not thread-safe: one per caller stream.
 */
public final class OpenAiStreamEncoder {

    /** A thinking block or tool call whose signature may still be coming. */
    private static final class Signed {
        final boolean thinking;
        final StringBuilder text = new StringBuilder();
        final StringBuilder signature = new StringBuilder();

        Signed(boolean thinking) {
            this.thinking = thinking;
        }
    }

    private final String id;
    private final String model;
    private final long created;
    private final boolean includeUsage;
    private final Map<Integer, Integer> toolIndexes = new HashMap<>();
    private final Set<Integer> textBlocks = new HashSet<>();
    private final TreeMap<Integer, Signed> signed = new TreeMap<>();
    private Optional<WireFormat> maker = Optional.empty();
    private int lastBlock = -1;
    private boolean started;
    private boolean stopped;
    private boolean usageSent;
    private Optional<Usage> usage = Optional.empty();

    /** {@code id} and {@code model} as the caller should see them; {@code created} in Unix seconds. */
    public OpenAiStreamEncoder(String id, String model, long created, boolean includeUsage) {
        this.id = id;
        this.model = model;
        this.created = created;
        this.includeUsage = includeUsage;
    }

    /** The chunks for one event, possibly none. */
    public List<ObjectNode> encode(ChatEvent event) {
        List<ObjectNode> out = new ArrayList<>(2);
        if (!started) {
            started = true;
            ObjectNode delta = NODES.objectNode().put("role", "assistant").put("content", "");
            out.add(chunk(delta, Optional.empty()));
        }
        closeBefore(blockOf(event), out);
        switch (event) {
            case ChatEvent.MessageStart start -> maker = start.sourceFormat();
            case ChatEvent.TextDelta text -> {
                textBlocks.add(text.index());
                out.add(chunk(NODES.objectNode().put("content", text.text()), Optional.empty()));
            }
            case ChatEvent.ThinkingDelta thinking -> {
                signed.computeIfAbsent(thinking.index(), i -> new Signed(true)).text.append(thinking.text());
                out.add(chunk(NODES.objectNode().put("reasoning_content", thinking.text()), Optional.empty()));
            }
            case ChatEvent.ToolCallStart call -> {
                int index = toolIndexes.size();
                toolIndexes.put(call.index(), index);
                ObjectNode delta = NODES.objectNode();
                ObjectNode tool = delta.putArray("tool_calls").addObject()
                        .put("index", index).put("id", call.id()).put("type", "function");
                tool.putObject("function").put("name", call.name()).put("arguments", "");
                out.add(chunk(delta, Optional.empty()));
            }
            case ChatEvent.ToolCallArgsDelta args -> {
                Integer index = toolIndexes.get(args.index());
                if (index == null) {
                    index = toolIndexes.size();
                    toolIndexes.put(args.index(), index);
                }
                ObjectNode delta = NODES.objectNode();
                delta.putArray("tool_calls").addObject().put("index", index)
                        .putObject("function").put("arguments", args.json());
                out.add(chunk(delta, Optional.empty()));
            }
            case ChatEvent.SignatureDelta signature -> {
                if (!textBlocks.contains(signature.index())) {
                    boolean thinking = !toolIndexes.containsKey(signature.index());
                    signed.computeIfAbsent(signature.index(), i -> new Signed(thinking)).signature
                            .append(signature.signature());
                }
            }
            case ChatEvent.RedactedThinkingBlock redacted -> out.add(chunk(thinkingBlocks(
                    OpenAiThinkingBlocks.redacted(OpenAiThinkingBlocks.forCaller(redacted.data(), maker))),
                    Optional.empty()));
            case ChatEvent.UsageUpdate update -> {
                usage = Optional.of(update.usage());
                if (stopped) {
                    out.addAll(finish());
                }
            }
            case ChatEvent.Stop stop -> {
                if (!stopped) {
                    closeBefore(Integer.MAX_VALUE, out);
                    stopped = true;
                    out.add(chunk(NODES.objectNode(), Optional.of(OpenAiFinishReasons.encode(stop.reason()))));
                }
            }
        }
        return out;
    }

    /** The block an event opens or adds to; -1 if it opens none or may refer back (arguments may). */
    private static int blockOf(ChatEvent event) {
        return switch (event) {
            case ChatEvent.TextDelta e -> e.index();
            case ChatEvent.ThinkingDelta e -> e.index();
            case ChatEvent.ToolCallStart e -> e.index();
            case ChatEvent.SignatureDelta e -> e.index();
            case ChatEvent.RedactedThinkingBlock e -> e.index();
            default -> -1;
        };
    }

    /** Writes out the signed blocks before {@code block} once a block after them has opened. */
    private void closeBefore(int block, List<ObjectNode> out) {
        if (block <= lastBlock) {
            return;
        }
        lastBlock = Math.max(lastBlock, block);
        while (!signed.isEmpty() && signed.firstKey() < block) {
            var entry = signed.pollFirstEntry();
            Signed done = entry.getValue();
            if (done.signature.isEmpty()) {
                continue;
            }
            if (done.thinking) {
                String signature = OpenAiThinkingBlocks.forCaller(done.signature.toString(), maker);
                out.add(chunk(thinkingBlocks(OpenAiThinkingBlocks.thinking(done.text.toString(), signature)),
                        Optional.empty()));
                continue;
            }
            int tool = toolIndexes.get(entry.getKey());
            OpenAiThinkingBlocks.toolCallExtra(done.signature.toString(), maker).ifPresent(extra -> {
                ObjectNode delta = NODES.objectNode();
                ObjectNode call = delta.putArray("tool_calls").addObject().put("index", tool);
                // openai-java's accumulator refuses a tool-call delta without a function.
                call.putObject("function").put("arguments", "");
                call.set("extra_content", extra);
                out.add(chunk(delta, Optional.empty()));
            });
        }
    }

    private static ObjectNode thinkingBlocks(ObjectNode block) {
        ObjectNode delta = NODES.objectNode();
        delta.putArray(OpenAiThinkingBlocks.FIELD).add(block);
        return delta;
    }

    /**
     * The chunks still owed at the end of the stream: the usage chunk, if the caller asked for it, a
     * provider reported usage, and it has not been sent yet. Later usage updates are ignored once it
     * has been sent, since clients add up usage chunks.
     */
    public List<ObjectNode> finish() {
        List<ObjectNode> out = new ArrayList<>(1);
        if (!stopped) {
            closeBefore(Integer.MAX_VALUE, out);
        }
        if (!includeUsage || usageSent || usage.isEmpty()) {
            return out;
        }
        usageSent = true;
        ObjectNode chunk = header();
        chunk.putArray("choices");
        chunk.set("usage", OpenAiUsage.encode(usage.get()));
        out.add(chunk);
        return out;
    }

    private ObjectNode chunk(ObjectNode delta, Optional<String> finishReason) {
        ObjectNode chunk = header();
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        finishReason.ifPresentOrElse(r -> choice.put("finish_reason", r), () -> choice.putNull("finish_reason"));
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private ObjectNode header() {
        return NODES.objectNode().put("id", id).put("object", "chat.completion.chunk").put("created", created)
                .put("model", model);
    }
}
