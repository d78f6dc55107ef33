package dev.switchboard.wire.gemini;

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
 * Gemini's generateContent and streamGenerateContent as one {@link WireFormat}, with its
 * embeddings ({@link GeminiEmbeddings}) and token counting ({@link GeminiTokenCounting}). The model is in
 * the URL, not the body, so pass-through sends the caller's body as it is (thought signatures
 * another provider made left out). Streams are whole response chunks with no end event: the
 * connection closing ends them.
 */
public final class GeminiFormat implements WireFormat {

    public static final GeminiFormat INSTANCE = new GeminiFormat();

    private GeminiFormat() {
    }

    @Override
    public String name() {
        return "Gemini generateContent";
    }

    @Override
    public String tableName() {
        return "gemini";
    }

    /** {@code thoughtSignature} is bytes, in standard base64. */
    @Override
    public boolean signaturesAreBytes() {
        return true;
    }

    @Override
    public String signatureCode() {
        return "Gemi";
    }

    @Override
    public void checkShape(ObjectNode body) {
        GeminiCodec.checkShape(body);
    }

    @Override
    public ChatRequest decodeRequest(ObjectNode body, boolean stream) {
        return GeminiCodec.decodeRequest(body, stream);
    }

    @Override
    public JsonNode encodeResponse(ChatResponse response, ChatRequest request, String endpoint, String model) {
        return GeminiCodec.encodeResponse(response, model);
    }

    @Override
    public StreamEncoder streamEncoder(ChatRequest request, String endpoint, String model) {
        GeminiStreamEncoder encoder = new GeminiStreamEncoder(UUID.randomUUID().toString().replace("-", ""), model);
        return new StreamEncoder() {
            @Override
            public List<byte[]> encode(ChatEvent event) {
                return SseEvent.dataOnly(encoder.encode(event));
            }

            @Override
            public List<byte[]> finish() {
                return SseEvent.dataOnly(encoder.finish());
            }

            @Override
            public List<byte[]> flush() {
                return SseEvent.dataOnly(encoder.flush());
            }
        };
    }

    @Override
    public ErrorFormat errors() {
        return GeminiErrorFormat.INSTANCE;
    }

    @Override
    public Operation chatOperation(boolean stream) {
        return stream ? Operation.STREAM_GENERATE_CONTENT : Operation.GENERATE_CONTENT;
    }

    @Override
    public ObjectNode encodeRequest(ChatRequest request, String model, boolean stream, OptionalInt maxOutputTokens) {
        return GeminiCodec.encodeRequest(request);
    }

    @Override
    public ChatResponse decodeResponse(JsonNode body) {
        return GeminiCodec.decodeResponse(body);
    }

    @Override
    public StreamDecoder streamDecoder() {
        GeminiStreamDecoder decoder = new GeminiStreamDecoder();
        return new StreamDecoder() {
            @Override
            public List<ChatEvent> decode(SseEvent event) {
                return decoder.decode(WireFields.providerJson(event.data()));
            }

            @Override
            public boolean ends(SseEvent event) {
                return false;
            }
        };
    }

    @Override
    public Optional<String> errorMessage(byte[] body) {
        return GeminiErrors.read(body).map(GeminiErrors.Detail::message);
    }

    /** A deep copy with only the signatures Gemini made; the model goes in the URL. */
    @Override
    public ObjectNode passThrough(ObjectNode body, String model) {
        ObjectNode sent = body.deepCopy();
        GeminiCodec.untagSignatures(sent);
        return sent;
    }

    @Override
    public List<String> forwardedHeaders() {
        return List.of();
    }

    /** Gemini's API sends nothing its SDKs read beside the standard {@code retry-after}. */
    @Override
    public boolean relaysHeader(String name) {
        return name.equalsIgnoreCase("retry-after");
    }

    @Override
    public Usage usage(byte[] body) {
        return GeminiRelay.usage(WireFields.providerJson(body).path("usageMetadata"), Usage.NONE);
    }

    @Override
    public Relay relay(ObjectNode body) {
        return GeminiRelay.INSTANCE;
    }

    /** {@code :batchEmbedContents}, the form a provider is called in. */
    @Override
    public Optional<Embeddings> embeddings() {
        return Optional.of(GeminiEmbeddings.BATCH);
    }

    /** {@code :embedContent}, one content and one embedding, for callers of that method. */
    public Embeddings embedContent() {
        return GeminiEmbeddings.SINGLE;
    }

    /**
     * Checks that each request of a {@code :batchEmbedContents} body names {@code model}, the
     * model of the URL, or none, as Google's API requires.
     */
    public void checkBatchModels(ObjectNode body, String model) {
        GeminiEmbeddings.BATCH.checkModels(body, model);
    }

    @Override
    public Optional<TokenCounting> tokenCounting() {
        return Optional.of(GeminiTokenCounting.INSTANCE);
    }
}
