package dev.switchboard.wire.openai;

import static dev.switchboard.wire.openai.OpenAiFields.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.GatewayException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the {@code chat.completion.chunk}s of one OpenAI-format stream into canonical events, keeping
 * the {@link ChatEvent} ordering contract. Block indexes are given in order of appearance: reasoning
 * ({@code reasoning_content} or {@code reasoning}, or Mistral's {@code thinking} chunks in a list
 * {@code content}), text ({@code content}, and {@code refusal}, which has no event of its own) and
 * each tool call (by its {@code index} in {@code tool_calls}, or a new {@code id} at that index) get
 * their own block; a call without an id gets a random one ({@link OpenAiCallIds}). Only choice 0 is
 * followed. A chunk with no choices and no usage (Azure's content-filter preamble) yields nothing.
 * Not thread-safe: one per stream.
 */
public final class OpenAiStreamDecoder {

    private record ToolSlot(int block, String id) {
    }

    private final Map<Integer, ToolSlot> tools = new HashMap<>();
    private boolean started;
    private boolean stopped;
    private int nextBlock;
    private int openBlock = -1;
    private int textBlock = -1;
    private int thinkingBlock = -1;

    /** The events of one chunk (the JSON of one {@code data:} line, {@code [DONE]} excluded). */
    public List<ChatEvent> decode(JsonNode chunk) {
        if (chunk == null || !chunk.isObject()) {
            throw new GatewayException.UpstreamUnavailable("The provider sent a stream chunk that is not a JSON object",
                    null);
        }
        List<ChatEvent> events = new ArrayList<>(2);
        JsonNode choices = chunk.path("choices");
        JsonNode usage = chunk.get("usage");
        if (usage == null || !usage.isObject()) {
            usage = chunk.path("x_groq").get("usage");
        }
        boolean hasUsage = usage != null && usage.isObject();
        if (!started && (!choices.isEmpty() || hasUsage)) {
            started = true;
            events.add(new ChatEvent.MessageStart(textOf(chunk.get("id")).orElse(""),
                    textOf(chunk.get("model")).filter(m -> !m.isBlank()),
                    Optional.of(OpenAiChatFormat.INSTANCE)));
        }
        for (JsonNode choice : choices) {
            if (choice.path("index").asInt(0) == 0) {
                choice(choice, events);
            }
        }
        if (hasUsage) {
            events.add(new ChatEvent.UsageUpdate(OpenAiUsage.decode(usage)));
        }
        return events;
    }

    private void choice(JsonNode choice, List<ChatEvent> events) {
        JsonNode delta = choice.path("delta");
        nonEmpty(delta.get("reasoning_content")).or(() -> nonEmpty(delta.get("reasoning")))
                .ifPresent(reasoning -> thinking(reasoning, events));
        JsonNode content = delta.get("content");
        if (content != null && content.isArray()) {
            // Mistral's content chunks: thinking as {"type": "thinking", "thinking": [text chunks]}.
            for (JsonNode part : content) {
                switch (part.path("type").asText("")) {
                    case "thinking" -> part.path("thinking").forEach(inner -> nonEmpty(inner.get("text"))
                            .ifPresent(t -> thinking(t, events)));
                    case "text" -> nonEmpty(part.get("text")).ifPresent(t -> text(t, events));
                    default -> { }
                }
            }
        } else {
            nonEmpty(content).ifPresent(t -> text(t, events));
        }
        nonEmpty(delta.get("refusal")).ifPresent(t -> text(t, events));
        JsonNode calls = delta.path("tool_calls");
        for (int p = 0; p < calls.size(); p++) {
            JsonNode call = calls.get(p);
            toolCall(call.path("index").asInt(p), textOf(call.get("id")).filter(id -> !id.isEmpty()),
                    call.path("function"), events);
        }
        if (delta.path("function_call").isObject()) {
            toolCall(-1, Optional.empty(), delta.get("function_call"), events);
        }
        Optional<String> finish = textOf(choice.get("finish_reason"));
        if (finish.isPresent() && !stopped) {
            stopped = true;
            events.add(new ChatEvent.Stop(OpenAiFinishReasons.decode(finish)));
        }
    }

    private void toolCall(int key, Optional<String> id, JsonNode function, List<ChatEvent> events) {
        ToolSlot slot = tools.get(key);
        if (slot == null || (id.isPresent() && !id.get().equals(slot.id()))) {
            int block = open();
            slot = new ToolSlot(block, id.orElseGet(OpenAiCallIds::next));
            tools.put(key, slot);
            events.add(new ChatEvent.ToolCallStart(block, slot.id(), textOf(function.get("name")).orElse("")));
        }
        JsonNode args = function.get("arguments");
        String json = args == null ? "" : args.isTextual() ? args.textValue() : args.isObject() ? args.toString() : "";
        if (!json.isEmpty()) {
            events.add(new ChatEvent.ToolCallArgsDelta(slot.block(), json));
        }
    }

    private void thinking(String piece, List<ChatEvent> events) {
        if (thinkingBlock < 0 || openBlock != thinkingBlock) {
            thinkingBlock = open();
        }
        events.add(new ChatEvent.ThinkingDelta(thinkingBlock, piece));
    }

    private void text(String piece, List<ChatEvent> events) {
        if (textBlock < 0 || openBlock != textBlock) {
            textBlock = open();
        }
        events.add(new ChatEvent.TextDelta(textBlock, piece));
    }

    private int open() {
        openBlock = nextBlock++;
        return openBlock;
    }

    private static Optional<String> nonEmpty(JsonNode node) {
        return textOf(node).filter(s -> !s.isEmpty());
    }
}
