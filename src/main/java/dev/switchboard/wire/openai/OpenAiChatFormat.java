package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.EmbeddingRequest;
import dev.switchboard.core.EmbeddingResponse;
import dev.switchboard.core.ErrorFormat;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Operation;
import dev.switchboard.core.SseEvent;
import dev.switchboard.core.Usage;
import dev.switchboard.core.WireFormat;
import dev.switchboard.wire.WireFields;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * OpenAI's Chat Completions and Embeddings, as one {@link WireFormat}: spoken by OpenAI, Azure
 * OpenAI and every OpenAI-compatible provider. Streams are {@code chat.completion.chunk}s ending
 * with {@code data: [DONE]}. A translated stream is named after the endpoint the caller asked for;
 * a translated whole answer after the model the provider reported, else the target's.
 */
public final class OpenAiChatFormat implements WireFormat {

    public static final OpenAiChatFormat INSTANCE = new OpenAiChatFormat();

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private OpenAiChatFormat() {
    }

    @Override
    public String name() {
        return "OpenAI chat completions";
    }

    @Override
    public String tableName() {
        return "openai";
    }

    @Override
    public String signatureCode() {
        return "Oapi";
    }

    @Override
    public void checkShape(ObjectNode body) {
        OpenAiChatCodec.checkShape(body);
    }

    @Override
    public ChatRequest decodeRequest(ObjectNode body, boolean stream) {
        return OpenAiChatCodec.decodeRequest(body);
    }

    @Override
    public JsonNode encodeResponse(ChatResponse response, ChatRequest request, String endpoint, String model) {
        return OpenAiChatCodec.encodeResponse(response, response.model().orElse(model),
                System.currentTimeMillis() / 1000);
    }

    @Override
    public StreamEncoder streamEncoder(ChatRequest request, String endpoint, String model) {
        OpenAiStreamEncoder encoder = new OpenAiStreamEncoder(
                "chatcmpl-" + UUID.randomUUID().toString().replace("-", ""), endpoint,
                System.currentTimeMillis() / 1000, request.includeUsage());
        return new StreamEncoder() {
            @Override
            public List<byte[]> encode(ChatEvent event) {
                return SseEvent.dataOnly(encoder.encode(event));
            }

            @Override
            public List<byte[]> finish() {
                List<byte[]> frames = new ArrayList<>(SseEvent.dataOnly(encoder.finish()));
                frames.add(DONE);
                return frames;
            }
        };
    }

    @Override
    public ErrorFormat errors() {
        return OpenAiErrorFormat.INSTANCE;
    }

    @Override
    public Operation chatOperation(boolean stream) {
        return Operation.CHAT_COMPLETIONS;
    }

    /** A streamed request asks for usage at the end, so that every stream's tokens are counted. */
    @Override
    public ObjectNode encodeRequest(ChatRequest request, String model, boolean stream, OptionalInt maxOutputTokens) {
        ObjectNode body = OpenAiChatCodec.encodeRequest(request, model);
        body.put("stream", stream);
        if (stream) {
            body.putObject("stream_options").put("include_usage", true);
        } else {
            body.remove("stream_options");
        }
        return body;
    }

    @Override
    public ChatResponse decodeResponse(JsonNode body) {
        return OpenAiChatCodec.decodeResponse(body);
    }

    @Override
    public StreamDecoder streamDecoder() {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder();
        return new StreamDecoder() {
            @Override
            public List<ChatEvent> decode(SseEvent event) {
                if (event.isDone()) {
                    return List.of();
                }
                JsonNode chunk = WireFields.providerJson(event.data());
                if (chunk.has("error")) {
                    throw new GatewayException.UpstreamUnavailable("The provider reported an error mid-stream: "
                            + OpenAiErrors.read(chunk).map(OpenAiErrors.Detail::message).orElse("unknown error"),
                            null);
                }
                return decoder.decode(chunk);
            }

            @Override
            public boolean ends(SseEvent event) {
                return event.isDone();
            }
        };
    }

