package dev.switchboard.wire.responses;

import static dev.switchboard.wire.responses.ResponsesFields.NODES;
import static dev.switchboard.wire.responses.ResponsesFields.given;
import static dev.switchboard.wire.responses.ResponsesFields.invalid;
import static dev.switchboard.wire.responses.ResponsesFields.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Message;
import dev.switchboard.core.Reasoning;
import dev.switchboard.core.Sampling;
import dev.switchboard.core.WireFormat;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A Responses request body ({@code POST /responses}) and {@link ChatRequest}, both ways; the parts
 * are in {@link ResponsesInput}, {@link ResponsesTools} and {@link ResponsesReasoning}.
 *
 * <p>Decoding reads {@code input}, {@code instructions}, {@code tools}, {@code tool_choice},
 * {@code text.format}, {@code reasoning.effort}, {@code temperature}, {@code top_p},
 * {@code max_output_tokens} and {@code stream}; the rest ({@code parallel_tool_calls},
 * {@code metadata}, {@code include}, {@code store}, {@code user}, and what is left of {@code text} and
 * {@code reasoning}) stays in the request's extra, with {@code instructions} too, for the answer to
 * echo it. A request decoded is one the gateway translates for another provider, so what only
 * OpenAI can resolve is refused with a 400: a stored conversation ({@code previous_response_id},
 * {@code conversation}), a stored prompt template ({@code prompt}) and background mode.
 *
 * <p>Encoding, for a Responses provider: {@code store: false} always, as the gateway keeps no
 * conversation at OpenAI, and so {@code include: ["reasoning.encrypted_content"]} when reasoning is
 * on, for its reasoning to come back in the next turn (see {@link ResponsesReasoning}). The
 * Responses API has no stop sequences, penalties, seed or {@code top_k}: they are dropped, and
 * {@code n > 1} is refused. From OpenAI's chat format, the fields both APIs share ({@code user},
 * {@code metadata}, {@code parallel_tool_calls}, {@code service_tier}, {@code prompt_cache_key},
 * {@code safety_identifier}) are kept; from Anthropic's, {@code disable_parallel_tool_use} becomes
 * {@code parallel_tool_calls: false}.
 */
final class ResponsesRequests {

    static final String ENCRYPTED_REASONING = "reasoning.encrypted_content";

    private static final Set<String> FIELDS = Set.of("model", "input", "tools", "tool_choice", "text", "reasoning",
            "temperature", "top_p", "max_output_tokens", "stream");
    /** Fields of the request's extra that encoding writes itself, or never sends on. */
    private static final Set<String> WRITTEN = Set.of("instructions", "text", "reasoning", "store", "include",
            "stream");
    private static final Set<String> SHARED_WITH_CHAT = Set.of("user", "metadata", "parallel_tool_calls",
            "service_tier", "prompt_cache_key", "safety_identifier");

    private ResponsesRequests() {
    }

    /** The structural rules of {@link #decode}, without decoding: what pass-through checks before it sends a body. */
    static void checkShape(JsonNode body) {
        requireObject(body);
        ResponsesInput.checkShape(body.get("input"));
        ResponsesFields.text(body, "instructions", "instructions");
        ResponsesFields.text(body, "previous_response_id", "previous_response_id");
        ResponsesFields.listOfObjects(body.get("tools"), "tools", false);
        JsonNode choice = body.get("tool_choice");
        if (given(choice) && !choice.isTextual() && !choice.isObject()) {
            throw invalid("tool_choice", "must be a string or an object");
        }
        sampling(body);
        for (String field : List.of("stream", "parallel_tool_calls", "store", "background")) {
            ResponsesFields.bool(body, field, field);
        }
        for (String field : List.of("text", "reasoning", "metadata", "stream_options")) {
            ResponsesFields.object(body, field, field);
        }
        ResponsesFields.object(body, "text", "text").ifPresent(t -> ResponsesFields.object(t, "format", "text.format"));
    }

