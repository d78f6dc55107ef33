package dev.switchboard.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.EmbeddingRequest;
import dev.switchboard.core.EmbeddingResponse;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Operation;
import dev.switchboard.core.WireFormat;
import java.util.Map;
import java.util.function.Function;

/**
 * A way to call one kind of provider: where its operations live and how it authenticates, for
 * bodies in its {@link #wireFormat()}. Chat, streams, embeddings and token counts in the canonical
 * model are the format's codecs around {@link #send}, the same for every provider. Every method either returns a
 * successful result or throws a {@link GatewayException}; an error status from the provider is a
 * {@link GatewayException.Upstream} whose {@code retryable()} tells the router whether to fall
 * back. Implementations are stateless and thread-safe; the target and timeouts come with each call.
 */
public interface Provider {

    /** The largest whole answer read from a provider. */
    int MAX_BODY = 64 * 1024 * 1024;

    /** The provider id, e.g. {@code openai} or {@code groq}. */
    String id();

    /** The wire format this provider is called in when a call is translated. */
    WireFormat wireFormat();

    /**
     * Whether the provider takes bodies in {@code format} as they are, so that a caller in that
     * format is passed through: its {@link #wireFormat()}, and any other its table entry lists
     * (OpenAI's API speaks both chat completions and Responses).
     */
    default boolean speaks(WireFormat format) {
        return format == wireFormat();
    }

    /**
     * Whether a caller in {@code format} is passed through to {@code target}: the provider speaks the
     * format, and the target's model is served in it (a Responses-only model is not served by chat).
     */
    default boolean passesThrough(WireFormat format, Target target) {
        return speaks(format);
    }

    /** The format a translated chat call to {@code target} is sent in: {@link #wireFormat()} unless the model needs another. */
    default WireFormat chatFormat(Target target) {
        return wireFormat();
    }

    /**
     * Describes the request that sends a body in a format it {@link #speaks} (model already set) to
     * that format's operation, with the caller's {@code headers} its format forwards (on
     * pass-through; none otherwise). Pure work: nothing is sent. An operation the provider does not
     * have is {@link GatewayException.Unsupported}, which lets the next target try.
     */
    UpstreamRequest request(Operation operation, ObjectNode body, Map<String, String> headers, Call call);

    /**
     * Sends a described request on the calling thread and returns the successful response; closes it
     * and throws on an error status.
     */
    UpstreamResponse send(UpstreamRequest request, Call call);

    /** Describes and sends, as {@link #request} and {@link #send(UpstreamRequest, Call)} do. */
    default UpstreamResponse send(Operation operation, ObjectNode body, Map<String, String> headers, Call call) {
        return send(request(operation, body, headers, call), call);
    }

    /**
     * Whether a chat caller of this provider's format is passed through. A provider whose answers
     * stray from its format's grammar (Mistral's thinking chunks, its usage in a stream's finish
     * chunk) says no: its calls are translated, which reads such answers and writes them in the
     * caller's grammar.
     */
    default boolean passesChatThrough() {
        return true;
    }

    /**
     * Where the raw proxy route sends calls for {@code target}, and the authentication headers the
     * provider's own calls carry. Throws {@link GatewayException.NoUsableTarget} when the target
     * lacks what that needs (a key, an {@code api_base}), as its other calls would.
     */
    ProxyTarget proxy(Target target);

    /** A chat call translated into the target's format: its request, and how its answer is read. */
    default Translated<ChatResponse> chatCall(ChatRequest request, Call call) {
        WireFormat format = chatFormat(call.target());
        ObjectNode body = format.encodeRequest(request, call.target().modelName(), false,
                call.target().maxOutputTokens());
        return new Translated<>(request(format.chatOperation(false), body, Map.of(), call),
                answer -> format.decodeResponse(UpstreamJson.parse(answer)));
    }

    default ChatResponse chat(ChatRequest request, Call call) {
        return exchange(chatCall(request, call), call);
    }

    /** Starts a stream; returns once the provider accepted the request (status 2xx). */
    default ChatStream chatStream(ChatRequest request, Call call) {
        WireFormat format = chatFormat(call.target());
        ObjectNode body = format.encodeRequest(request, call.target().modelName(), true,
                call.target().maxOutputTokens());
        WireFormat.StreamDecoder decoder = format.streamDecoder();
        return new SseChatStream(send(format.chatOperation(true), body, Map.of(), call), decoder::decode, decoder::ends);
    }

    /** An embeddings call translated into this provider's format. */
    default Translated<EmbeddingResponse> embedCall(EmbeddingRequest request, Call call) {
        WireFormat.Embeddings embeddings = wireFormat().embeddings().orElseThrow(() -> new GatewayException.Unsupported(
                "Provider '" + id() + "' has no embeddings"));
        ObjectNode body = embeddings.encodeRequest(request, call.target().modelName());
        return new Translated<>(request(embeddings.operation(), body, Map.of(), call),
                answer -> embeddings.decodeResponse(UpstreamJson.parse(answer)));
    }

    default EmbeddingResponse embed(EmbeddingRequest request, Call call) {
        return exchange(embedCall(request, call), call);
    }

    /**
     * A count of the input tokens of {@code request} as this provider counts them, exactly; a
     * provider whose format has no count operation throws {@link GatewayException.Unsupported}.
     */
    default Translated<Long> countTokensCall(ChatRequest request, Call call) {
        WireFormat.TokenCounting counting = wireFormat().tokenCounting().orElseThrow(
                () -> new GatewayException.Unsupported("Provider '" + id() + "' cannot count tokens"));
        ObjectNode body = counting.encodeRequest(request, call.target().modelName());
        return new Translated<>(request(counting.operation(), body, Map.of(), call),
                answer -> counting.decodeCount(UpstreamJson.parse(answer)));
    }

    default long countTokens(ChatRequest request, Call call) {
        return exchange(countTokensCall(request, call), call);
    }

    /** Sends a translated call on the calling thread and reads its answer. */
    private <T> T exchange(Translated<T> translated, Call call) {
        try (UpstreamResponse response = send(translated.request(), call)) {
            return translated.answer().apply(response.readAll(MAX_BODY));
        }
    }

    /**
     * A call in the canonical model, described in the provider's format: the request to send, and how
     * its whole answer (a 2xx body) becomes the canonical result. Both halves are pure work.
     */
    record Translated<T>(UpstreamRequest request, Function<byte[], T> answer) {
    }
}
