package dev.switchboard.provider.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Operation;
import dev.switchboard.core.WireFormat;
import dev.switchboard.provider.Call;
import dev.switchboard.provider.Provider;
import dev.switchboard.provider.ProxyTarget;
import dev.switchboard.provider.Target;
import dev.switchboard.provider.Transport;
import dev.switchboard.provider.UpstreamJson;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamResponse;
import dev.switchboard.provider.Urls;
import dev.switchboard.wire.gemini.GeminiFormat;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Google's Gemini API (v1beta): {@code models/{model}:generateContent},
 * {@code :streamGenerateContent?alt=sse}, {@code :embedContent}, {@code :batchEmbedContents} and
 * {@code :countTokens}, with the key in {@code x-goog-api-key}. Bodies are in {@link GeminiFormat}.
 */
public final class GeminiProvider implements Provider {

    /** The API's address when the secret gives no {@code api_base}. */
    public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";

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
        return GeminiFormat.INSTANCE;
    }

    @Override
    public UpstreamRequest request(Operation operation, ObjectNode body, Map<String, String> forwarded, Call call) {
        return UpstreamJson.request(uri(call.target(), operation), headers(call.target()), forwarded, body,
                GeminiFormat.INSTANCE);
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request, Call call) {
        return json.send(request, call);
    }

    static URI uri(Target target, Operation operation) {
        String base = base(target);
        String model = target.modelName().startsWith("models/") ? target.modelName().substring(7) : target.modelName();
        String method = switch (operation) {
            case GENERATE_CONTENT -> ":generateContent";
            case STREAM_GENERATE_CONTENT -> ":streamGenerateContent?alt=sse";
            case EMBED_CONTENT -> ":embedContent";
            case BATCH_EMBED_CONTENTS -> ":batchEmbedContents";
            case COUNT_TOKENS -> ":countTokens";
            default -> throw new GatewayException.Unsupported("Gemini has no " + operation + " operation");
        };
        return Urls.of(base + "/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8) + method);
    }

    /**
     * The versioned API base ({@code .../v1beta}), so proxied paths are {@code models/...},
     * {@code files}, {@code cachedContents}; a caller's own {@code key} query parameter is dropped.
     */
    @Override
    public ProxyTarget proxy(Target target) {
        return new ProxyTarget(base(target), headers(target), Map.of(), Set.of("key"));
    }

    /** The api_base with its version ({@code /v1beta} unless it names {@code /v1}), or the default. */
    private static String base(Target target) {
        return target.setting("api_base").map(b -> b.endsWith("/") ? b.substring(0, b.length() - 1) : b)
                .map(b -> b.endsWith("/v1beta") || b.endsWith("/v1") ? b : b + "/v1beta")
                .orElse(DEFAULT_BASE_URL);
    }

    static Map<String, String> headers(Target target) {
        String key = target.credentials().flatMap(c -> c.primary("api_key")).orElseThrow(
                () -> new GatewayException.NoUsableTarget("The API key of model definition '"
                        + target.definitionName() + "' has no 'api_key' field"));
        return Map.of("x-goog-api-key", key);
    }
}