    static ChatRequest decode(JsonNode body) {
        checkShape(body);
        refuseStored(body);
        List<Message> messages = ResponsesInput.decode(body);
        var tools = ResponsesTools.decodeTools(body.get("tools"));
        var toolChoice = ResponsesTools.decodeToolChoice(body.get("tool_choice"));
        Optional<JsonNode> text = ResponsesFields.object(body, "text", "text");
        var format = ResponsesTools.decodeFormat(text);
        Optional<JsonNode> reasoningConfig = ResponsesFields.object(body, "reasoning", "reasoning");
        Optional<Reasoning> reasoning = reasoningConfig
                .flatMap(r -> ResponsesFields.text(r, "effort", "reasoning.effort"))
                .map(effort -> new Reasoning(Optional.of(effort), OptionalInt.empty()));
        Map<String, JsonNode> extra = new LinkedHashMap<>(rest(body, FIELDS));
        text.map(t -> rest(t, Set.of("format"))).filter(m -> !m.isEmpty())
                .ifPresent(m -> extra.put("text", NODES.objectNode().setAll(m)));
        reasoningConfig.map(r -> rest(r, Set.of("effort"))).filter(m -> !m.isEmpty())
                .ifPresent(m -> extra.put("reasoning", NODES.objectNode().setAll(m)));
        boolean stream = ResponsesFields.bool(body, "stream", "stream").orElse(false);
        return new ChatRequest(messages, tools, toolChoice, sampling(body), format, reasoning, stream, false, extra,
                Optional.of(ResponsesFormat.INSTANCE));
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GatewayException.InvalidRequest("The request body must be a JSON object");
        }
    }

    private static void refuseStored(JsonNode body) {
        for (String field : List.of("previous_response_id", "conversation")) {
            if (given(body.get(field))) {
                throw invalid(field, "is only supported when the endpoint's target is an OpenAI Responses provider "
                        + "(pass-through), and this call is answered by another provider: send the whole "
                        + "conversation in 'input' instead");
            }
        }
        if (given(body.get("prompt"))) {
            throw invalid("prompt", "names a prompt template stored at OpenAI, which the gateway only resolves when "
                    + "the endpoint's target is an OpenAI Responses provider (pass-through): send the instructions "
                    + "and input themselves instead");
        }
        if (ResponsesFields.bool(body, "background", "background").orElse(false)) {
            throw invalid("background", "mode is only supported when the endpoint's target is an OpenAI Responses "
                    + "provider (pass-through): send the request without it");
        }
    }

    private static Sampling sampling(JsonNode body) {
        return new Sampling(ResponsesFields.number(body, "temperature"), ResponsesFields.number(body, "top_p"),
                OptionalInt.empty(), ResponsesFields.integer(body, "max_output_tokens", "max_output_tokens"), List.of(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalLong.empty(), OptionalInt.empty());
    }

    /** A request for a Responses provider; {@code stream} is set by the caller of this method. */
    static ObjectNode encode(ChatRequest request, String model) {
        boolean keep = request.extraApplies(ResponsesFormat.INSTANCE);
        Map<String, JsonNode> extra = keep ? request.extra() : Map.of();
        Sampling sampling = request.sampling();
        if (sampling.n().orElse(1) > 1) {
            throw new GatewayException.Unsupported("'n' greater than 1 is not supported by OpenAI's Responses API");
        }
        ObjectNode body = NODES.objectNode().put("model", model);
        body.set("input", ResponsesInput.encode(request.messages(), keep, request.sourceFormat()));
        if (!request.tools().isEmpty()) {
            body.set("tools", ResponsesTools.encodeTools(request.tools(), keep, true));
            request.toolChoice().ifPresent(c -> body.set("tool_choice", ResponsesTools.encodeToolChoice(c)));
        }
        ObjectNode text = NODES.objectNode();
        request.responseFormat().ifPresent(f -> text.set("format", ResponsesTools.encodeFormat(f)));
        merge(text, extra.get("text"));
        if (!text.isEmpty()) {
            body.set("text", text);
        }
        sampling.temperature().ifPresent(v -> body.put("temperature", v));
        sampling.topP().ifPresent(v -> body.put("top_p", v));
        sampling.maxTokens().ifPresent(v -> body.put("max_output_tokens", v));
        Optional<String> effort = request.reasoning().flatMap(ResponsesRequests::effort);
        ObjectNode reasoning = NODES.objectNode();
        effort.ifPresent(e -> reasoning.put("effort", e));
        merge(reasoning, extra.get("reasoning"));
        if (!reasoning.isEmpty()) {
            body.set("reasoning", reasoning);
        }
        extra.forEach((key, value) -> {
            if (!WRITTEN.contains(key)) {
                body.putIfAbsent(key, value);
            }
        });
        if (!keep) {
            crossFormat(request, body);
        }
        body.put("store", false);
        ArrayNode include = extra.get("include") instanceof ArrayNode given ? given.deepCopy() : NODES.arrayNode();
        if (effort.filter(e -> !e.equals("none")).isPresent() && !contains(include, ENCRYPTED_REASONING)) {
            include.add(ENCRYPTED_REASONING);
        }
        if (!include.isEmpty()) {
            body.set("include", include);
        }
        return body;
    }

    /** The fields another format's request shares with the Responses API, under their Responses names. */
    private static void crossFormat(ChatRequest request, ObjectNode body) {
        Optional<WireFormat> source = request.sourceFormat();
        if (source.filter(f -> f == OpenAiChatFormat.INSTANCE).isPresent()) {
            request.extra().forEach((key, value) -> {
                if (SHARED_WITH_CHAT.contains(key)) {
                    body.set(key, value);
                }
            });
        }
        if (source.filter(f -> f == AnthropicFormat.INSTANCE).isPresent() && !request.tools().isEmpty()
                && request.extra().getOrDefault("tool_choice", NODES.missingNode()).path("disable_parallel_tool_use")
                .asBoolean(false)) {
            body.put("parallel_tool_calls", false);
        }
    }

    private static void merge(ObjectNode target, JsonNode kept) {
        if (kept instanceof ObjectNode object) {
            object.properties().forEach(e -> target.putIfAbsent(e.getKey(), e.getValue()));
        }
    }

    private static boolean contains(ArrayNode values, String text) {
        for (JsonNode value : values) {
            if (text.equals(value.asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The {@code reasoning.effort} for a canonical {@link Reasoning}, as OpenAI's chat codec writes
     * {@code reasoning_effort}: the effort if given (Anthropic's {@code max} becomes {@code xhigh}),
     * else one derived from a positive token budget (up to 1024 → low, up to 8192 → medium, more →
     * high). Thinking turned off (a budget of 0) or left to the model sends nothing, as models that do
     * not reason reject the field.
     */
    static Optional<String> effort(Reasoning reasoning) {
        if (reasoning.effort().isPresent()) {
            return reasoning.effort().map(e -> e.equals("max") ? "xhigh" : e);
        }
        if (reasoning.budgetTokens().isEmpty() || reasoning.budgetTokens().getAsInt() <= 0) {
            return Optional.empty();
        }
        int budget = reasoning.budgetTokens().getAsInt();
        return Optional.of(budget <= 1024 ? "low" : budget <= 8192 ? "medium" : "high");
    }
}
