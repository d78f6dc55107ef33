package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.AnthropicFields.NODES;
import static dev.switchboard.wire.anthropic.AnthropicFields.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Message;
import dev.switchboard.core.Reasoning;
import dev.switchboard.core.ResponseFormat;
import dev.switchboard.core.ToolChoice;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A Messages request body and {@link ChatRequest}, both ways; the parts are in
 * {@code AnthropicMessages}, {@code AnthropicTools}, {@code AnthropicSampling} and
 * {@code AnthropicThinking}. The request's extra holds the top-level fields not modelled
 * ({@code metadata}, {@code service_tier}, {@code container}, {@code cache_control}...) and, under
 * {@code tool_choice}, {@code thinking} and {@code output_config}, those objects' fields not modelled.
 * A request from another format that forces a tool call is sent with thinking disabled (see
 * {@link #forcesTool}).
 */
final class AnthropicRequests {

    private static final Set<String> FIELDS = Set.of("model", "messages", "system", "max_tokens", "temperature",
            "top_p", "top_k", "stop_sequences", "stream", "tools", "tool_choice", "thinking", "output_config");
    private static final Set<String> NESTED = Set.of("tool_choice", "thinking", "output_config");

    private AnthropicRequests() {
    }

    /**
     * The structural rules of {@link #decode}, without decoding: see {@link AnthropicCodec#checkShape}.
     * {@code count}: the body is a count_tokens request, which has no {@code max_tokens}.
     */
    static void checkShape(JsonNode body, boolean count) {
        requireObject(body);
        AnthropicMessages.checkSystem(body.get("system"));
        AnthropicFields.listOfObjects(body.get("messages"), "messages", true);
        AnthropicFields.listOfObjects(body.get("tools"), "tools", false);
        AnthropicFields.object(body, "tool_choice", "tool_choice");
        AnthropicSampling.decode(body, !count);
        AnthropicFields.object(body, "thinking", "thinking");
        AnthropicFields.object(body, "output_config", "output_config");
        AnthropicFields.bool(body, "stream", "stream");
    }

    /** {@code count}: as for {@link #checkShape}. */
    static ChatRequest decode(JsonNode body, boolean count) {
        requireObject(body);
        List<Message> messages = new ArrayList<>(AnthropicMessages.decodeSystem(body.get("system")));
        messages.addAll(AnthropicMessages.decode(body.get("messages")));
        var tools = AnthropicTools.decodeTools(body.get("tools"));
        var choice = AnthropicTools.decodeToolChoice(body.get("tool_choice"));
        var sampling = AnthropicSampling.decode(body, !count);
        Optional<JsonNode> outputConfig = AnthropicFields.object(body, "output_config", "output_config");
        Optional<ResponseFormat> format = outputConfig.map(o -> o.get("format")).filter(AnthropicFields::given)
                .map(AnthropicTools::decodeFormat);
        var thinking = AnthropicThinking.decode(AnthropicFields.object(body, "thinking", "thinking"), outputConfig);
        boolean stream = AnthropicFields.bool(body, "stream", "stream").orElse(false);
        Map<String, JsonNode> extra = new LinkedHashMap<>(rest(body, FIELDS));
        if (!choice.rest().isEmpty()) {
            extra.put("tool_choice", NODES.objectNode().setAll(choice.rest()));
        }
        extra.putAll(thinking.extra());
        return new ChatRequest(messages, tools, choice.choice(), sampling, format, thinking.reasoning(), stream, false,
                extra, Optional.of(AnthropicFormat.INSTANCE));
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GatewayException.InvalidRequest("The request body must be a JSON object");
        }
    }

    static ObjectNode encode(ChatRequest request, String model, int defaultMaxTokens) {
        boolean keep = request.extraApplies(AnthropicFormat.INSTANCE);
        boolean adapt = request.sourceFormat().filter(AnthropicFormat.INSTANCE::equals).isEmpty();
        Map<String, JsonNode> extra = keep ? request.extra() : Map.of();
        Optional<Reasoning> reasoning = adapt && forcesTool(request)
                ? request.reasoning().map(r -> AnthropicThinking.on(r) ? AnthropicThinking.OFF : r)
                : request.reasoning();
        boolean callerMax = request.sampling().maxTokens().isPresent();
        int maxTokens = request.sampling().maxTokens().orElse(defaultMaxTokens);
        OptionalInt budget = reasoning.map(r -> AnthropicThinking.budget(r, adapt, maxTokens, callerMax))
                .orElse(OptionalInt.empty());
        boolean raise = adapt && !callerMax && budget.isPresent() && budget.getAsInt() >= maxTokens;

        ObjectNode body = NODES.objectNode().put("model", model)
                .put("max_tokens", raise ? budget.getAsInt() + defaultMaxTokens : maxTokens);
        Optional<String> instruction = request.responseFormat().filter(ResponseFormat.JsonObject.class::isInstance)
                .map(f -> AnthropicCodec.JSON_INSTRUCTION);
        JsonNode system = AnthropicMessages.encodeSystem(request.messages(), instruction, keep);
        if (system != null) {
            body.set("system", system);
        }
        body.set("messages", AnthropicMessages.encode(request.messages(), keep, request.sourceFormat()));
        if (!request.tools().isEmpty()) {
            body.set("tools", AnthropicTools.encodeTools(request.tools(), keep));
            toolChoice(request, extra).ifPresent(c -> body.set("tool_choice", c));
        }
        AnthropicSampling.encode(request.sampling(), body, adapt, reasoning.filter(AnthropicThinking::on).isPresent());
        if (request.stream()) {
            body.put("stream", true);
        }
        ObjectNode outputConfig = NODES.objectNode();
        reasoning.ifPresent(r -> {
            body.set("thinking", AnthropicThinking.encode(r, budget, Optional.ofNullable(extra.get("thinking"))));
            AnthropicThinking.effort(r).ifPresent(e -> outputConfig.put("effort", e));
        });
        if (request.responseFormat().orElse(null) instanceof ResponseFormat.JsonSchema schema) {
            outputConfig.set("format", AnthropicTools.encodeFormat(schema));
        }
        if (extra.get("output_config") instanceof ObjectNode kept) {
            kept.properties().forEach(e -> outputConfig.putIfAbsent(e.getKey(), e.getValue()));
        }
        if (!outputConfig.isEmpty()) {
            body.set("output_config", outputConfig);
        }
        extra.forEach((key, value) -> {
            if (!NESTED.contains(key)) {
                body.putIfAbsent(key, value);
            }
        });
        if (fromOpenAi(request) && request.extra().getOrDefault("user", NODES.nullNode()).isTextual()) {
            body.putObject("metadata").put("user_id", request.extra().get("user").textValue());
        }
        return body;
    }

    /**
     * The {@code tool_choice}, with its kept fields, or OpenAI's {@code parallel_tool_calls: false}
     * as {@code disable_parallel_tool_use} (which needs a choice: {@code auto} if none was given).
     */
    private static Optional<ObjectNode> toolChoice(ChatRequest request, Map<String, JsonNode> extra) {
        Map<String, JsonNode> more = new LinkedHashMap<>();
        if (extra.get("tool_choice") instanceof ObjectNode kept) {
            kept.properties().forEach(e -> more.put(e.getKey(), e.getValue()));
        }
        JsonNode parallel = request.extra().get("parallel_tool_calls");
        if (fromOpenAi(request) && parallel != null && parallel.isBoolean() && !parallel.booleanValue()) {
            more.put("disable_parallel_tool_use", NODES.booleanNode(true));
        }
        Optional<ToolChoice> choice = request.toolChoice().or(() -> more.isEmpty() ? Optional.empty()
                : Optional.of(ToolChoice.AUTO));
        return choice.map(c -> AnthropicTools.encodeToolChoice(c, more));
    }

    /**
     * Whether the request forces a tool call ({@code any} or a named tool) that will be sent. Anthropic
     * refuses that together with thinking, in both thinking modes ("tool use with thinking only
     * supports tool_choice auto or none"; Anthropic's thinking docs), so {@link #encode} sends such a
     * request from another format with thinking disabled: a forced tool is the caller's structural
     * requirement (structured output through a tool, an agent step that must act), while thinking is
     * an optimisation it can do without. Disabled is sent explicitly, not left out, because thinking
     * is on by default on some Claude models. A request in Anthropic's own format is sent as it came.
     */
    private static boolean forcesTool(ChatRequest request) {
        return !request.tools().isEmpty() && request.toolChoice()
                .filter(c -> c instanceof ToolChoice.Required || c instanceof ToolChoice.Named).isPresent();
    }

    private static boolean fromOpenAi(ChatRequest request) {
        return request.sourceFormat().filter(format -> format == OpenAiChatFormat.INSTANCE).isPresent();
    }
}
