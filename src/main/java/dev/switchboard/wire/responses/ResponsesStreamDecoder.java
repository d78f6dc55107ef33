package dev.switchboard.wire.responses;

import static dev.switchboard.wire.responses.ResponsesFields.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.GatewayException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the events of one Responses stream into canonical events, keeping the {@link ChatEvent}
 * ordering contract. {@code response.created} starts the answer; each {@code output_text} (or
 * {@code refusal}) part of a message, each reasoning item and each function call is a block, opened
 * by its first text, its first summary text or its signature, and at once for a call. A reasoning
 * item's summary parts are joined by blank lines, its {@code reasoning_text} added as it comes, and
 * its {@code encrypted_content} (in {@code response.output_item.done}) is the block's signature.
 * Text that only a {@code .done} event carries (some compatible servers send no deltas) is taken
 * from it. {@code response.completed} and {@code response.incomplete} give the stop reason and the
 * usage; {@code response.failed} and {@code error} events throw
 * {@link GatewayException.UpstreamUnavailable} with their message. Items of tools only OpenAI runs
 * yield nothing. Not thread-safe: one per stream.
 */
public final class ResponsesStreamDecoder {

    /** What is known of one output item, by its {@code output_index}. */
    private static final class Item {
        final String type;
        /** The block of a reasoning item or function call; -1 until opened. */
        int block = -1;
        /** The block of each part of a message, by {@code content_index}. */
        final Map<Integer, Integer> parts = new HashMap<>();
        /** The parts (or, for reasoning, summary indexes; -1 for reasoning text) whose text arrived. */
        final Set<Integer> texted = new HashSet<>();
        int summary = -1;
        boolean hasText;
        boolean argued;
        boolean signed;

        Item(String type) {
            this.type = type;
        }
    }

    private final Map<Integer, Item> items = new HashMap<>();
    private int nextBlock;
    private int lastBlock = -1;
    private boolean started;
    private boolean stopped;
    private boolean calledFunction;

    /** The events of one SSE event: its {@code event:} name (or null; the data's {@code type} wins) and its data. */
    public List<ChatEvent> decode(String eventName, JsonNode data) {
        if (data == null || !data.isObject()) {
            throw new GatewayException.UpstreamUnavailable("The provider sent a stream event that is not a JSON object",
                    null);
        }
        String type = textOf(data.get("type")).orElse(eventName == null ? "" : eventName);
        List<ChatEvent> events = new ArrayList<>(2);
        int index = data.path("output_index").asInt(-1);
        switch (type) {
            case "response.created", "response.in_progress", "response.queued" -> start(data.path("response"), events);
            case "response.output_item.added" -> added(index, data.path("item"), events);
            case "response.output_text.delta", "response.refusal.delta" ->
                    text(index, data.path("content_index").asInt(0), textOf(data.get("delta")), events);
            case "response.output_text.done" -> textDone(index, data.path("content_index").asInt(0),
                    textOf(data.get("text")), events);
            case "response.refusal.done" -> textDone(index, data.path("content_index").asInt(0),
                    textOf(data.get("refusal")), events);
            case "response.content_part.done" -> {
                JsonNode part = data.path("part");
                textDone(index, data.path("content_index").asInt(0),
                        textOf(part.get("text")).or(() -> textOf(part.get("refusal"))), events);
            }
            case "response.function_call_arguments.delta" -> arguments(index, textOf(data.get("delta")), events);
            case "response.function_call_arguments.done" -> {
                Item item = items.get(index);
                if (item != null && !item.argued) {
                    arguments(index, textOf(data.get("arguments")), events);
                }
            }
            case "response.reasoning_summary_text.delta" ->
                    thinking(index, data.path("summary_index").asInt(0), textOf(data.get("delta")), events);
            case "response.reasoning_summary_text.done" -> thinkingDone(index, data.path("summary_index").asInt(0),
                    textOf(data.get("text")), events);
            case "response.reasoning_text.delta" -> thinking(index, -1, textOf(data.get("delta")), events);
            case "response.reasoning_text.done" -> thinkingDone(index, -1, textOf(data.get("text")), events);
            case "response.output_item.done" -> done(index, data.path("item"), events);
            case "response.completed", "response.incomplete" -> {
                JsonNode response = data.path("response");
                start(response, events);
                if (!stopped) {
                    stopped = true;
                    events.add(new ChatEvent.Stop(ResponsesStopReasons.decode(textOf(response.get("status"))
                                    .orElse(type.equals("response.completed") ? "completed" : "incomplete"),
                            textOf(response.path("incomplete_details").get("reason")), calledFunction)));
                }
                if (response.path("usage").isObject()) {
                    events.add(new ChatEvent.UsageUpdate(ResponsesUsage.decode(response.get("usage"))));
                }
            }
            case "response.failed" -> throw new GatewayException.UpstreamUnavailable(
                    "The provider reported an error mid-stream: " + ResponsesRelay.failedMessage(data), null);
            case "error" -> throw new GatewayException.UpstreamUnavailable(
                    "The provider reported an error mid-stream: " + ResponsesRelay.errorMessage(data), null);
            default -> { }
        }
        return events;
    }

