package dev.switchboard.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.EmbeddingRequest;
import dev.switchboard.core.EmbeddingResponse;
import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.Call;
import dev.switchboard.provider.ChatStream;
import dev.switchboard.provider.Operation;
import dev.switchboard.provider.Provider;
import dev.switchboard.provider.SseChatStream;
import dev.switchboard.provider.SseEvent;
import dev.switchboard.provider.Transport;
import dev.switchboard.provider.UpstreamJson;
import dev.switchboard.provider.UpstreamResponse;
import dev.switchboard.provider.WireFormat;
import dev.switchboard.wire.openai.OpenAiChatCodec;
import dev.switchboard.wire.openai.OpenAiEmbeddingsCodec;
import dev.switchboard.wire.openai.OpenAiErrors;
import dev.switchboard.wire.openai.OpenAiStreamDecoder;
import java.util.List;

/**
 * Every provider that speaks OpenAI's wire format, one instance per {@link OpenAiDialect} with its
 * {@link RequestEdits}. Callers in OpenAI's format are passed through ({@link #send}); others are
 * translated with the OpenAI codec. Either way the body gets the provider's edits.
 */
public final class OpenAiCompatProvider implements Provider {

    private static final int MAX_BODY = 64 * 1024 * 1024;

    private final OpenAiDialect dialect;
    private final RequestEdits edits;
    private final UpstreamJson json;

    public OpenAiCompatProvider(OpenAiDialect dialect, RequestEdits edits, Transport transport) {
        this.dialect = dialect;
        this.edits = edits;
        this.json = new UpstreamJson(transport);
    }

    @Override
    public String id() {
        return dialect.id();
    }

    @Override
    public WireFormat wireFormat() {
        return WireFormat.OPENAI;
    }

    @Override
    public UpstreamResponse send(Operation operation, ObjectNode body, Call call) {
        edits.apply(body);
        return json.post(dialect.uri(call.target(), operation), dialect.headers(call.target()), body, call,
                error -> OpenAiErrors.read(error).map(OpenAiErrors.Detail::message));
    }

    @Override
    public ChatResponse chat(ChatRequest request, Call call) {
        ObjectNode body = OpenAiChatCodec.encodeRequest(request, call.target().modelName());
        body.put("stream", false);
        body.remove("stream_options");
        try (UpstreamResponse response = send(Operation.CHAT_COMPLETIONS, body, call)) {
            return OpenAiChatCodec.decodeResponse(UpstreamJson.parse(response.readAll(MAX_BODY)));
        }
    }

    @Override
    public ChatStream chatStream(ChatRequest request, Call call) {
        ObjectNode body = OpenAiChatCodec.encodeRequest(request, call.target().modelName());
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder();
        return new SseChatStream(send(Operation.CHAT_COMPLETIONS, body, call), event -> {
            if (event.isDone()) {
                return List.of();
            }
            JsonNode chunk = UpstreamJson.parse(event.data());
            if (chunk.has("error")) {
                throw new GatewayException.UpstreamUnavailable("The provider reported an error mid-stream: "
                        + OpenAiErrors.read(chunk).map(OpenAiErrors.Detail::message).orElse("unknown error"), null);
            }
            return decoder.decode(chunk);
        }, SseEvent::isDone);
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request, Call call) {
        ObjectNode body = OpenAiEmbeddingsCodec.encodeRequest(request, call.target().modelName());
        try (UpstreamResponse response = send(Operation.EMBEDDINGS, body, call)) {
            return OpenAiEmbeddingsCodec.decodeResponse(UpstreamJson.parse(response.readAll(MAX_BODY)));
        }
    }
}
