package dev.switchboard.wire.responses;

import static dev.switchboard.wire.responses.ResponsesFields.NODES;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.StopReason;
import dev.switchboard.core.Thinking;
import dev.switchboard.core.Usage;
import dev.switchboard.core.WireFormat;
import dev.switchboard.wire.responses.ResponsesStreamItem.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders canonical events as the Responses event stream OpenAI sends: frames
 * {@code event: <type>\ndata: <json>\n\n}, each with its {@code type} and a {@code sequence_number}
 * counting from 0. {@code response.created} and {@code response.in_progress} come first; then item
 * by item {@code response.output_item.added}, the item's events and {@code response.output_item.done}:
 * <ul>
 * <li>a message: per text block one part, {@code response.content_part.added},
 *     {@code response.output_text.delta}s, {@code response.output_text.done},
 *     {@code response.content_part.done} (consecutive text blocks are parts of one message);</li>
 * <li>a function call: {@code response.function_call_arguments.delta}s and
 *     {@code response.function_call_arguments.done};</li>
 * <li>reasoning: {@code response.reasoning_summary_part.added},
 *     {@code response.reasoning_summary_text.delta}s, {@code response.reasoning_summary_text.done},
 *     {@code response.reasoning_summary_part.done} (none for thinking without text), the item done
 *     with the signature as {@code encrypted_content} (see {@link ResponsesReasoning#output}).</li>
 * </ul>
 * and last {@code response.completed} (or {@code response.incomplete}) with the whole response and
 * its usage. There is no {@code [DONE]}.
 *
 * <p>Items go out one at a time, in the order their blocks opened. A block that opens while a tool
 * call is open and its arguments are not yet one whole JSON object (parallel calls a provider
 * interleaves) is held, with what arrives for it, and sent as soon as every block before it is
 * settled, at the latest when the answer stops. The closing event goes out with the first usage
 * update after {@link ChatEvent.Stop} (the usual order), or else from {@link #finish()}, which the
 * writer must call when the canonical stream ends. Redacted thinking and signatures of blocks other
 * than thinking have no Responses form and are dropped. Not thread-safe: one per caller stream.
 */
public final class ResponsesStreamEncoder implements WireFormat.StreamEncoder {

    /** The output item being written. */
    private static final class Item {
        final Kind kind;
        final int outputIndex;
        final String id;
        final StringBuilder text = new StringBuilder();
        final StringBuilder signature = new StringBuilder();
        final ArrayNode parts = NODES.arrayNode();
        String callId = "";
        String name = "";
        boolean partOpen;
        boolean summaryOpen;

        Item(Kind kind, int outputIndex, String id) {
            this.kind = kind;
            this.outputIndex = outputIndex;
            this.id = id;
        }
    }

    private final String responseId;
    private final String model;
    private final long createdAt;
    private final ResponsesEnvelope.Echo echo;
    private final ArrayNode output = NODES.arrayNode();
    private final Map<Integer, ResponsesStreamItem> blocks = new HashMap<>();
    private final Deque<ResponsesStreamItem> waiting = new ArrayDeque<>();
    private ResponsesStreamItem openBlock;
    private Item item;
    private Optional<WireFormat> maker = Optional.empty();
    private int sequence;
    private boolean started;
    private boolean stopped;
    private boolean ended;
    private StopReason stopReason = StopReason.UNKNOWN;
    private Optional<Usage> usage = Optional.empty();

    /**
     * {@code responseId} and {@code model} as the caller should see them, {@code createdAt} in Unix
     * seconds; {@code echo} the request fields every {@code response} object repeats.
     */
    ResponsesStreamEncoder(String responseId, String model, long createdAt, ResponsesEnvelope.Echo echo) {
        this.responseId = responseId;
        this.model = model;
        this.createdAt = createdAt;
        this.echo = echo;
    }

    /** The frames for one event, possibly none. */
    @Override
    public List<byte[]> encode(ChatEvent event) {
        List<byte[]> out = new ArrayList<>(4);
        if (ended) {
            return out;
        }
        start(out);
        switch (event) {
            case ChatEvent.MessageStart start -> maker = start.sourceFormat();
            case ChatEvent.TextDelta text -> content(text.index(), Kind.TEXT, event, out);
            case ChatEvent.ThinkingDelta thinking -> content(thinking.index(), Kind.THINKING, event, out);
            case ChatEvent.ToolCallStart call -> content(call.index(), Kind.TOOL, event, out);
            case ChatEvent.ToolCallArgsDelta args -> content(args.index(), null, event, out);
            case ChatEvent.SignatureDelta signature -> content(signature.index(), null, event, out);
            case ChatEvent.RedactedThinkingBlock redacted -> { }
            case ChatEvent.UsageUpdate update -> {
                usage = Optional.of(update.usage());
                if (stopped) {
                    end(out);
                }
            }
            case ChatEvent.Stop stop -> {
                if (!stopped) {
                    stopped = true;
                    stopReason = stop.reason();
                    settle(out);
                    closeItem(out);
                }
            }
        }
        return out;
    }

    /**
     * The frames still owed when the canonical stream ends: the open item's end and
     * {@code response.completed} (or {@code response.incomplete}). Empty once they have been sent.
     */
    @Override
    public List<byte[]> finish() {
        List<byte[]> out = new ArrayList<>(4);
        if (!ended) {
            start(out);
            if (!stopped) {
                stopped = true;
                settle(out);
                closeItem(out);
            }
            end(out);
        }
        return out;
    }

    /** The held blocks, sent before an error event ends the stream early. */
    @Override
    public List<byte[]> flush() {
        List<byte[]> out = new ArrayList<>(4);
        if (!ended) {
            settle(out);
        }
        return out;
    }

    private void start(List<byte[]> out) {
        if (started) {
            return;
        }
        started = true;
        for (String type : List.of("response.created", "response.in_progress")) {
            ObjectNode data = NODES.objectNode().put("type", type);
            data.set("response", ResponsesEnvelope.response(responseId, createdAt, model, "in_progress",
                    Optional.empty(), NODES.arrayNode(), Optional.empty(), echo));
            out.add(frame(data));
        }
    }

    /**
     * Routes a content event to canonical block {@code index}; {@code opens} is the kind of block the
     * event opens when the index is new, or null for events that open none.
     */
    private void content(int index, Kind opens, ChatEvent event, List<byte[]> out) {
        if (stopped) {
            return;
        }
        ResponsesStreamItem block = blocks.get(index);
        if (block == null) {
            if (opens == null) {
                return;
            }
            block = new ResponsesStreamItem(opens);
            blocks.put(index, block);
            if (!waiting.isEmpty() || openBlock != null && !openBlock.settled()) {
                block.hold(event);
                waiting.add(block);
                return;
            }
            begin(block, event, out);
        } else if (block.held()) {
            block.hold(event);
            return;
        } else if (block != openBlock) {
            return;
        }
        write(block, event, out);
        if (block.kind == Kind.TOOL && !waiting.isEmpty() && block.settled()) {
            advance(out);
        }
    }

    /** Sends waiting blocks while every block before them is settled; the last one sent stays open. */
    private void advance(List<byte[]> out) {
        while (!waiting.isEmpty() && (openBlock == null || openBlock.settled())) {
            ResponsesStreamItem next = waiting.poll();
            List<ChatEvent> events = next.release();
            begin(next, events.getFirst(), out);
            for (ChatEvent event : events) {
                write(next, event, out);
            }
        }
    }

    /** Sends every waiting block: nothing more will come before them. */
    private void settle(List<byte[]> out) {
        while (!waiting.isEmpty()) {
            openBlock = null;
            advance(out);
        }
    }

    /** Opens {@code block}: a new part of the open message for text after text, else a new item. */
    private void begin(ResponsesStreamItem block, ChatEvent first, List<byte[]> out) {
        openBlock = block;
        if (block.kind == Kind.TEXT && item != null && item.kind == Kind.TEXT) {
            closePart(out);
        } else {
            closeItem(out);
            item = switch (first) {
                case ChatEvent.ToolCallStart call -> {
                    Item opened = new Item(Kind.TOOL, output.size(), ResponsesIds.functionCall());
                    opened.callId = call.id();
                    opened.name = call.name();
                    yield opened;
                }
                default -> new Item(block.kind, output.size(),
                        block.kind == Kind.TEXT ? ResponsesIds.message() : ResponsesIds.reasoning());
            };
            ObjectNode added = event("response.output_item.added").put("output_index", item.outputIndex);
            added.set("item", switch (item.kind) {
                case TEXT -> ResponsesOutput.message(item.id, "in_progress", NODES.arrayNode());
                case THINKING -> ResponsesReasoning.output(new Thinking("", Optional.empty()), item.id, maker);
                case TOOL -> ResponsesOutput.functionCall(item.id, "in_progress", item.callId, item.name, "");
            });
            out.add(frame(added));
        }
        if (block.kind == Kind.TEXT) {
            item.partOpen = true;
            item.text.setLength(0);
            ObjectNode added = itemEvent("response.content_part.added").put("content_index", item.parts.size());
            added.set("part", ResponsesOutput.outputText("", Map.of()));
            out.add(frame(added));
        }
    }

    /** The events of one content event for the open block. */
    private void write(ResponsesStreamItem block, ChatEvent event, List<byte[]> out) {
        switch (event) {
            case ChatEvent.TextDelta text when !text.text().isEmpty() -> {
                item.text.append(text.text());
                ObjectNode delta = itemEvent("response.output_text.delta").put("content_index", item.parts.size())
                        .put("delta", text.text());
                delta.putArray("logprobs");
                out.add(frame(delta));
            }
            case ChatEvent.ThinkingDelta thinking when !thinking.text().isEmpty() -> {
                if (!item.summaryOpen) {
                    item.summaryOpen = true;
                    ObjectNode added = itemEvent("response.reasoning_summary_part.added").put("summary_index", 0);
                    added.set("part", summaryPart(""));
                    out.add(frame(added));
                }
                item.text.append(thinking.text());
                out.add(frame(itemEvent("response.reasoning_summary_text.delta").put("summary_index", 0)
                        .put("delta", thinking.text())));
            }
            case ChatEvent.ToolCallArgsDelta args when !args.json().isEmpty() -> {
                block.arguments(args.json());
                item.text.append(args.json());
                out.add(frame(itemEvent("response.function_call_arguments.delta").put("delta", args.json())));
            }
            case ChatEvent.SignatureDelta signature when block.kind == Kind.THINKING ->
                    item.signature.append(signature.signature());
            default -> { }
        }
    }

    /** Ends the open text part of a message. */
    private void closePart(List<byte[]> out) {
        if (item == null || !item.partOpen) {
            return;
        }
        item.partOpen = false;
        String text = item.text.toString();
        ObjectNode done = itemEvent("response.output_text.done").put("content_index", item.parts.size())
                .put("text", text);
        done.putArray("logprobs");
        out.add(frame(done));
        ObjectNode part = ResponsesOutput.outputText(text, Map.of());
        ObjectNode partDone = itemEvent("response.content_part.done").put("content_index", item.parts.size());
        partDone.set("part", part);
        out.add(frame(partDone));
        item.parts.add(part);
    }

    /** Ends the open item with its closing events and {@code response.output_item.done}. */
    private void closeItem(List<byte[]> out) {
        if (item == null) {
            return;
        }
        String text = item.text.toString();
        ObjectNode done = switch (item.kind) {
            case TEXT -> {
                closePart(out);
                yield ResponsesOutput.message(item.id, messageStatus(), item.parts);
            }
            case THINKING -> {
                if (item.summaryOpen) {
                    out.add(frame(itemEvent("response.reasoning_summary_text.done").put("summary_index", 0)
                            .put("text", text)));
                    ObjectNode partDone = itemEvent("response.reasoning_summary_part.done").put("summary_index", 0);
                    partDone.set("part", summaryPart(text));
                    out.add(frame(partDone));
                }
                String signature = item.signature.toString();
                yield ResponsesReasoning.output(new Thinking(text, Optional.of(signature).filter(s -> !s.isEmpty())),
                        item.id, maker);
            }
            case TOOL -> {
                out.add(frame(itemEvent("response.function_call_arguments.done").put("arguments", text)
                        .put("name", item.name)));
                yield ResponsesOutput.functionCall(item.id, "completed", item.callId, item.name, text);
            }
        };
        ObjectNode event = event("response.output_item.done").put("output_index", item.outputIndex);
        event.set("item", done);
        out.add(frame(event));
        output.add(done);
        item = null;
    }

    private String messageStatus() {
        return stopped && ResponsesStopReasons.incomplete(stopReason) ? "incomplete" : "completed";
    }

    private void end(List<byte[]> out) {
        ended = true;
        boolean incomplete = ResponsesStopReasons.incomplete(stopReason);
        ObjectNode data = event(incomplete ? "response.incomplete" : "response.completed");
        data.set("response", ResponsesEnvelope.response(responseId, createdAt, model,
                incomplete ? "incomplete" : "completed", ResponsesStopReasons.incompleteReason(stopReason), output,
                Optional.of(usage.orElse(Usage.NONE)), echo));
        out.add(frame(data));
    }

    private static ObjectNode summaryPart(String text) {
        return NODES.objectNode().put("type", "summary_text").put("text", text);
    }

    private ObjectNode event(String type) {
        return NODES.objectNode().put("type", type);
    }

    /** An event about the open item: its id and output index. */
    private ObjectNode itemEvent(String type) {
        return event(type).put("item_id", item.id).put("output_index", item.outputIndex);
    }

    /** The frame of an event, numbered in order. */
    private byte[] frame(ObjectNode data) {
        data.put("sequence_number", sequence++);
        return ("event: " + data.get("type").textValue() + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
