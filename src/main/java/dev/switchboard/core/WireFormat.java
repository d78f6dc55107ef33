package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One wire format (OpenAI chat, Anthropic Messages, Gemini ...), both directions in one object, so
 * that a new format is one implementation and nothing else in the gateway names formats:
 * <ul>
 * <li>the caller's side: check and decode a caller's request, encode an answer, its stream events
 *     and its errors for that caller;</li>
 * <li>the provider's side: encode a canonical request for a provider of this format, decode its
 *     answer and its stream;</li>
 * <li>pass-through, when caller and provider both speak it: the body with the target's model, the
 *     usage read from a relayed body, and the relay rules of its streams.</li>
 * </ul>
 * Implementations are stateless singletons, compared by identity; everything they do is pure
 * (bytes and trees in, bytes and trees out), and streams are fed one event at a time.
 */
public interface WireFormat {

    /** The format's name for messages and logs, e.g. {@code OpenAI chat completions}. */
    String name();

    /** The format's name in the provider table's {@code wire_format}, e.g. {@code openai}. */
    String tableName();

    /**
     * Four letters that tag a thinking signature a provider of this format made, when it reaches a
     * caller of another format ({@link Signatures}); unique among formats.
     */
    String signatureCode();

    /**
     * Whether this format's providers write their signatures in base64's URL-safe alphabet (OpenAI's
     * encrypted reasoning is a Fernet token) rather than the standard one that Anthropic and Gemini
     * write: {@link Signatures} turns a signature a client re-encoded back into it.
     */
    default boolean urlSafeSignatures() {
        return false;
    }

    /**
     * Whether this format's callers hold signatures as bytes written in standard base64 (Gemini's
     * {@code thoughtSignature}), so a signature made in the URL-safe alphabet reaches them in the
     * standard one ({@link Signatures#forCaller}); other formats carry signatures as opaque text.
     */
    default boolean signaturesAreBytes() {
        return false;
    }

    // ---------------------------------------------------------------------- the caller's side

    /**
     * Checks the shape of a caller's body before any provider is called, so that a malformed one
     * gets a 400 naming the field even when it would have been passed through.
     */
    void checkShape(ObjectNode body);

    /** A caller's body in the canonical model; {@code stream} is whether the route streams. */
    ChatRequest decodeRequest(ObjectNode body, boolean stream);

    /**
     * A whole answer for a caller, translated from a provider of another format, to the caller's
     * {@code request} (decoded by this format; formats whose answers echo the request read it).
     * {@code endpoint} is the name the caller used, {@code model} the model that served the call.
     */
    JsonNode encodeResponse(ChatResponse response, ChatRequest request, String endpoint, String model);

    /** A new encoder for one translated stream to a caller (see {@link #encodeResponse} for the names). */
    StreamEncoder streamEncoder(ChatRequest request, String endpoint, String model);

    /** How this format's callers receive errors. */
    ErrorFormat errors();

    // ---------------------------------------------------------------------- the provider's side

    /** The provider operation that serves a chat call, streamed or not. */
    Operation chatOperation(boolean stream);

    /**
     * A canonical request as a provider of this format takes it. {@code maxOutputTokens} is the
     * model's own output limit, when known, for formats that require a limit.
     */
    ObjectNode encodeRequest(ChatRequest request, String model, boolean stream, OptionalInt maxOutputTokens);

    /** A provider's whole answer in the canonical model. */
    ChatResponse decodeResponse(JsonNode body);

    /** A new decoder for one provider stream. */
    StreamDecoder streamDecoder();

    /** The readable message of a provider's error body, if it has this format's error shape. */
    Optional<String> errorMessage(byte[] body);

    // ---------------------------------------------------------------------- pass-through

    /**
     * The caller's body as a provider of the same format takes it: the target's model, and only
     * what that provider made (thinking signatures another provider made are left out). The
     * caller's body is not changed: a fallback sends it again. The top level of the result is a
     * copy a provider may adjust; nested values may be shared with the caller's body.
     */
    ObjectNode passThrough(ObjectNode body, String model);

    /**
     * The caller's request headers (lower-case) that a provider of this format needs as well, such
     * as Anthropic's {@code anthropic-beta}; sent on pass-through only.
     */
    List<String> forwardedHeaders();

