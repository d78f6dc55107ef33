package dev.switchboard.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.EmbeddingRequest;
import dev.switchboard.core.EmbeddingResponse;
import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.Call;
import dev.switchboard.provider.ChatStream;
import dev.switchboard.provider.Operation;
import dev.switchboard.provider.Provider;
import dev.switchboard.provider.SseEvent;
import dev.switchboard.provider.SseReader;
import dev.switchboard.provider.Transport;
import dev.switchboard.provider.UpstreamFailures;
import dev.switchboard.provider.UpstreamResponse;
import dev.switchboard.provider.WireFormat;
import dev.switchboard.provider.openai.OpenAiChatCodec;
import dev.switchboard.provider.openai.OpenAiEmbeddingsCodec;
import dev.switchboard.provider.openai.OpenAiStreamDecoder;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Every provider that speaks OpenAI's wire format, one instance per {@link OpenAiDialect}. Callers in
 * OpenAI's format are passed through ({@link #send}); others are translated with the OpenAI codec.
 */
public final class OpenAiCompatProvider implements Provider {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024 * 1024;

    private final OpenAiDialect dialect;
    private final Transport transport;

    public OpenAiCompatProvider(OpenAiDialect dialect, Transport transport) {
        this.dialect = dialect;
        this.transport = transport;
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
        dialect.adjust(body);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new GatewayException.Internal("Could not serialise the request", e);
        }
        UpstreamResponse response = transport.post(dialect.uri(call.target(), operation),
                dialect.headers(call.target()), bytes, call.timeouts());
        if (!response.isSuccess()) {
            throw error(response);
        }
        return response;
    }

    @Override
    public ChatResponse chat(ChatRequest request, Call call) {
        ObjectNode body = OpenAiChatCodec.encodeRequest(request, call.target().modelName());
        body.put("stream", false);
        body.remove("stream_options");
        try (UpstreamResponse response = send(Operation.CHAT_COMPLETIONS, body, call)) {
            return OpenAiChatCodec.decodeResponse(parse(response.readAll(MAX_BODY)));
        }
    }

    @Override
    public ChatStream chatStream(ChatRequest request, Call call) {
        ObjectNode body = OpenAiChatCodec.encodeRequest(request, call.target().modelName());
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        UpstreamResponse response = send(Operation.CHAT_COMPLETIONS, body, call);
        return new Stream(response);
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request, Call call) {
        ObjectNode body = OpenAiEmbeddingsCodec.encodeRequest(request, call.target().modelName());
        try (UpstreamResponse response = send(Operation.EMBEDDINGS, body, call)) {
            return OpenAiEmbeddingsCodec.decodeResponse(parse(response.readAll(MAX_BODY)));
        }
    }

    /** Reads an error response into a {@link GatewayException.Upstream}, keeping the body for relaying. */
    static GatewayException error(UpstreamResponse response) {
        try (response) {
            byte[] body = response.readAll(1024 * 1024);
            return new GatewayException.Upstream(response.status(), upstreamMessage(response.status(), body), body,
                    response.contentType());
        }
    }

    static String upstreamMessage(int status, byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode message = json.path("error").path("message");
            if (message.isTextual()) {
                return message.asText();
            }
            if (json.path("error").isTextual()) {
                return json.path("error").asText();
            }
            if (json.path("message").isTextual()) {
                return json.path("message").asText();
            }
            if (json.path("detail").isTextual()) {
                return json.path("detail").asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: fall through to the status
        }
        return "HTTP " + status;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new GatewayException.UpstreamUnavailable("The provider sent a response that is not JSON", null);
        }
    }

    /** An OpenAI SSE stream decoded into canonical events. */
    private static final class Stream implements ChatStream {
        private final UpstreamResponse response;
        private final SseReader reader;
        private final OpenAiStreamDecoder decoder = new OpenAiStreamDecoder();
        private boolean done;

        Stream(UpstreamResponse response) {
            this.response = response;
            this.reader = new SseReader(response.body());
        }

        @Override
        public Optional<List<ChatEvent>> next() {
            if (done) {
                return Optional.empty();
            }
            Optional<SseEvent> event;
            try {
                event = reader.next();
            } catch (IOException e) {
                throw UpstreamFailures.classify(e, "reading the stream");
            }
            if (event.isEmpty() || event.get().isDone()) {
                done = true;
                return Optional.empty();
            }
            JsonNode chunk = parse(event.get().data().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (chunk.has("error")) {
                throw new GatewayException.UpstreamUnavailable("The provider reported an error mid-stream: "
                        + upstreamMessage(502, event.get().data().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        null);
            }
            return Optional.of(decoder.decode(chunk));
        }

        @Override
        public void close() {
            response.close();
        }
    }
}
