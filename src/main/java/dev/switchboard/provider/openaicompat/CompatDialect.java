package dev.switchboard.provider.openaicompat;

import dev.switchboard.catalog.Invocation;
import dev.switchboard.catalog.ProviderInfo;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Operation;
import dev.switchboard.provider.Target;
import dev.switchboard.provider.Urls;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The dialect of an OpenAI-compatible provider, read from its entry in the provider table: its
 * default base URL (empty when the user must give {@code api_base}), a suffix appended to a
 * user-given {@code api_base} (e.g. Databricks' {@code /serving-endpoints}), and how the key is sent.
 * The same record serves user-defined {@code custom} providers.
 */
public record CompatDialect(String id, Optional<String> defaultBaseUrl, String apiBaseSuffix,
                            Optional<String> keyHeader, boolean keyOptional) implements OpenAiDialect {

    /** The dialect of a table entry that is callable in OpenAI's format. */
    public static CompatDialect of(ProviderInfo provider, Invocation.Callable callable) {
        return new CompatDialect(provider.id(), provider.baseUrl(), callable.apiBaseSuffix(), callable.keyHeader(),
                callable.keyOptional());
    }

    @Override
    public URI uri(Target target, Operation operation) {
        String base = target.setting("api_base").map(b -> stripSlash(b) + apiBaseSuffix)
                .or(() -> defaultBaseUrl)
                .orElseThrow(() -> new GatewayException.NoUsableTarget("Provider '" + id + "' needs an api_base: "
                        + "set it in the auth_config of the API key used by model definition '"
                        + target.definitionName() + "'"));
        String path = switch (operation) {
            case CHAT_COMPLETIONS -> "/chat/completions";
            case EMBEDDINGS -> "/embeddings";
            case RESPONSES -> "/responses";
            default -> throw new GatewayException.Unsupported(
                    "Provider '" + id() + "' speaks OpenAI's format and has no " + operation + " operation");
        };
        return Urls.of(stripSlash(base) + path);
    }

    @Override
    public Map<String, String> headers(Target target) {
        Map<String, String> headers = new LinkedHashMap<>();
        Optional<String> key = target.credentials().flatMap(c -> c.primary("api_key"));
        if (key.isPresent()) {
            keyHeader.ifPresentOrElse(name -> headers.put(name, key.get()),
                    () -> headers.put("Authorization", "Bearer " + key.get()));
        } else if (!keyOptional) {
            throw new GatewayException.NoUsableTarget("The API key of model definition '" + target.definitionName()
                    + "' has no 'api_key' field");
        }
        target.setting("organization").or(() -> target.setting("openai_organization"))
                .ifPresent(org -> headers.put("OpenAI-Organization", org));
        return headers;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