    private void start(JsonNode response, List<ChatEvent> events) {
        if (!started) {
            started = true;
            events.add(new ChatEvent.MessageStart(textOf(response.get("id")).orElse(""),
                    textOf(response.get("model")).filter(m -> !m.isBlank()), Optional.of(ResponsesFormat.INSTANCE)));
        }
    }

    private Item item(int index, String type) {
        return items.computeIfAbsent(index, i -> new Item(type));
    }

    private void added(int index, JsonNode body, List<ChatEvent> events) {
        start(ResponsesFields.NODES.missingNode(), events);
        String type = ResponsesFields.type(body);
        Item item = item(index, type);
        if (type.equals("function_call")) {
            call(index, item, body, events);
        }
    }

    /** Opens a function call's block, with its arguments when the item already holds them. */
    private void call(int index, Item item, JsonNode body, List<ChatEvent> events) {
        if (item.block >= 0) {
            return;
        }
        calledFunction = true;
        item.block = open();
        events.add(new ChatEvent.ToolCallStart(item.block, ResponsesOutput.callId(body),
                textOf(body.get("name")).orElse("")));
        textOf(body.get("arguments")).filter(a -> !a.isEmpty())
                .ifPresent(a -> arguments(index, Optional.of(a), events));
    }

    private void arguments(int index, Optional<String> json, List<ChatEvent> events) {
        Item item = items.get(index);
        if (item == null || item.block < 0 || json.filter(j -> !j.isEmpty()).isEmpty()) {
            return;
        }
        item.argued = true;
        events.add(new ChatEvent.ToolCallArgsDelta(item.block, json.get()));
    }

    private void text(int index, int part, Optional<String> delta, List<ChatEvent> events) {
        if (delta.filter(d -> !d.isEmpty()).isEmpty()) {
            return;
        }
        start(ResponsesFields.NODES.missingNode(), events);
        Item item = item(index, "message");
        Integer block = item.parts.get(part);
        if (block == null || block != lastBlock) {
            block = open();
            item.parts.put(part, block);
        }
        item.texted.add(part);
        events.add(new ChatEvent.TextDelta(block, delta.get()));
    }

    private void textDone(int index, int part, Optional<String> text, List<ChatEvent> events) {
        Item item = items.get(index);
        if (item == null || !item.texted.contains(part)) {
            text(index, part, text, events);
        }
    }

    /** Reasoning text for {@code summary} (a summary index, or -1 for {@code reasoning_text}). */
    private void thinking(int index, int summary, Optional<String> delta, List<ChatEvent> events) {
        if (delta.filter(d -> !d.isEmpty()).isEmpty()) {
            return;
        }
        start(ResponsesFields.NODES.missingNode(), events);
        Item item = item(index, "reasoning");
        openThinking(item, events);
        if (summary != item.summary && item.hasText && summary >= 0) {
            events.add(new ChatEvent.ThinkingDelta(item.block, "\n\n"));
        }
        item.summary = summary;
        item.hasText = true;
        item.texted.add(summary);
        events.add(new ChatEvent.ThinkingDelta(item.block, delta.get()));
    }

    private void thinkingDone(int index, int summary, Optional<String> text, List<ChatEvent> events) {
        Item item = items.get(index);
        if (item == null || !item.texted.contains(summary)) {
            thinking(index, summary, text, events);
        }
    }

    /** Opens a reasoning item's block, or a new one if another block opened after it. */
    private void openThinking(Item item, List<ChatEvent> events) {
        if (item.block < 0 || item.block != lastBlock) {
            item.block = open();
            events.add(new ChatEvent.ThinkingDelta(item.block, ""));
        }
    }

    private void done(int index, JsonNode body, List<ChatEvent> events) {
        start(ResponsesFields.NODES.missingNode(), events);
        String type = ResponsesFields.type(body);
        Item item = item(index, type);
        switch (type) {
            case "function_call" -> {
                call(index, item, body, events);
                if (!item.argued) {
                    arguments(index, Optional.of(ResponsesOutput.arguments(body.get("arguments"))), events);
                }
            }
            case "reasoning" -> {
                if (!item.hasText) {
                    ResponsesReasoning.read(body).map(t -> t.text()).filter(t -> !t.isEmpty())
                            .ifPresent(t -> thinking(index, 0, Optional.of(t), events));
                }
                Optional<String> encrypted = textOf(body.get("encrypted_content")).filter(e -> !e.isEmpty());
                if (encrypted.isPresent() && !item.signed) {
                    item.signed = true;
                    openThinking(item, events);
                    events.add(new ChatEvent.SignatureDelta(item.block, encrypted.get()));
                }
            }
            case "message" -> {
                JsonNode content = body.path("content");
                for (int part = 0; part < content.size(); part++) {
                    JsonNode node = content.get(part);
                    textDone(index, part, textOf(node.get("text")).or(() -> textOf(node.get("refusal"))), events);
                }
            }
            default -> { }
        }
    }

    private int open() {
        lastBlock = nextBlock++;
        return lastBlock;
    }
}
