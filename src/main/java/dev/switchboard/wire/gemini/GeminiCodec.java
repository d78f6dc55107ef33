package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.GeminiFields.NODES;
import static dev.switchboard.wire.gemini.GeminiFields.putExtra;
import static dev.switchboard.wire.gemini.GeminiFields.rest;
import static dev.switchboard.wire.gemini.GeminiFields.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Signatures;
import dev.switchboard.core.Usage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gemini {@code generateContent} ({@code POST /v1beta/models/{model}:generateContent}, and the
 * chunks of {@code :streamGenerateContent}) and the canonical model, both ways: decoding a caller's
 * request and encoding a provider's, decoding a provider's response and encoding one for a caller.
 * Pure functions over Jackson trees. The model is in the URL, never in the body; a {@code model}
 * field in a body is ignored. Requests are read in camelCase and in the snake_case the API also
 * accepts, and written in camelCase. Encoded trees may share nodes with the canonical objects
 * (schemas, extras): copy before mutating anything but top-level fields.
 *
 * <p>Fields the canonical model does not name ({@code safetySettings}, {@code cachedContent},
 * {@code labels}, built-in tools, unmodelled {@code generationConfig} and {@code toolConfig}
 * fields) are kept in the extras and re-sent only to Gemini. Thought signatures are kept
 * byte-exact: on thinking as the {@link dev.switchboard.core.Thinking} signature, on text and
 * function-call parts in the block's extra as {@code thoughtSignature}.
 */
public final class GeminiCodec {


    private static final Set<String> REQUEST_FIELDS = Set.of("contents", "systemInstruction", "tools",
            "toolConfig", "generationConfig", "model");
    private static final Set<String> RESPONSE_FIELDS = Set.of("candidates", "usageMetadata", "modelVersion",
            "responseId");
    private static final Set<String> USAGE_MODELLED = Set.of("promptTokenCount", "candidatesTokenCount",
            "cachedContentTokenCount", "thoughtsTokenCount", "totalTokenCount");

    private GeminiCodec() {
    }

    /**
     * A caller's request; {@code stream} says which method the URL named. Throws
     * {@link GatewayException.InvalidRequest} naming the first bad field.
     */
    public static ChatRequest decodeRequest(JsonNode body, boolean stream) {
        requireObject(body);
        Map<String, JsonNode> extra = new LinkedHashMap<>(rest(body, REQUEST_FIELDS));
        var messages = GeminiContents.decode(body);
        var tools = GeminiTools.decodeTools(body, extra);
        var toolChoice = GeminiTools.decodeToolChoice(body, extra);
        var config = GeminiGenerationConfig.decode(body, extra);
        return new ChatRequest(messages, tools, toolChoice, config.sampling(), config.responseFormat(),
                config.reasoning(), stream, stream, extra, Optional.of(GeminiFormat.INSTANCE));
    }

