package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.AnthropicFields.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.StopReason;
import dev.switchboard.core.Usage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the events of one Anthropic Messages stream into canonical events, keeping the
 * {@link ChatEvent} ordering contract. Each {@code content_block_start} of a text, thinking,
 * redacted-thinking or tool-use block opens a canonical block (with a possibly empty first delta, so
 * that a thinking block whose text is omitted still opens before its signature); blocks of other
 * types (server tools) are skipped and the rest renumbered without gaps. A tool call whose input
 * streamed no text gets the arguments {@code {}}.
 *
 * <p>Usage: {@code message_start} carries the input and cache counts, {@code message_delta} the
 * cumulative output (and, lately, input) counts; each yields a {@link ChatEvent.UsageUpdate} with
 * the running totals. {@code ping} and unknown events yield nothing; an {@code error} event throws
 * {@link GatewayException.UpstreamUnavailable} with its type and message. Not thread-safe: one per
 * stream.
 */
public final class AnthropicStreamDecoder {

    private final Map<Integer, Integer> blocks = new HashMap<>();
    private final Set<Integer> toolBlocks = new HashSet<>();
    private final Set<Integer> toolArgsSeen = new HashSet<>();
    private int nextBlock;
    private boolean started;
    private boolean stopped;
    private Usage usage = Usage.NONE;

    /**
     * The events of one SSE event: its {@code event:} name (may be null: the data's {@code type}
     * wins) and the JSON of its {@code data:}.
     */
    public List<ChatEvent> decode(String eventName, JsonNode data) {
        if (data == null || !data.isObject()) {
            throw new GatewayException.UpstreamUnavailable("The provider sent a stream event that is not a JSON object",
                    null);
        }
        String type = textOf(data.get("type")).orElse(eventName == null ? "" : eventName);
        List<ChatEvent> events = new ArrayList<>(2);
        switch (type) {
            case "message_start" -> {
                JsonNode message = data.path("message");
                start(events, textOf(message.get("id")).orElse(""), textOf(message.get("model")));
                if (message.path("usage").isObject()) {
                    usage = AnthropicUsage.decode(message.get("usage"));
                    events.add(new ChatEvent.UsageUpdate(usage));
                }
            }
            case "content_block_start" -> blockStart(data.path("index").asInt(-1), data.path("content_block"), events);
            case "content_block_delta" -> blockDelta(data.path("index").asInt(-1), data.path("delta"), events);
            case "content_block_stop" -> {
                Integer block = blocks.get(data.path("index").asInt(-1));
                if (block != null && toolBlocks.contains(block) && toolArgsSeen.add(block)) {
                    events.add(new ChatEvent.ToolCallArgsDelta(block, "{}"));
                }
            }
            case "message_delta" -> {
                start(events, "", Optional.empty());
                Optional<String> reason = textOf(data.path("delta").get("stop_reason"));
                if (reason.isPresent() && !stopped) {
                    stopped = true;
                    events.add(new ChatEvent.Stop(AnthropicStopReasons.decode(reason)));
                }
                if (data.path("usage").isObject()) {
                    usage = AnthropicUsage.merge(usage, data.get("usage"));
                    events.add(new ChatEvent.UsageUpdate(usage));
                }
            }
            case "message_stop" -> {
                start(events, "", Optional.empty());
                if (!stopped) {
                    stopped = true;
                    events.add(new ChatEvent.Stop(StopReason.UNKNOWN));
                }
            }
            case "error" -> {
                var detail = AnthropicErrors.read(data);
                throw new GatewayException.UpstreamUnavailable("The provider reported an error mid-stream: "
                        + detail.map(d -> d.type() + ": " + d.message()).orElse("unknown error"), null);
            }
            default -> { }
        }
        return events;
    }

    private void start(List<ChatEvent> events, String id, Optional<String> model) {
        if (!started) {
            started = true;
            events.add(new ChatEvent.MessageStart(id, model.filter(m -> !m.isBlank()),
                    Optional.of(AnthropicFormat.INSTANCE)));
        }
    }

    private void blockStart(int index, JsonNode block, List<ChatEvent> events) {
        start(events, "", Optional.empty());
        String type = AnthropicFields.type(block);
        if (!Set.of("text", "thinking", "redacted_thinking", "tool_use").contains(type) || blocks.containsKey(index)) {
            return;
        }
        int canonical = nextBlock++;
        blocks.put(index, canonical);
        switch (type) {
            case "text" -> events.add(new ChatEvent.TextDelta(canonical, textOf(block.get("text")).orElse("")));
            case "thinking" -> {
                events.add(new ChatEvent.ThinkingDelta(canonical, textOf(block.get("thinking")).orElse("")));
                textOf(block.get("signature")).filter(s -> !s.isEmpty())
                        .ifPresent(s -> events.add(new ChatEvent.SignatureDelta(canonical, s)));
            }
            case "redacted_thinking" -> events.add(new ChatEvent.RedactedThinkingBlock(canonical,
                    textOf(block.get("data")).orElse("")));
            default -> {
                toolBlocks.add(canonical);
                events.add(new ChatEvent.ToolCallStart(canonical, textOf(block.get("id")).orElse("toolu_" + canonical),
                        textOf(block.get("name")).orElse("")));
                JsonNode input = block.get("input");
                if (input != null && input.isObject() && !input.isEmpty()) {
                    toolArgsSeen.add(canonical);
                    events.add(new ChatEvent.ToolCallArgsDelta(canonical, input.toString()));
                }
            }
        }
    }

    private void blockDelta(int index, JsonNode delta, List<ChatEvent> events) {
        Integer block = blocks.get(index);
        if (block == null) {
            return;
        }
        switch (AnthropicFields.type(delta)) {
            case "text_delta" -> nonEmpty(delta.get("text"))
                    .ifPresent(t -> events.add(new ChatEvent.TextDelta(block, t)));
            case "thinking_delta" -> nonEmpty(delta.get("thinking"))
                    .ifPresent(t -> events.add(new ChatEvent.ThinkingDelta(block, t)));
            case "signature_delta" -> nonEmpty(delta.get("signature"))
                    .ifPresent(s -> events.add(new ChatEvent.SignatureDelta(block, s)));
            case "input_json_delta" -> nonEmpty(delta.get("partial_json")).ifPresent(json -> {
                toolArgsSeen.add(block);
                events.add(new ChatEvent.ToolCallArgsDelta(block, json));
            });
            default -> { }
        }
    }

    private static Optional<String> nonEmpty(JsonNode node) {
        return textOf(node).filter(s -> !s.isEmpty());
    }
}
