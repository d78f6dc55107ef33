package dev.switchboard.wire.responses;

import static dev.switchboard.wire.responses.ResponsesFields.putExtra;
import static dev.switchboard.wire.responses.ResponsesFields.rest;
import static dev.switchboard.wire.responses.ResponsesFields.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Message;
import dev.switchboard.core.Role;
import dev.switchboard.core.StopReason;
import dev.switchboard.wire.openai.OpenAiErrors;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code response} object and {@link ChatResponse}, both ways. A provider's answer is one choice;
 * the fields it echoes from the request are kept in the response's extra. An answer for a caller is
 * named after the endpoint, with a new {@code resp_} id, its first choice only, and no
 * {@code output_text} (an SDK convenience the API never sends).
 */
final class ResponsesResponses {

    private static final Set<String> FIELDS = Set.of("id", "object", "created_at", "status", "error",
            "incomplete_details", "model", "output", "output_text", "usage");

    private ResponsesResponses() {
    }

    /** A provider's {@code response}; a body that is not one, or a failed one, is an upstream failure (502). */
    static ChatResponse decode(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GatewayException.UpstreamUnavailable("The provider's response is not a JSON object", null);
        }
        String status = textOf(body.get("status")).orElse("completed");
        JsonNode output = body.get("output");
        if (status.equals("failed") || output == null || !output.isArray()) {
            String reason = failure(body).map(m -> "an error: " + m).orElse("no 'output' list");
            throw new GatewayException.UpstreamUnavailable("The provider's response has " + reason, null);
        }
        ResponsesOutput.Decoded decoded = ResponsesOutput.decode(output);
        StopReason stop = ResponsesStopReasons.decode(status, textOf(body.path("incomplete_details").get("reason")),
                decoded.calledFunction());
        var choice = new ChatResponse.Choice(new Message(Role.ASSISTANT, decoded.content()), stop, Map.of());
        return new ChatResponse(textOf(body.get("id")).orElse(""), textOf(body.get("model")).filter(m -> !m.isBlank()),
                List.of(choice), ResponsesUsage.decode(body.get("usage")), rest(body, FIELDS),
                Optional.of(ResponsesFormat.INSTANCE));
    }

    /** The message of a failed response ({@code error.message}) or of an error body. */
    static Optional<String> failure(JsonNode body) {
        return textOf(body.path("error").get("message"))
                .or(() -> OpenAiErrors.read(body).map(OpenAiErrors.Detail::message));
    }

    /**
     * A {@code response} for a caller, {@code createdAt} in Unix seconds; {@code request}, when known,
     * gives the fields the answer echoes.
     */
    static ObjectNode encode(ChatResponse response, Optional<ChatRequest> request, String model, long createdAt) {
        boolean keep = response.extraApplies(ResponsesFormat.INSTANCE);
        StopReason stop = response.stopReason();
        boolean incomplete = ResponsesStopReasons.incomplete(stop);
        ObjectNode body = ResponsesEnvelope.response(ResponsesIds.response(), createdAt, model,
                incomplete ? "incomplete" : "completed", ResponsesStopReasons.incompleteReason(stop),
                ResponsesOutput.encode(response.content(), response.sourceFormat(), keep,
                        incomplete ? "incomplete" : "completed"),
                Optional.of(response.usage()), ResponsesEnvelope.echo(request));
        putExtra(body, response.extra(), keep);
        return body;
    }
}