    /**
     * The structural rules of {@link #decodeRequest}, without decoding: {@code contents} and
     * {@code tools} are lists of objects, the other top-level fields objects, and the sampling
     * settings numbers. Pass-through checks a caller's body with these before sending it on, so a
     * malformed body is the caller's 400 and not a provider's; what a turn or tool holds is left to
     * Gemini, which may know kinds the codec does not.
     */
    public static void checkShape(JsonNode body) {
        requireObject(body);
        GeminiContents.contents(body);
        GeminiFields.object(body, "systemInstruction", "systemInstruction");
        GeminiFields.objects(body, "tools", "tools");
        GeminiFields.object(body, "toolConfig", "toolConfig");
        GeminiFields.object(body, "generationConfig", "generationConfig").ifPresent(GeminiGenerationConfig::sampling);
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GatewayException.InvalidRequest("The request body must be a JSON object");
        }
    }

    /**
     * A request body for a Gemini provider (the model and the streaming method go in the URL). See
     * {@link GeminiContents}, {@link GeminiTools} and {@link GeminiGenerationConfig} for how other
     * formats' requests are mapped.
     */
    public static ObjectNode encodeRequest(ChatRequest request) {
        boolean keep = request.extraApplies(GeminiFormat.INSTANCE);
        boolean fromGemini = request.sourceFormat().equals(Optional.of(GeminiFormat.INSTANCE));
        GeminiContents.Encoded encoded = GeminiContents.encode(request.messages(), keep, !fromGemini,
                signature -> Signatures.forProvider(signature, request.sourceFormat(), GeminiFormat.INSTANCE));
        ObjectNode body = NODES.objectNode();
        body.set("contents", encoded.contents());
        encoded.systemInstruction().ifPresent(s -> body.set("systemInstruction", s));
        Optional<ArrayNode> tools = GeminiTools.encodeTools(request.tools(), request.extra(), keep);
        tools.ifPresent(t -> body.set("tools", t));
        GeminiTools.encodeToolConfig(tools.isPresent() ? request.toolChoice() : Optional.empty(), request.extra(), keep)
                .ifPresent(c -> body.set("toolConfig", c));
        GeminiGenerationConfig.encode(request, keep, fromGemini).ifPresent(c -> body.set("generationConfig", c));
        if (keep) {
            request.extra().forEach((key, value) -> {
                if (!REQUEST_FIELDS.contains(key)) {
                    body.putIfAbsent(key, value);
                }
            });
        }
        return body;
    }

    /**
     * Readies the thought signatures of a pass-through request body for Gemini, in place: a
     * signature tagged as Gemini's (see {@link Signatures}) is untagged; one tagged as another
     * provider's is removed, and so is its part if that is a thought (and its content, if that
     * leaves it empty). A body without tagged signatures is left as it is.
     */
    public static void untagSignatures(ObjectNode body) {
        if (body.get("contents") instanceof ArrayNode contents) {
            GeminiContents.untagSignatures(contents);
        }
    }

    /**
     * A provider's {@code GenerateContentResponse}; a body that is not one is an upstream failure
     * (502). Every candidate is a choice. A prompt Gemini blocked (no candidates,
     * {@code promptFeedback.blockReason}) is one empty choice stopped by the content filter.
     */
    public static ChatResponse decodeResponse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GatewayException.UpstreamUnavailable("The provider's response is not a JSON object", null);
        }
        if (body.path("error").isObject()) {
            String message = GeminiErrors.read(body).map(GeminiErrors.Detail::message).orElse("no message");
            throw new GatewayException.UpstreamUnavailable("The provider's response is an error: " + message, null);
        }
        List<ChatResponse.Choice> choices;
        try {
            choices = GeminiCandidates.decode(body);
        } catch (GatewayException.InvalidRequest e) {
            throw new GatewayException.UpstreamUnavailable("The provider's response is malformed: " + e.getMessage(), e);
        }
        Map<String, JsonNode> extra = new LinkedHashMap<>(rest(body, RESPONSE_FIELDS));
        JsonNode usage = body.get("usageMetadata");
        if (usage != null && usage.isObject()) {
            Map<String, JsonNode> kept = rest(usage, USAGE_MODELLED);
            if (!kept.isEmpty()) {
                extra.put("usageMetadata", GeminiFields.objectOf(kept));
            }
        }
        return new ChatResponse(textOf(body.get("responseId")).orElse(""),
                textOf(body.get("modelVersion")).filter(m -> !m.isBlank()), choices, GeminiUsage.decode(usage),
                extra, Optional.of(GeminiFormat.INSTANCE));
    }

    /**
     * A {@code GenerateContentResponse} for a caller: {@code modelVersion} as the caller should see
     * it, the response's id as {@code responseId}. Signed thinking from any provider is written with
     * its signature, so the caller can send it back; another provider's signature is tagged with its
     * maker (see {@link Signatures}), which keeps it valid base64.
     */
    public static ObjectNode encodeResponse(ChatResponse response, String modelVersion) {
        boolean keep = response.extraApplies(GeminiFormat.INSTANCE);
        ObjectNode body = NODES.objectNode();
        body.set("candidates", GeminiCandidates.encode(response, keep));
        Map<String, JsonNode> keptUsage = keep && response.extra().get("usageMetadata") instanceof ObjectNode u
                ? fields(u) : Map.of();
        body.set("usageMetadata", GeminiUsage.encode(response.usage(), keptUsage));
        body.put("modelVersion", modelVersion);
        if (!response.id().isEmpty()) {
            body.put("responseId", response.id());
        }
        putExtra(body, response.extra(), keep);
        if (body.get("candidates").isEmpty()) {
            body.remove("candidates");
        }
        return body;
    }

    /**
     * The usage of a Gemini response body or stream chunk, when it carries {@code usageMetadata};
     * used by pass-through, which relays bodies without decoding them.
     */
    public static Optional<Usage> usageOf(JsonNode body) {
        JsonNode usage = body == null ? null : body.get("usageMetadata");
        return usage != null && usage.isObject() ? Optional.of(usage(usage)) : Optional.empty();
    }

    /**
     * One {@code usageMetadata} object as canonical usage, the same way for bodies, stream chunks
     * and the pass-through relay: {@code toolUsePromptTokenCount} counts as input,
     * {@code thoughtsTokenCount} as output and reasoning, {@code cachedContentTokenCount} as cache
     * reads (see {@link GeminiUsage}). An absent count is 0. In a stream the counts are running
     * totals, so the latest object is the usage so far. Anything but an object is {@link Usage#NONE}.
     */
    public static Usage usage(JsonNode usageMetadata) {
        return GeminiUsage.decode(usageMetadata);
    }

    private static Map<String, JsonNode> fields(ObjectNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
