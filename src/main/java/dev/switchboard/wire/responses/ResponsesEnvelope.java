package dev.switchboard.wire.responses;

import static dev.switchboard.wire.responses.ResponsesFields.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ResponseFormat;
import dev.switchboard.core.Sampling;
import dev.switchboard.core.Usage;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The {@code response} object a caller gets, whole or in the stream's lifecycle events: its status,
 * output, usage, and the request fields the Responses API echoes and the SDKs read (tools, tool
 * choice, sampling, text format, reasoning, instructions, metadata). Without the request, those are
 * the API's defaults.
 */
final class ResponsesEnvelope {

    private ResponsesEnvelope() {
    }

    /** The echoed request fields, as written into every {@code response} object of one answer. */
    record Echo(JsonNode instructions, JsonNode maxOutputTokens, boolean parallelToolCalls, ObjectNode reasoning,
                JsonNode temperature, ObjectNode text, JsonNode toolChoice, ArrayNode tools, JsonNode topP,
                JsonNode metadata) {
    }

    /** What the answer to {@code request} echoes; the API's defaults when there is no request. */
    static Echo echo(Optional<ChatRequest> request) {
        boolean keep = request.filter(r -> r.extraApplies(ResponsesFormat.INSTANCE)).isPresent();
        Map<String, JsonNode> extra = keep ? request.get().extra() : Map.of();
        ObjectNode reasoning = NODES.objectNode();
        reasoning.set("effort", request.flatMap(ChatRequest::reasoning).flatMap(ResponsesRequests::effort)
                .<JsonNode>map(NODES::textNode).orElse(NODES.nullNode()));
        reasoning.set("summary", extra.getOrDefault("reasoning", NODES.missingNode()).path("summary").isTextual()
                ? extra.get("reasoning").get("summary") : NODES.nullNode());
        ObjectNode text = NODES.objectNode();
        text.set("format", ResponsesTools.encodeFormat(request.flatMap(ChatRequest::responseFormat)
                .orElse(ResponseFormat.TEXT)));
        if (extra.get("text") instanceof ObjectNode kept) {
            kept.properties().forEach(e -> text.putIfAbsent(e.getKey(), e.getValue()));
        }
        JsonNode parallel = extra.get("parallel_tool_calls");
        JsonNode metadata = extra.get("metadata");
        Optional<Sampling> sampling = request.map(ChatRequest::sampling);
        return new Echo(
                extra.getOrDefault("instructions", NODES.nullNode()).isTextual() ? extra.get("instructions")
                        : NODES.nullNode(),
                sampling.map(Sampling::maxTokens).filter(OptionalInt::isPresent)
                        .<JsonNode>map(m -> NODES.numberNode(m.getAsInt())).orElse(NODES.nullNode()),
                parallel == null || !parallel.isBoolean() || parallel.booleanValue(),
                reasoning,
                number(sampling.map(Sampling::temperature)),
                text,
                request.flatMap(ChatRequest::toolChoice).map(ResponsesTools::encodeToolChoice)
                        .orElse(NODES.textNode("auto")),
                request.map(r -> ResponsesTools.encodeTools(r.tools(), keep, false)).orElseGet(NODES::arrayNode),
                number(sampling.map(Sampling::topP)),
                metadata != null && metadata.isObject() ? metadata : NODES.objectNode());
    }

    private static JsonNode number(Optional<OptionalDouble> value) {
        return value.filter(OptionalDouble::isPresent).<JsonNode>map(v -> NODES.numberNode(v.getAsDouble()))
                .orElse(NODES.nullNode());
    }

    /**
     * A {@code response} object. {@code status} is {@code in_progress}, {@code completed} or
     * {@code incomplete} (then with {@code incompleteReason}); {@code usage} is absent while it runs.
     */
    static ObjectNode response(String id, long createdAt, String model, String status,
                               Optional<String> incompleteReason, ArrayNode output, Optional<Usage> usage, Echo echo) {
        ObjectNode body = NODES.objectNode().put("id", id).put("object", "response").put("created_at", createdAt)
                .put("status", status);
        body.putNull("error");
        incompleteReason.ifPresentOrElse(r -> body.putObject("incomplete_details").put("reason", r),
                () -> body.putNull("incomplete_details"));
        body.set("instructions", echo.instructions());
        body.set("max_output_tokens", echo.maxOutputTokens());
        body.put("model", model);
        body.set("output", output);
        body.put("parallel_tool_calls", echo.parallelToolCalls());
        body.set("reasoning", echo.reasoning());
        body.set("temperature", echo.temperature());
        body.set("text", echo.text());
        body.set("tool_choice", echo.toolChoice());
        body.set("tools", echo.tools());
        body.set("top_p", echo.topP());
        usage.ifPresentOrElse(u -> body.set("usage", ResponsesUsage.encode(u)), () -> body.putNull("usage"));
        body.set("metadata", echo.metadata());
        return body;
    }
}
