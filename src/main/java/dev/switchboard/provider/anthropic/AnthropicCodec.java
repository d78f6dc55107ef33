package dev.switchboard.provider.anthropic;

import static dev.switchboard.provider.anthropic.AnthropicFields.NODES;
import static dev.switchboard.provider.anthropic.AnthropicFields.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Message;
import dev.switchboard.core.ResponseFormat;
import dev.switchboard.core.ToolChoice;
import dev.switchboard.core.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Anthropic Messages ({@code POST /v1/messages}) and the canonical model, both ways: decoding a
 * caller's request and encoding a provider's, decoding a provider's {@code message} and encoding
 * one for a caller. Pure functions over Jackson trees. The {@code model} field is never decoded (the
 * route resolves it) and is passed in when encoding. Encoded trees may share nodes with the canonical
 * objects (schemas, extras): copy before mutating anything but top-level fields.
 *
 * <p>JSON modes: a JSON schema format is sent as Anthropic's native {@code output_config.format}
 * (so the answer is plain JSON text and nothing needs undoing, and it works with thinking); "any
 * JSON object" has no Anthropic form and is sent as one more system text block,
 * {@link #JSON_INSTRUCTION}. Sampling and thinking rules: see {@code AnthropicSampling} and
 * {@code AnthropicThinking}; messages: {@code AnthropicMessages}.
 */
public final class AnthropicCodec {

    /** The {@code sourceFormat} of everything this package decodes. */
    public static final String FORMAT = "anthropic";

    /** The system instruction that stands for OpenAI's {@code json_object} response format. */
    public static final String JSON_INSTRUCTION =
            "Respond with a single valid JSON object only: no text before or after it, no code fences.";

    private static final String OPENAI = "openai";
    private static final Set<String> REQUEST_FIELDS = Set.of("model", "messages", "system", "max_tokens",
            "temperature", "top_p", "top_k", "stop_sequences", "stream", "tools", "tool_choice", "thinking",
            "output_config");

    private AnthropicCodec() {
    }

    /**
     * A caller's request; throws {@link GatewayException.InvalidRequest} naming the first bad field
     * ({@code max_tokens} is required, as Anthropic requires it).
     */
    public static ChatRequest decodeRequest(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GatewayException.InvalidRequest("The request body must be a JSON object");
        }
        List<Message> messages = new ArrayList<>(AnthropicMessages.decodeSystem(body.get("system")));
        messages.addAll(AnthropicMessages.decode(body.get("messages")));
        var tools = AnthropicTools.decodeTools(body.get("tools"));
        var choice = AnthropicTools.decodeToolChoice(body.get("tool_choice"));
        var sampling = AnthropicSampling.decode(body);
        Optional<JsonNode> outputConfig = AnthropicFields.object(body, "output_config", "output_config");
        Optional<ResponseFormat> format = outputConfig.map(o -> o.get("format")).filter(AnthropicFields::given)
                .map(AnthropicTools::decodeFormat);
        var thinking = AnthropicThinking.decode(AnthropicFields.object(body, "thinking", "thinking"), outputConfig);
        boolean stream = AnthropicFields.bool(body, "stream", "stream").orElse(false);
        Map<String, JsonNode> extra = new LinkedHashMap<>(rest(body, REQUEST_FIELDS));
        if (!choice.rest().isEmpty()) {
            extra.put("tool_choice", NODES.objectNode().setAll(choice.rest()));
        }
        extra.putAll(thinking.extra());
        return new ChatRequest(messages, tools, choice.choice(), sampling, format, thinking.reasoning(), stream, false,
                extra, Optional.of(FORMAT));
    }

    /**
     * A request for an Anthropic provider. {@code max_tokens} is the request's own, else
     * {@code defaultMaxTokens} (Anthropic requires one: take it from the model's catalog entry).
     * Toward Anthropic from another format, OpenAI's {@code user} becomes {@code metadata.user_id}
     * and {@code parallel_tool_calls: false} becomes {@code disable_parallel_tool_use}.
     */
    public static ObjectNode encodeRequest(ChatRequest request, String model, int defaultMaxTokens) {
        boolean keep = request.extraApplies(FORMAT);
        boolean adapt = !request.sourceFormat().filter(FORMAT::equals).isPresent();
        Map<String, JsonNode> extra = request.extra();
        boolean thinkingOn = request.reasoning().filter(AnthropicThinking::on).isPresent();

        int maxTokens = request.sampling().maxTokens().orElse(defaultMaxTokens);
        var budget = request.reasoning().map(r -> AnthropicThinking.budget(r, adapt, maxTokens,
                request.sampling().maxTokens().isPresent()));
        int sentMax = maxTokens;
        if (adapt && request.sampling().maxTokens().isEmpty() && budget.isPresent() && budget.get().isPresent()
                && budget.get().getAsInt() >= maxTokens) {
            sentMax = budget.get().getAsInt() + defaultMaxTokens;
        }
        ObjectNode body = NODES.objectNode().put("model", model).put("max_tokens", sentMax);

        Optional<String> instruction = request.responseFormat().filter(ResponseFormat.JsonObject.class::isInstance)
                .map(f -> JSON_INSTRUCTION);
        JsonNode system = AnthropicMessages.encodeSystem(request.messages(), instruction, keep);
        if (system != null) {
            body.set("system", system);
        }
        body.set("messages", AnthropicMessages.encode(request.messages(), keep));
        if (!request.tools().isEmpty()) {
            body.set("tools", AnthropicTools.encodeTools(request.tools(), keep));
            Map<String, JsonNode> more = new LinkedHashMap<>();
            if (keep && extra.get("tool_choice") instanceof ObjectNode kept) {
                kept.properties().forEach(e -> more.put(e.getKey(), e.getValue()));
            } else if (fromOpenAi(request) && extra.getOrDefault("parallel_tool_calls", NODES.nullNode()).isBoolean()
                    && !extra.get("parallel_tool_calls").booleanValue()) {
                more.put("disable_parallel_tool_use", NODES.booleanNode(true));
            }
            var choice = request.toolChoice().or(() -> more.isEmpty() ? Optional.empty()
                    : Optional.of(ToolChoice.AUTO));
            choice.ifPresent(c -> body.set("tool_choice", AnthropicTools.encodeToolChoice(c, more)));
        }
        AnthropicSampling.encode(request.sampling(), body, adapt, thinkingOn);
        if (request.stream()) {
            body.put("stream", true);
        }
        ObjectNode outputConfig = NODES.objectNode();
        request.reasoning().ifPresent(r -> {
            body.set("thinking", AnthropicThinking.encode(r, budget.orElseThrow(),
                    keep ? Optional.ofNullable(extra.get("thinking")) : Optional.empty()));
            AnthropicThinking.effort(r).ifPresent(e -> outputConfig.put("effort", e));
        });
        if (request.responseFormat().orElse(null) instanceof ResponseFormat.JsonSchema schema) {
            outputConfig.set("format", AnthropicTools.encodeFormat(schema));
        }
        if (keep && extra.get("output_config") instanceof ObjectNode kept) {
            kept.properties().forEach(e -> outputConfig.putIfAbsent(e.getKey(), e.getValue()));
        }
        if (!outputConfig.isEmpty()) {
            body.set("output_config", outputConfig);
        }
        if (keep) {
            extra.forEach((key, value) -> {
                if (!Set.of("tool_choice", "thinking", "output_config").contains(key)) {
                    body.putIfAbsent(key, value);
                }
            });
        } else if (fromOpenAi(request) && extra.getOrDefault("user", NODES.nullNode()).isTextual()) {
            body.putObject("metadata").put("user_id", extra.get("user").textValue());
        }
        return body;
    }

    private static boolean fromOpenAi(ChatRequest request) {
        return request.sourceFormat().filter(OPENAI::equals).isPresent();
    }

    /** A provider's {@code message}; a body that is not one is an upstream failure (502). */
    public static ChatResponse decodeResponse(JsonNode body) {
        return AnthropicResponses.decode(body);
    }

    /**
     * A {@code message} for a caller: the first choice only, its id made to look like
     * {@code msg_...} ({@link #messageId}). Thinking without a signature is written with
     * {@code "signature": ""}; an OpenAI refusal with no text becomes the text of the answer.
     */
    public static ObjectNode encodeResponse(ChatResponse response, String model) {
        return AnthropicResponses.encode(response, model);
    }

    /**
     * The usage of an Anthropic {@code message} body, when it carries a {@code usage} object; used by
     * pass-through, which relays bodies without decoding them.
     */
    public static Optional<Usage> usageOf(JsonNode body) {
        JsonNode usage = body == null ? null : body.get("usage");
        return usage != null && usage.isObject() ? Optional.of(AnthropicUsage.decode(usage)) : Optional.empty();
    }

    /**
     * The id to show an Anthropic caller: {@code id} itself when it already starts with {@code msg_},
     * else {@code msg_} followed by it (so it can still be traced to the provider's id), and
     * {@code msg_unknown} for an empty one.
     */
    public static String messageId(String id) {
        if (id.startsWith("msg_")) {
            return id;
        }
        return id.isEmpty() ? "msg_unknown" : "msg_" + id;
    }

    private static Map<String, JsonNode> toMap(ObjectNode node) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }
}
