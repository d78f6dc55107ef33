package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Anthropic's Messages API as one {@link WireFormat}. Streams are named events ending with
 * {@code message_stop}. Translated answers are named after the model that served them. A
 * translated request without {@code max_tokens} asks for the model's output limit when the catalog
 * knows it, else {@link #DEFAULT_MAX_TOKENS} (Anthropic requires a limit).
 */
public final class AnthropicFormat implements WireFormat {

    public static final AnthropicFormat INSTANCE = new AnthropicFormat();

    /** The output limit asked for when neither the caller nor the catalog gives one; every current Claude model accepts it. */
    public static final int DEFAULT_MAX_TOKENS = 4096;

    private AnthropicFormat() {
    }

    @Override
    public String name() {
        return "Anthropic messages";
    }

    @Override
    public String tableName() {
        return "anthropic";
    }

    @Override
    public String signatureCode() {
        return "Anth";
    }

    @Override
    public void checkShape(ObjectNode body) {
        AnthropicCodec.checkShape(body);
    }

    @Override
    public ChatRequest decodeRequest(ObjectNode body, boolean stream) {
        return AnthropicCodec.decodeRequest(body);
    }

    @Override
    public JsonNode encodeResponse(ChatResponse response, ChatRequest request, String endpoint, String model) {
        return AnthropicCodec.encodeResponse(response, model);
    }

    @Override
    public StreamEncoder streamEncoder(ChatRequest request, String endpoint, String model) {
        return new AnthropicStreamEncoder("msg_" + UUID.randomUUID().toString().replace("-", ""), model);
    }

    @Override
    public ErrorFormat errors() {
        return AnthropicErrorFormat.INSTANCE;
    }

    @Override
    public Operation chatOperation(boolean stream) {
        return Operation.MESSAGES;
    }

    @Override
    public ObjectNode encodeRequest(ChatRequest request, String model, boolean stream, OptionalInt maxOutputTokens) {
        ObjectNode body = AnthropicCodec.encodeRequest(request, model, maxOutputTokens.orElse(DEFAULT_MAX_TOKENS));
        body.put("stream", stream);
        return body;
    }

    @Override
    public ChatResponse decodeResponse(JsonNode body) {
        return AnthropicCodec.decodeResponse(body);
    }

    @Override
    public StreamDecoder streamDecoder() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
        return new StreamDecoder() {
            @Override
            public List<ChatEvent> decode(SseEvent event) {
                return decoder.decode(event.event().orElse(""), WireFields.providerJson(event.data()));
            }

            @Override
            public boolean ends(SseEvent event) {
                return AnthropicRelay.INSTANCE.ends(event);
            }
        };
    }

    @Override
    public Optional<String> errorMessage(byte[] body) {
        return AnthropicErrors.read(body).map(AnthropicErrors.Detail::message);
    }

    /** A deep copy: signatures are untagged inside the messages. */
    @Override
    public ObjectNode passThrough(ObjectNode body, String model) {
        ObjectNode sent = body.deepCopy();
        sent.put("model", model);
        AnthropicCodec.untagSignatures(sent);
        return sent;
    }

    /** Beta features a caller opted into (prompt caching scopes, longer outputs ...). */
    @Override
    public List<String> forwardedHeaders() {
        return List.of("anthropic-beta");
    }

    /** Anthropic's request id, its rate-limit headers, and the retry hints its SDKs read. */
    @Override
    public boolean relaysHeader(String name) {
        return name.equalsIgnoreCase("request-id") || name.regionMatches(true, 0, "anthropic-ratelimit-", 0, 20)
                || name.regionMatches(true, 0, "retry-after", 0, 11) || name.equalsIgnoreCase("x-should-retry");
    }

    @Override
    public Usage usage(byte[] body) {
        return AnthropicRelay.usage(WireFields.providerJson(body).path("usage"), Usage.NONE);
    }

    @Override
    public Relay relay(ObjectNode body) {
        return AnthropicRelay.INSTANCE;
    }

    /** {@code /v1/messages/count_tokens}: see {@link AnthropicTokenCounting}. */
    @Override
    public Optional<TokenCounting> tokenCounting() {
        return Optional.of(AnthropicTokenCounting.INSTANCE);
    }
}
