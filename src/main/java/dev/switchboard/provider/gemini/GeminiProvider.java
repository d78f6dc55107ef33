package dev.switchboard.provider.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.Call;
import dev.switchboard.provider.ChatStream;
import dev.switchboard.provider.Operation;
import dev.switchboard.provider.Provider;
import dev.switchboard.provider.SseChatStream;
import dev.switchboard.provider.Target;
import dev.switchboard.provider.Transport;
import dev.switchboard.provider.UpstreamJson;
import dev.switchboard.provider.UpstreamResponse;
import dev.switchboard.provider.WireFormat;
import dev.switchboard.wire.gemini.GeminiCodec;
import dev.switchboard.wire.gemini.GeminiErrors;
import dev.switchboard.wire.gemini.GeminiStreamDecoder;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Google's Gemini API (v1beta): {@code models/{model}:generateContent} and
 * {@code :streamGenerateContent?alt=sse}, with the key in {@code x-goog-api-key}. Gemini callers
 * are passed through; others are translated with {@link GeminiCodec}.
 */
public final class GeminiProvider implements Provider {

    /** The API's address when the secret gives no {@code api_base}. */
    public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";

    private static final int MAX_BODY = 64 * 1024 * 1024;

    private final UpstreamJson json;

    public GeminiProvider(Transport transport) {
        this.json = new UpstreamJson(transport);
    }

    @Override
    public String id() {
        return "gemini";
    }

    @Override
    public WireFormat wireFormat() {
        return WireFormat.GEMINI;
    }

    @Override
    public UpstreamResponse send(Operation operation, ObjectNode body, Call call) {
        if (operation != Operation.GENERATE_CONTENT && operation != Operation.STREAM_GENERATE_CONTENT) {
            throw new GatewayException.InvalidRequest("Gemini has no " + operation + " operation");
        }
        return json.post(uri(call.target(), operation), headers(call.target()), body, call,
                error -> GeminiErrors.read(error).map(GeminiErrors.Detail::message));
    }

    @Override
    public ChatResponse chat(ChatRequest request, Call call) {
        try (UpstreamResponse response = send(Operation.GENERATE_CONTENT, GeminiCodec.encodeRequest(request), call)) {
            return GeminiCodec.decodeResponse(UpstreamJson.parse(response.readAll(MAX_BODY)));
        }
    }

    @Override
    public ChatStream chatStream(ChatRequest request, Call call) {
        GeminiStreamDecoder decoder = new GeminiStreamDecoder();
        // Gemini's stream has no end event: the connection closing ends it.
        return new SseChatStream(send(Operation.STREAM_GENERATE_CONTENT, GeminiCodec.encodeRequest(request), call),
                event -> decoder.decode(UpstreamJson.parse(event.data())), event -> false);
    }

    static URI uri(Target target, Operation operation) {
        String base = target.setting("api_base").map(b -> b.endsWith("/") ? b.substring(0, b.length() - 1) : b)
                .map(b -> b.endsWith("/v1beta") || b.endsWith("/v1") ? b : b + "/v1beta")
                .orElse(DEFAULT_BASE_URL);
        String model = target.modelName().startsWith("models/") ? target.modelName().substring(7) : target.modelName();
        String method = operation == Operation.STREAM_GENERATE_CONTENT ? ":streamGenerateContent?alt=sse"
                : ":generateContent";
        return URI.create(base + "/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8) + method);
    }

    static Map<String, String> headers(Target target) {
        String key = target.credentials().flatMap(c -> c.primary("api_key")).orElseThrow(
                () -> new GatewayException.NoUsableTarget("The API key of model definition '"
                        + target.definitionName() + "' has no 'api_key' field"));
        return Map.of("x-goog-api-key", key);
    }
}
