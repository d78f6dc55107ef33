package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.GeminiFields.NODES;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.Signatures;
import dev.switchboard.core.StopReason;
import dev.switchboard.core.Usage;
import dev.switchboard.core.WireFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders canonical events as the {@code GenerateContentResponse} chunks Gemini streams: each chunk
 * one candidate (index 0, role {@code model}) with the next parts, plus {@code modelVersion},
 * {@code responseId} and the latest {@code usageMetadata} once known; the last chunk carries the
 * {@code finishReason}.
 *
 * <p>Text and thinking deltas become {@code text} parts (thinking with {@code "thought": true}),
 * sent one event late: each part is held until the next delta, so a signature that follows it is
 * written on the same part as {@code thoughtSignature}, as Gemini does (a signature with no part to
 * go on gets an empty text part); a signature from another format's provider (the
 * {@link ChatEvent.MessageStart#sourceFormat()}) is tagged with its maker, see {@link Signatures}.
 * A tool call is one {@code functionCall} part with its parsed arguments (see
 * {@link GeminiToolResults#argsObject}), sent once complete: its arguments are buffered until a
 * text or thinking block opens after it, or {@link ChatEvent.Stop}; parallel calls go out together.
 * An id the codec made up (see {@link GeminiCalls}) is not written, as Gemini never sent it.
 * Redacted thinking has no Gemini form and is dropped.
 *
 * <p>The last chunk goes out when the first {@link ChatEvent.UsageUpdate} after
 * {@link ChatEvent.Stop} arrives, or else from {@link #finish()}, which the writer must call when
 * the upstream stream ends. Not thread-safe: one per caller stream.
 */
public final class GeminiStreamEncoder {

    private static final class Call {
        final String id;
        final String name;
        final StringBuilder args = new StringBuilder();
        final StringBuilder signature = new StringBuilder();

        Call(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    private final String responseId;
    private final String modelVersion;
    private final Map<Integer, ObjectNode> pending = new LinkedHashMap<>();
    private final TreeMap<Integer, Call> calls = new TreeMap<>();
    private final Map<Integer, Boolean> thinkingBlocks = new LinkedHashMap<>();
    private final GeminiCalls ids = GeminiCalls.forRequest();
    private final Set<Integer> signed = new HashSet<>();
    private Optional<WireFormat> maker = Optional.empty();
    private Optional<StopReason> stop = Optional.empty();
    private Optional<Usage> usage = Optional.empty();
    private boolean done;

    /** {@code responseId} and {@code modelVersion} as the caller should see them. */
    public GeminiStreamEncoder(String responseId, String modelVersion) {
        this.responseId = responseId;
        this.modelVersion = modelVersion;
    }

    /** The chunks for one event, possibly none. */
    public List<ObjectNode> encode(ChatEvent event) {
        if (done) {
            return List.of();
        }
        List<ObjectNode> out = new ArrayList<>(1);
        switch (event) {
            case ChatEvent.MessageStart start -> maker = start.sourceFormat();
            case ChatEvent.TextDelta text -> delta(text.index(), text.text(), false, out);
            case ChatEvent.ThinkingDelta thinking -> delta(thinking.index(), thinking.text(), true, out);
            case ChatEvent.SignatureDelta signature -> sign(signature.index(), signature.signature());
            case ChatEvent.ToolCallStart start -> calls.put(start.index(), new Call(start.id(), start.name()));
            case ChatEvent.ToolCallArgsDelta args -> {
                Call call = calls.get(args.index());
                if (call != null) {
                    call.args.append(args.json());
                }
            }
            case ChatEvent.RedactedThinkingBlock redacted -> { }
            case ChatEvent.UsageUpdate update -> {
                usage = Optional.of(update.usage());
                if (stop.isPresent()) {
                    out.addAll(finish());
                }
            }
            case ChatEvent.Stop s -> {
                if (stop.isEmpty()) {
                    stop = Optional.of(s.reason());
                    flushCalls();
                }
            }
        }
        return out;
    }

    /**
     * The chunks still owed at the end of the stream: the parts not yet sent and, if the stream
     * stopped, the {@code finishReason}, with the usage if any. Nothing after the first call.
     */
    public List<ObjectNode> finish() {
        if (done) {
            return List.of();
        }
        done = true;
        flushCalls();
        List<ObjectNode> parts = parts();
        if (parts.isEmpty() && stop.isEmpty() && usage.isEmpty()) {
            return List.of();
        }
        if (parts.isEmpty()) {
            parts.add(NODES.objectNode().put("text", ""));
        }
        return List.of(chunk(parts, stop.map(GeminiFinishReasons::encode)));
    }

    /**
     * The parts held back so far, as one chunk without a finish reason, for a stream about to end
     * early with an error: the caller keeps everything that arrived before it.
     */
    public List<ObjectNode> flush() {
        if (done) {
            return List.of();
        }
        List<ObjectNode> parts = parts();
        return parts.isEmpty() ? List.of() : List.of(chunk(parts, Optional.empty()));
    }

    private void delta(int block, String text, boolean thought, List<ObjectNode> out) {
        if (!calls.isEmpty() && !calls.containsKey(block)) {
            flushCalls();
        }
        thinkingBlocks.put(block, thought);
        List<ObjectNode> parts = parts();
        if (!parts.isEmpty()) {
            out.add(chunk(parts, Optional.empty()));
        }
        ObjectNode part = NODES.objectNode().put("text", text);
        if (thought) {
            part.put("thought", true);
        }
        pending.put(block, part);
    }

    private void sign(int block, String piece) {
        String signature = signed.add(block) ? Signatures.forCaller(piece, maker, GeminiFormat.INSTANCE) : piece;
        Call call = calls.get(block);
        if (call != null) {
            call.signature.append(signature);
            return;
        }
        ObjectNode part = pending.get(block);
        if (part == null) {
            part = NODES.objectNode().put("text", "");
            if (thinkingBlocks.getOrDefault(block, false)) {
                part.put("thought", true);
            }
            pending.put(block, part);
        }
        String before = part.path(GeminiParts.SIGNATURE).asText("");
        part.put(GeminiParts.SIGNATURE, before + signature);
    }

    private void flushCalls() {
        calls.forEach((block, call) -> {
            ObjectNode part = NODES.objectNode();
            ObjectNode function = part.putObject("functionCall");
            ids.encodeCall(call.id, call.name).ifPresent(id -> function.put("id", id));
            function.put("name", call.name);
            function.set("args", GeminiToolResults.argsObject(call.args.toString()));
            if (!call.signature.isEmpty()) {
                part.put(GeminiParts.SIGNATURE, call.signature.toString());
            }
            pending.put(block, part);
        });
        calls.clear();
    }

    /** The pending parts, cleared; empty unsigned text parts are left out. */
    private List<ObjectNode> parts() {
        List<ObjectNode> parts = new ArrayList<>(pending.size());
        pending.values().stream()
                .filter(p -> !(p.size() == 1 && p.path("text").asText("x").isEmpty()))
                .forEach(parts::add);
        pending.clear();
        return parts;
    }

    private ObjectNode chunk(List<ObjectNode> parts, Optional<String> finishReason) {
        ObjectNode chunk = NODES.objectNode();
        ObjectNode candidate = chunk.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        ArrayNode array = content.putArray("parts");
        parts.forEach(array::add);
        content.put("role", "model");
        finishReason.ifPresent(r -> candidate.put("finishReason", r));
        candidate.put("index", 0);
        usage.ifPresent(u -> chunk.set("usageMetadata", GeminiUsage.encode(u, Map.of())));
        chunk.put("modelVersion", modelVersion);
        if (!responseId.isEmpty()) {
            chunk.put("responseId", responseId);
        }
        return chunk;
    }
}
