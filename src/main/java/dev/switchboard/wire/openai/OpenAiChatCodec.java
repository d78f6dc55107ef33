package dev.switchboard.wire.openai;

import static dev.switchboard.wire.openai.OpenAiFields.NODES;
import static dev.switchboard.wire.openai.OpenAiFields.putExtra;
import static dev.switchboard.wire.openai.OpenAiFields.rest;
import static dev.switchboard.wire.openai.OpenAiFields.text;
import static dev.switchboard.wire.openai.OpenAiFields.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Reasoning;
import dev.switchboard.core.Sampling;
import dev.switchboard.core.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * OpenAI Chat Completions ({@code POST /v1/chat/completions}) and the canonical model, both ways:
 * decoding a caller's request and encoding a provider's, decoding a provider's response and encoding
 * one for a caller. Pure functions over Jackson trees. The {@code model} field is never decoded (the
 * route resolves it) and is passed in when encoding. Encoded trees may share nodes with the
 * canonical objects (schemas, extras): copy before mutating anything but top-level fields.
 */
public final class OpenAiChatCodec {


    private static final Set<String> REQUEST_FIELDS = Set.of("model", "messages", "tools", "tool_choice",
            "temperature", "top_p", "top_k", "max_tokens", "max_completion_tokens", "stop", "presence_penalty",
            "frequency_penalty", "seed", "n", "response_format", "reasoning_effort", "stream", "stream_options");
    private static final Set<String> RESPONSE_FIELDS = Set.of("id", "object", "created", "model", "choices", "usage");

    private OpenAiChatCodec() {
    }

    /**
     * The usage of an OpenAI response body or stream chunk (chat or embeddings), when it carries a
     * {@code usage} object; used by pass-through, which relays bodies without decoding them.
     */
    public static Optional<Usage> usageOf(JsonNode body) {
        JsonNode usage = body.get("usage");
        return usage != null && usage.isObject() ? Optional.of(OpenAiUsage.decode(usage)) : Optional.empty();
    }

    /**
     * The structural rules of {@link #decodeRequest}, without decoding: {@code messages} and
     * {@code tools} are lists of objects, and numbers, integers, booleans and objects are where the
     * API has them. Pass-through checks a caller's body with these before sending it on, so a
     * malformed body is the caller's 400 and not a provider's; what a message or tool holds is left
     * to the provider, which may know kinds the codec does not.
     */
    public static void checkShape(JsonNode body) {
        requireObject(body);
        OpenAiFields.listOfObjects(body.get("messages"), "messages", true);
        OpenAiFields.listOfObjects(body.get("tools"), "tools", false);
        OpenAiSampling.decode(body);
        OpenAiFields.bool(body, "stream", "stream");
        OpenAiFields.object(body, "stream_options", "stream_options");
        OpenAiFields.object(body, "response_format", "response_format");
    }

    /**
     * Readies a pass-through request body for an OpenAI-format provider, in place: what the gateway
     * gave the caller tagged as another provider's ({@code thinking_blocks} entries, a tool call's
     * {@code extra_content.google.thought_signature}; see {@link OpenAiThinkingBlocks}) is removed,
     * as only its maker could verify it. A body without tagged signatures is left as it is.
     */
    public static void untagSignatures(ObjectNode body) {
        if (body.get("messages") instanceof ArrayNode messages) {
            OpenAiThinkingBlocks.untag(messages);
        }
    }

