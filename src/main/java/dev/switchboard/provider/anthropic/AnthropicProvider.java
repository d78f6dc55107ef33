package dev.switchboard.provider.anthropic;

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
import dev.switchboard.wire.anthropic.AnthropicFormat;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Anthropic's Messages API: {@code POST {api_base}/v1/messages} and {@code /v1/messages/count_tokens}
 * with {@code x-api-key} and {@code anthropic-version}, in {@link AnthropicFormat}.
 */
public final class AnthropicProvider implements Provider {

    /** The API's address when the secret gives no {@code api_base}. */
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    /** The {@code anthropic-version} header when the secret's settings name none. */
    public static final String DEFAULT_VERSION = "2023-06-01";

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
        return AnthropicFormat.INSTANCE;
    }

    @Override
    public UpstreamRequest request(Operation operation, ObjectNode body, Map<String, String> forwarded, Call call) {
        String path = switch (operation) {
            case MESSAGES -> "/messages";
            case COUNT_MESSAGE_TOKENS -> "/messages/count_tokens";
            default -> throw new GatewayException.Unsupported("Anthropic has no " + operation + " operation");
        };
        return UpstreamJson.request(uri(call.target(), path), headers(call.target()), forwarded, body,
                AnthropicFormat.INSTANCE);
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request, Call call) {
        return json.send(request, call);
    }

    /** {@code path} (e.g. {@code /messages}) under the API's {@code /v1}. */
    static URI uri(Target target, String path) {
        return Urls.of(root(target) + "/v1" + path);
    }

    /**
     * The API's root, as Anthropic's SDKs take it ({@code https://api.anthropic.com}): proxied paths
     * start with {@code v1/}, so an api_base given with {@code /v1} loses it here.
     */
    @Override
    public ProxyTarget proxy(Target target) {
        return new ProxyTarget(root(target), headers(target));
    }

    /** The api_base (or the default) without a trailing slash or {@code /v1}. */
    private static String root(Target target) {
        String base = target.setting("api_base").orElse(DEFAULT_BASE_URL);
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return trimmed.endsWith("/v1") ? trimmed.substring(0, trimmed.length() - 3) : trimmed;
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