    @Override
    public Optional<String> errorMessage(byte[] body) {
        return OpenAiErrors.read(body).map(OpenAiErrors.Detail::message);
    }

    /**
     * Only the top level is copied (and the messages, when they carry thinking signatures: those
     * another provider made are left out): dialects may set or drop top-level fields. A stream
     * always asks for usage at its end, so its tokens are counted; a caller who did not ask for it
     * never sees that chunk ({@link #relay}).
     */
    @Override
    public ObjectNode passThrough(ObjectNode body, String model) {
        ObjectNode copy = body.objectNode();
        copy.setAll(body);
        copy.put("model", model);
        if (body.get("messages") instanceof ArrayNode messages && OpenAiThinkingBlocks.mayCarrySignatures(messages)) {
            // Signatures another provider made never reach this one; the caller's own stay as they are.
            copy.set("messages", messages.deepCopy());
            OpenAiChatCodec.untagSignatures(copy);
        }
        if (streams(body) && !asksForUsage(body)) {
            ObjectNode options = body.get("stream_options") instanceof ObjectNode given ? given.deepCopy()
                    : copy.objectNode();
            copy.set("stream_options", options.put("include_usage", true));
        }
        return copy;
    }

    /** The SDKs' beta opt-in. */
    @Override
    public List<String> forwardedHeaders() {
        return List.of("openai-beta");
    }

    /** OpenAI's request id, its rate-limit headers, and the retry hints its SDKs read. */
    @Override
    public boolean relaysHeader(String name) {
        return name.equalsIgnoreCase("x-request-id") || name.regionMatches(true, 0, "x-ratelimit-", 0, 12)
                || name.equalsIgnoreCase("openai-processing-ms") || name.regionMatches(true, 0, "retry-after", 0, 11)
                || name.equalsIgnoreCase("x-should-retry");
    }

    @Override
    public Usage usage(byte[] body) {
        return OpenAiRelay.usage(body).orElse(Usage.NONE);
    }

    @Override
    public Relay relay(ObjectNode body) {
        return asksForUsage(body) ? OpenAiRelay.INSTANCE : OpenAiRelay.KEEPING_USAGE;
    }

    private static boolean streams(ObjectNode body) {
        JsonNode stream = body.get("stream");
        return stream != null && stream.asBoolean(false);
    }

    private static boolean asksForUsage(ObjectNode body) {
        return body.path("stream_options").path("include_usage").asBoolean(false);
    }

    @Override
    public Optional<Embeddings> embeddings() {
        return Optional.of(EMBEDDINGS);
    }

    private static final Embeddings EMBEDDINGS = new Embeddings() {
        @Override
        public Operation operation() {
            return Operation.EMBEDDINGS;
        }

        @Override
        public void checkShape(ObjectNode body) {
            OpenAiEmbeddingsCodec.checkShape(body);
        }

        @Override
        public EmbeddingRequest decodeRequest(ObjectNode body) {
            return OpenAiEmbeddingsCodec.decodeRequest(body);
        }

        @Override
        public JsonNode encodeResponse(EmbeddingResponse response, String model, EmbeddingRequest request) {
            return OpenAiEmbeddingsCodec.encodeResponse(response, model, request.encodingFormat());
        }

        @Override
        public ObjectNode encodeRequest(EmbeddingRequest request, String model) {
            return OpenAiEmbeddingsCodec.encodeRequest(request, model);
        }

        @Override
        public EmbeddingResponse decodeResponse(JsonNode body) {
            return OpenAiEmbeddingsCodec.decodeResponse(body);
        }

        @Override
        public ObjectNode passThrough(ObjectNode body, String model) {
            return INSTANCE.passThrough(body, model);
        }

        @Override
        public Usage usage(byte[] body) {
            return INSTANCE.usage(body);
        }
    };
}
