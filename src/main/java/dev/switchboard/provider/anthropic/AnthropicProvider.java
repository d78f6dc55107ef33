package dev.switchboard.provider.anthropic;

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
import dev.switchboard.wire.anthropic.AnthropicCodec;
import dev.switchboard.wire.anthropic.AnthropicErrors;
import dev.switchboard.wire.anthropic.AnthropicStreamDecoder;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Anthropic's Messages API: {@code POST {api_base}/v1/messages} with {@code x-api-key} and
 * {@code anthropic-version}. Anthropic callers are passed through; others are translated with
 * {@link AnthropicCodec}.
 */
public final class AnthropicProvider implements Provider {

    /** The API's address when the secret gives no {@code api_base}. */
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    /** The {@code anthropic-version} header when the secret's settings name none. */
    public static final String DEFAULT_VERSION = "2023-06-01";
    /**
     * Anthropic requires {@code max_tokens}; a translated request that gives none asks for this
     * many, which every current Claude model accepts.
     */
    public static final int DEFAULT_MAX_TOKENS = 4096;

    private static final int MAX_BODY = 64 * 1024 * 1024;

    private final UpstreamJson json;

    public AnthropicProvider(Transport transport) {
        this.json = new UpstreamJson(transport);
    }

    @Override
    public String id() {
        return "anthropic";
    }

    @Override
    public WireFormat wireFormat() {
        return WireFormat.ANTHROPIC;
    }

    @Override
    public UpstreamResponse send(Operation operation, ObjectNode body, Call call) {
        if (operation != Operation.MESSAGES) {
            throw new GatewayException.InvalidRequest("Anthropic has no " + operation + " operation");
        }
        return json.post(uri(call.target()), headers(call.target()), body, call,
                error -> AnthropicErrors.read(error).map(AnthropicErrors.Detail::message));
    }

    @Override
    public ChatResponse chat(ChatRequest request, Call call) {
        ObjectNode body = AnthropicCodec.encodeRequest(request, call.target().modelName(), DEFAULT_MAX_TOKENS);
        body.put("stream", false);
        try (UpstreamResponse response = send(Operation.MESSAGES, body, call)) {
            return AnthropicCodec.decodeResponse(UpstreamJson.parse(response.readAll(MAX_BODY)));
        }
    }

    @Override
    public ChatStream chatStream(ChatRequest request, Call call) {
        ObjectNode body = AnthropicCodec.encodeRequest(request, call.target().modelName(), DEFAULT_MAX_TOKENS);
        body.put("stream", true);
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
        return new SseChatStream(send(Operation.MESSAGES, body, call),
                event -> decoder.decode(event.event().orElse(""), UpstreamJson.parse(event.data())),
                event -> event.event().filter("message_stop"::equals).isPresent());
    }

    static URI uri(Target target) {
        String base = target.setting("api_base").orElse(DEFAULT_BASE_URL);
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return URI.create(trimmed.endsWith("/v1") ? trimmed + "/messages" : trimmed + "/v1/messages");
    }

    static Map<String, String> headers(Target target) {
        String key = target.credentials().flatMap(c -> c.primary("api_key")).orElseThrow(
                () -> new GatewayException.NoUsableTarget("The API key of model definition '"
                        + target.definitionName() + "' has no 'api_key' field"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-api-key", key);
        headers.put("anthropic-version", target.setting("anthropic_version").or(() -> target.setting("version"))
                .orElse(DEFAULT_VERSION));
        return headers;
    }
}
