package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.GeminiFields.get;
import static dev.switchboard.wire.gemini.GeminiFields.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.StopReason;
import dev.switchboard.core.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the chunks of one {@code streamGenerateContent?alt=sse} stream (each a whole
 * {@code GenerateContentResponse} holding the next parts) into canonical events, keeping the
 * {@link ChatEvent} ordering contract. Consecutive text parts are one text block and consecutive
 * thought parts one thinking block; each {@code functionCall} part, which Gemini sends whole, is a
 * block of its own with one {@link ChatEvent.ToolCallArgsDelta} holding the arguments JSON (a call
 * without an id gets a random one, as in {@link GeminiCodec#decodeResponse}: see {@link GeminiCalls}).
 * A part's {@code thoughtSignature} follows its delta as a {@link ChatEvent.SignatureDelta} of the
 * same block: on a thinking block it is the thinking's signature; on a text or tool-call block it
 * belongs in that block's extra as {@code thoughtSignature}. A signature on an empty text part
 * (Gemini sends those last) is kept too.
 *
 * <p>{@code finishReason} is {@link ChatEvent.Stop} ({@code STOP} after a function call is
 * {@link StopReason#TOOL_USE}); {@code usageMetadata}, which Gemini repeats cumulatively, is a
 * {@link ChatEvent.UsageUpdate} whenever it changes. Only candidate 0 is followed. Parts other than
 * text, thought and function calls (inline images, code execution) have no event and are skipped.
 * Legacy models sent {@code finishReason} on every chunk: only the first is a Stop, and content of
 * later chunks still comes through. An {@code error} object in the stream throws
 * {@link GatewayException.UpstreamUnavailable}. Not thread-safe: one per stream.
 */
public final class GeminiStreamDecoder {

    private enum Kind { TEXT, THINKING, TOOL }

    private boolean started;
    private boolean stopped;
    private boolean calledTools;
    private int nextBlock;
    private int openBlock = -1;
    private Kind openKind;
    private Optional<Usage> usage = Optional.empty();

    /** The events of one chunk (the JSON of one {@code data:} line). */
    public List<ChatEvent> decode(JsonNode chunk) {
        if (chunk == null || !chunk.isObject()) {
            throw new GatewayException.UpstreamUnavailable("The provider sent a stream chunk that is not a JSON object",
                    null);
        }
        if (chunk.path("error").isObject()) {
            String message = GeminiErrors.read(chunk).map(GeminiErrors.Detail::message).orElse("");
            throw new GatewayException.UpstreamUnavailable("The provider's stream reported an error: " + message, null);
        }
        List<ChatEvent> events = new ArrayList<>(3);
        if (!started) {
            started = true;
            events.add(new ChatEvent.MessageStart(textOf(chunk.get("responseId")).orElse(""),
                    textOf(chunk.get("modelVersion")).filter(m -> !m.isBlank()),
                    Optional.of(GeminiFormat.INSTANCE)));
        }
        JsonNode candidate = firstCandidate(chunk.path("candidates"));
        if (candidate != null) {
            for (JsonNode part : candidate.path("content").path("parts")) {
                part(part, events);
            }
            Optional<String> finish = textOf(candidate.get("finishReason"));
            if (finish.isPresent()) {
                stop(GeminiFinishReasons.decode(finish, calledTools), events);
            }
        } else if (textOf(chunk.path("promptFeedback").get("blockReason")).isPresent()) {
            stop(StopReason.CONTENT_FILTER, events);
        }
        JsonNode metadata = chunk.get("usageMetadata");
        if (metadata != null && metadata.isObject()) {
            Usage update = GeminiUsage.decode(metadata);
            if (!usage.equals(Optional.of(update))) {
                usage = Optional.of(update);
                events.add(new ChatEvent.UsageUpdate(update));
            }
        }
        return events;
    }

    private static JsonNode firstCandidate(JsonNode candidates) {
        for (JsonNode candidate : candidates) {
            if (candidate.path("index").asInt(0) == 0) {
                return candidate;
            }
        }
        return null;
    }

    private void part(JsonNode part, List<ChatEvent> events) {
        Optional<String> signature = textOf(get(part, GeminiParts.SIGNATURE)).filter(s -> !s.isEmpty());
        JsonNode call = get(part, "functionCall");
        if (call != null && call.isObject()) {
            calledTools = true;
            int block = open(Kind.TOOL);
            String id = textOf(call.get("id")).filter(s -> !s.isEmpty()).orElseGet(GeminiCalls::freshId);
            events.add(new ChatEvent.ToolCallStart(block, id, textOf(call.get("name")).orElse("")));
            JsonNode args = call.get("args");
            events.add(new ChatEvent.ToolCallArgsDelta(block, args != null && args.isObject() ? args.toString() : "{}"));
            signature.ifPresent(s -> events.add(new ChatEvent.SignatureDelta(block, s)));
            return;
        }
        Optional<String> text = textOf(get(part, "text"));
        boolean otherData = GeminiParts.DATA_FIELDS.stream().anyMatch(f -> get(part, f) != null);
        if (text.isEmpty() && (signature.isEmpty() || otherData)) {
            return;
        }
        boolean thought = part.path("thought").asBoolean(false);
        Kind kind = thought ? Kind.THINKING : Kind.TEXT;
        String delta = text.orElse("");
        if (openKind != kind) {
            if (delta.isEmpty() && signature.isEmpty()) {
                return;
            }
            open(kind);
        } else if (delta.isEmpty()) {
            signature.ifPresent(s -> events.add(new ChatEvent.SignatureDelta(openBlock, s)));
            return;
        }
        events.add(thought ? new ChatEvent.ThinkingDelta(openBlock, delta) : new ChatEvent.TextDelta(openBlock, delta));
        signature.ifPresent(s -> events.add(new ChatEvent.SignatureDelta(openBlock, s)));
    }

    private int open(Kind kind) {
        openBlock = nextBlock++;
        openKind = kind;
        return openBlock;
    }

    private void stop(StopReason reason, List<ChatEvent> events) {
        if (!stopped) {
            stopped = true;
            events.add(new ChatEvent.Stop(reason));
        }
    }
}
