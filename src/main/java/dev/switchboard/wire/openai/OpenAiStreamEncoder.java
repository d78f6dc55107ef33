package dev.switchboard.wire.openai;

import static dev.switchboard.wire.openai.OpenAiFields.NODES;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.Usage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders canonical events as the {@code chat.completion.chunk}s OpenAI sends: a first chunk with
 * {@code delta.role: "assistant"}, content and {@code reasoning_content} deltas, tool calls numbered
 * 0, 1, ... among the tool calls (their {@code id}, {@code type} and {@code function.name} on the
 * first chunk, argument text after), a chunk with the {@code finish_reason}, and, only when the
 * caller asked for {@code include_usage}, {@code "usage": null} on every chunk and one final chunk
 * with {@code choices: []} and the usage.
 *
 * <p>The usage chunk goes out when the first {@link ChatEvent.UsageUpdate} after
 * {@link ChatEvent.Stop} arrives (the usual order), or else from {@link #finish()}, which the writer
 * must call before {@code data: [DONE]}. Signatures and redacted thinking have no OpenAI form and are
 * dropped. Not thread-safe: one per caller stream.
 */
public final class OpenAiStreamEncoder {

    private final String id;
    private final String model;
    private final long created;
    private final boolean includeUsage;
    private final Map<Integer, Integer> toolIndexes = new HashMap<>();
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
        switch (event) {
            case ChatEvent.MessageStart start -> { }
            case ChatEvent.TextDelta text -> out.add(chunk(NODES.objectNode().put("content", text.text()), Optional.empty()));
            case ChatEvent.ThinkingDelta thinking ->
                    out.add(chunk(NODES.objectNode().put("reasoning_content", thinking.text()), Optional.empty()));
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
            case ChatEvent.SignatureDelta signature -> { }
            case ChatEvent.RedactedThinkingBlock redacted -> { }
            case ChatEvent.UsageUpdate update -> {
                usage = Optional.of(update.usage());
                if (stopped) {
                    out.addAll(finish());
                }
            }
            case ChatEvent.Stop stop -> {
                if (!stopped) {
                    stopped = true;
                    out.add(chunk(NODES.objectNode(), Optional.of(OpenAiFinishReasons.encode(stop.reason()))));
                }
            }
        }
        return out;
    }

    /**
     * The chunks still owed at the end of the stream: the usage chunk, if the caller asked for it, a
     * provider reported usage, and it has not been sent yet. Later usage updates are ignored once it
     * has been sent, since clients add up usage chunks.
     */
    public List<ObjectNode> finish() {
        if (!includeUsage || usageSent || usage.isEmpty()) {
            return List.of();
        }
        usageSent = true;
        ObjectNode chunk = header();
        chunk.putArray("choices");
        chunk.set("usage", OpenAiUsage.encode(usage.get()));
        return List.of(chunk);
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
