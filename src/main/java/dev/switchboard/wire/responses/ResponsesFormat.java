package dev.switchboard.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.ErrorFormat;
import dev.switchboard.core.Operation;
import dev.switchboard.core.SseEvent;
import dev.switchboard.core.Usage;
import dev.switchboard.core.WireFormat;
import dev.switchboard.wire.WireFields;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import dev.switchboard.wire.openai.OpenAiErrors;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * OpenAI's Responses API ({@code POST /responses}) as one {@link WireFormat}. Streams are named
 * events ending with {@code response.completed}, {@code response.incomplete} or
 * {@code response.failed}. Translated answers, whole or streamed, are named after the endpoint the
 * caller asked for. A stored conversation ({@code previous_response_id}) can only be continued by
 * the provider that stored it: it passes through to a Responses provider, and is refused when the
 * call is translated (see {@link ResponsesRequests}). Thinking travels as {@code reasoning} items
 * whose {@code encrypted_content} is the signature, a Fernet token in base64's URL-safe alphabet.
 */
public final class ResponsesFormat implements WireFormat {

    public static final ResponsesFormat INSTANCE = new ResponsesFormat();

    private ResponsesFormat() {
    }

    @Override
    public String name() {
        return "OpenAI Responses";
    }

    @Override
    public String tableName() {
        return "openai_responses";
    }

    @Override
    public String signatureCode() {
        return "Resp";
    }

    @Override
    public boolean urlSafeSignatures() {
        return true;
    }

    @Override
    public void checkShape(ObjectNode body) {
        ResponsesRequests.checkShape(body);
    }

    @Override
    public ChatRequest decodeRequest(ObjectNode body, boolean stream) {
        return ResponsesRequests.decode(body);
    }

    /** The answer echoes the request's fields, as OpenAI's does. */
    @Override
    public JsonNode encodeResponse(ChatResponse response, ChatRequest request, String endpoint, String model) {
        return encodeResponse(response, Optional.of(request), endpoint);
    }

    /** A whole answer for a caller, echoing the fields of {@code request} when known. */
    public ObjectNode encodeResponse(ChatResponse response, Optional<ChatRequest> request, String endpoint) {
        return ResponsesResponses.encode(response, request, endpoint, System.currentTimeMillis() / 1000);
    }

    @Override
    public StreamEncoder streamEncoder(ChatRequest request, String endpoint, String model) {
        return new ResponsesStreamEncoder(ResponsesIds.response(), endpoint, System.currentTimeMillis() / 1000,
                ResponsesEnvelope.echo(Optional.of(request)));
    }

    @Override
    public ErrorFormat errors() {
        return ResponsesErrorFormat.INSTANCE;
    }

    @Override
    public Operation chatOperation(boolean stream) {
        return Operation.RESPONSES;
    }

    @Override
    public ObjectNode encodeRequest(ChatRequest request, String model, boolean stream, OptionalInt maxOutputTokens) {
        ObjectNode body = ResponsesRequests.encode(request, model);
        body.put("stream", stream);
        if (!stream) {
            body.remove("stream_options");
        }
        return body;
    }

    @Override
    public ChatResponse decodeResponse(JsonNode body) {
        return ResponsesResponses.decode(body);
    }

    @Override
    public StreamDecoder streamDecoder() {
        ResponsesStreamDecoder decoder = new ResponsesStreamDecoder();
        return new StreamDecoder() {
            @Override
            public List<ChatEvent> decode(SseEvent event) {
                // The API sends no [DONE]; some compatible servers add one after the last event.
                if (event.isDone()) {
                    return List.of();
                }
                return decoder.decode(event.event().orElse(null), WireFields.providerJson(event.data()));
            }

            @Override
            public boolean ends(SseEvent event) {
                return ResponsesRelay.INSTANCE.ends(event);
            }
        };
    }

    @Override
    public Optional<String> errorMessage(byte[] body) {
        return OpenAiErrors.read(body).map(OpenAiErrors.Detail::message);
    }

    /**
     * Only the top level is copied (and {@code input}, when a reasoning item's encrypted content
     * needs untagging or another provider made it; see {@link ResponsesReasoning#forProvider}).
     */
    @Override
    public ObjectNode passThrough(ObjectNode body, String model) {
        ObjectNode copy = body.objectNode();
        copy.setAll(body);
        copy.put("model", model);
        if (body.get("input") instanceof ArrayNode input) {
            ResponsesReasoning.forProvider(input).ifPresent(sent -> copy.set("input", sent));
        }
        return copy;
    }

    /** The SDKs' beta opt-in. */
    @Override
    public List<String> forwardedHeaders() {
        return List.of("openai-beta");
    }

    /** The same API's headers as its chat completions: request id, rate limits, retry hints. */
    @Override
    public boolean relaysHeader(String name) {
        return OpenAiChatFormat.INSTANCE.relaysHeader(name);
    }

    @Override
    public Usage usage(byte[] body) {
        return ResponsesRelay.usage(body).orElse(Usage.NONE);
    }

    @Override
    public Relay relay(ObjectNode body) {
        return ResponsesRelay.INSTANCE;
    }
}
