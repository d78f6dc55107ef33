package dev.switchboard.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.EmbeddingRequest;
import dev.switchboard.core.EmbeddingResponse;
import dev.switchboard.core.GatewayException;

/**
 * A way to call one kind of provider. Every method either returns a successful result or throws a
 * {@link GatewayException}; an error status from the provider is a {@link GatewayException.Upstream}
 * whose {@code retryable()} tells the router whether to fall back. Implementations are stateless
 * and thread-safe; the target and timeouts come with each call.
 */
public interface Provider {

    /** The provider id, e.g. {@code openai} or {@code groq}. */
    String id();

    /** The wire format this provider speaks natively; a caller in the same format is passed through. */
    WireFormat wireFormat();

    /**
     * Pass-through: sends a body already in {@link #wireFormat()} (model already set) to the
     * operation and returns the successful response for the caller to relay; closes it and
     * throws on an error status.
     */
    default UpstreamResponse send(Operation operation, ObjectNode body, Call call) {
        throw unsupported("pass-through " + operation);
    }

    default ChatResponse chat(ChatRequest request, Call call) {
        throw unsupported("chat");
    }

    /** Starts a stream; returns once the provider accepted the request (status 2xx). */
    default ChatStream chatStream(ChatRequest request, Call call) {
        throw unsupported("streaming chat");
    }

    default EmbeddingResponse embed(EmbeddingRequest request, Call call) {
        throw unsupported("embeddings");
    }

    private GatewayException unsupported(String what) {
        return new GatewayException.InvalidRequest("Provider '" + id() + "' does not support " + what);
    }
}