    /** A caller's request; throws {@link GatewayException.InvalidRequest} naming the first bad field. */
    public static ChatRequest decodeRequest(JsonNode body) {
        requireObject(body);
        var messages = OpenAiMessages.decode(body.get("messages"));
        var tools = OpenAiTools.decodeTools(body.get("tools"));
        var toolChoice = OpenAiTools.decodeToolChoice(body.get("tool_choice"));
        var responseFormat = OpenAiTools.decodeResponseFormat(body.get("response_format"));
        Sampling sampling = OpenAiSampling.decode(body);
        Optional<Reasoning> reasoning = text(body, "reasoning_effort", "reasoning_effort")
                .map(effort -> new Reasoning(Optional.of(effort), OptionalInt.empty()));
        boolean stream = OpenAiFields.bool(body, "stream", "stream").orElse(false);
        Map<String, JsonNode> extra = new LinkedHashMap<>(rest(body, REQUEST_FIELDS));
        boolean includeUsage = false;
        Optional<JsonNode> options = OpenAiFields.object(body, "stream_options", "stream_options");
        if (options.isPresent()) {
            includeUsage = OpenAiFields.bool(options.get(), "include_usage", "stream_options.include_usage")
                    .orElse(false);
            Map<String, JsonNode> more = rest(options.get(), Set.of("include_usage"));
            if (!more.isEmpty()) {
                extra.put("stream_options", NODES.objectNode().setAll(more));
            }
        }
        return new ChatRequest(messages, tools, toolChoice, sampling, responseFormat, reasoning, stream, includeUsage,
                extra, Optional.of(OpenAiChatFormat.INSTANCE));
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GatewayException.InvalidRequest("The request body must be a JSON object");
        }
    }

    /**
     * A request for an OpenAI-format provider. The output limit is written as
     * {@code max_completion_tokens} (dialects rename it for providers that only know
     * {@code max_tokens}); {@code stream_options} is written only for a streaming request.
     */
    public static ObjectNode encodeRequest(ChatRequest request, String model) {
        boolean keep = request.extraApplies(OpenAiChatFormat.INSTANCE);
        ObjectNode body = NODES.objectNode().put("model", model);
        body.set("messages", OpenAiMessages.encode(request.messages(), keep));
        if (!request.tools().isEmpty()) {
            body.set("tools", OpenAiTools.encodeTools(request.tools(), keep));
            request.toolChoice().ifPresent(c -> body.set("tool_choice", OpenAiTools.encodeToolChoice(c)));
        }
        request.responseFormat().ifPresent(f -> body.set("response_format", OpenAiTools.encodeResponseFormat(f)));
        OpenAiSampling.encode(request.sampling(), body);
        request.reasoning().flatMap(OpenAiSampling::effort).ifPresent(e -> body.put("reasoning_effort", e));
        if (request.stream()) {
            body.put("stream", true);
            ObjectNode options = keep && request.extra().get("stream_options") instanceof ObjectNode given
                    ? given.deepCopy() : NODES.objectNode();
            if (request.includeUsage()) {
                options.put("include_usage", true);
            }
            if (!options.isEmpty()) {
                body.set("stream_options", options);
            }
        }
        if (keep) {
            request.extra().forEach((key, value) -> {
                if (!key.equals("stream_options")) {
                    body.putIfAbsent(key, value);
                }
            });
        }
        return body;
    }

    /** A provider's {@code chat.completion}; a body that is not one is an upstream failure (502). */
    public static ChatResponse decodeResponse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GatewayException.UpstreamUnavailable("The provider's chat response is not a JSON object", null);
        }
        JsonNode choices = body.get("choices");
        if (choices == null || !choices.isArray()) {
            String reason = OpenAiErrors.read(body).map(e -> "an error: " + e.message()).orElse("no 'choices' list");
            throw new GatewayException.UpstreamUnavailable("The provider's chat response has " + reason, null);
        }
        List<ChatResponse.Choice> decoded = new ArrayList<>(choices.size());
        for (JsonNode choice : choices) {
            JsonNode message = choice.path("message");
            decoded.add(new ChatResponse.Choice(
                    OpenAiAssistant.decodeResponseMessage(message.isObject() ? message : NODES.objectNode()),
                    OpenAiFinishReasons.decode(textOf(choice.get("finish_reason"))),
                    rest(choice, Set.of("index", "message", "finish_reason"))));
        }
        return new ChatResponse(textOf(body.get("id")).orElse(""),
                textOf(body.get("model")).filter(m -> !m.isBlank()), decoded, OpenAiUsage.decode(body.get("usage")),
                rest(body, RESPONSE_FIELDS), Optional.of(OpenAiChatFormat.INSTANCE));
    }

    /**
     * A {@code chat.completion} for a caller; {@code created} is in Unix seconds. Signed thinking and
     * Gemini's function-call signatures are written as {@link OpenAiThinkingBlocks} describes, tagged
     * with their maker when that is another format's provider.
     */
    public static ObjectNode encodeResponse(ChatResponse response, String model, long created) {
        boolean keep = response.extraApplies(OpenAiChatFormat.INSTANCE);
        ObjectNode body = NODES.objectNode()
                .put("id", response.id())
                .put("object", "chat.completion")
                .put("created", created)
                .put("model", model);
        ArrayNode choices = body.putArray("choices");
        for (int i = 0; i < response.choices().size(); i++) {
            ChatResponse.Choice choice = response.choices().get(i);
            ObjectNode encoded = choices.addObject().put("index", i);
            encoded.set("message",
                    OpenAiAssistant.encodeResponseMessage(choice.message(), keep, response.sourceFormat()));
            encoded.put("finish_reason", OpenAiFinishReasons.encode(choice.stopReason()));
            putExtra(encoded, choice.extra(), keep);
        }
        body.set("usage", OpenAiUsage.encode(response.usage()));
        putExtra(body, response.extra(), keep);
        return body;
    }
}