    /**
     * Whether a provider's response header (its name, in any case) is one this format's callers
     * rely on (request ids, rate limits, {@code retry-after}): relayed to callers of the same format.
     */
    boolean relaysHeader(String name);

    /** The usage a provider reported in a whole body relayed as it came. */
    Usage usage(byte[] body);

    /** How a stream in this format is relayed as it comes, for a caller who sent {@code body}. */
    Relay relay(ObjectNode body);

    /** This format's embeddings operation, if it has one. */
    default Optional<Embeddings> embeddings() {
        return Optional.empty();
    }

    /** This format's way of counting a request's input tokens, if its API has one. */
    default Optional<TokenCounting> tokenCounting() {
        return Optional.empty();
    }

    /** Turns canonical events into complete server-sent event frames of one format. Not thread-safe. */
    interface StreamEncoder {
        List<byte[]> encode(ChatEvent event);

        /** The frames that end a complete stream (closing blocks, a final usage chunk, {@code [DONE]} ...). */
        List<byte[]> finish();

        /**
         * The frames of what the encoder still holds back, sent before an error event ends the
         * stream early, so the caller keeps all that arrived; none for an encoder that holds nothing.
         */
        default List<byte[]> flush() {
            return List.of();
        }
    }

    /** Turns a provider's stream events into canonical events. Not thread-safe. */
    interface StreamDecoder {
        /** The canonical events of one provider event; an error event throws a {@link GatewayException}. */
        List<ChatEvent> decode(SseEvent event);

        /** Whether the event ends the stream before the connection does. */
        boolean ends(SseEvent event);
    }

    /** What a relay of this format's streams looks for; it never changes an event. */
    interface Relay {
        /** Whether the event is the end of a complete stream (OpenAI's {@code [DONE]}, Anthropic's message_stop ...). */
        boolean ends(SseEvent event);

        /**
         * Whether the event only ends the stream and carries nothing for the caller (OpenAI's
         * {@code [DONE]}); a first event like that means the provider sent nothing.
         */
        boolean terminatorOnly(SseEvent event);

        /** The usage so far, updated with what the event reports (most events report nothing). */
        Usage usage(SseEvent event, Usage soFar);

        /** The error an event reports, if it is an error event. */
        Optional<String> error(SseEvent event);

        /**
         * Whether the caller gets the event: a relay may ask the provider for more than the caller
         * did (usage at the end of the stream, so every stream's tokens are counted) and keep the
         * extra to itself.
         */
        default boolean forwards(SseEvent event) {
            return true;
        }
    }

    /** A format's embeddings operation, both sides and pass-through. */
    interface Embeddings {
        Operation operation();

        /** As {@link WireFormat#checkShape}: what any provider of the format would accept. */
        void checkShape(ObjectNode body);

        /** A caller's request in the canonical model, for a provider of another format. */
        EmbeddingRequest decodeRequest(ObjectNode body);

        JsonNode encodeResponse(EmbeddingResponse response, String model, EmbeddingRequest request);

        ObjectNode encodeRequest(EmbeddingRequest request, String model);

        EmbeddingResponse decodeResponse(JsonNode body);

        /** As {@link WireFormat#passThrough}. */
        ObjectNode passThrough(ObjectNode body, String model);

        Usage usage(byte[] body);
    }

    /**
     * A format's token-counting operation (Anthropic's {@code count_tokens}, Gemini's
     * {@code countTokens}), both sides and pass-through. A count request is a chat request that asks
     * only for the number of tokens its input would take, so it decodes to a {@link ChatRequest}.
     */
    interface TokenCounting {
        /** The provider operation that counts. */
        Operation operation();

        /** As {@link WireFormat#checkShape}, for a caller's count request. */
        void checkShape(ObjectNode body);

        /** A caller's count request in the canonical model, for a provider of another format or an estimate. */
        ChatRequest decodeRequest(ObjectNode body);

        /** A count request for a provider of this format, for {@code model}. */
        ObjectNode encodeRequest(ChatRequest request, String model);

        /** The count in a provider's answer; an answer without one is an upstream failure. */
        long decodeCount(JsonNode body);

        /** A count answer for a caller of this format. */
        JsonNode encodeCount(long tokens);

        /** As {@link WireFormat#passThrough}: the caller's count request as a provider of this format takes it. */
        ObjectNode passThrough(ObjectNode body, String model);
    }
}
