package dev.switchboard.provider.azure;

import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Operation;
import dev.switchboard.provider.Target;
import dev.switchboard.provider.Urls;
import dev.switchboard.provider.openaicompat.OpenAiDialect;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Azure OpenAI: the OpenAI wire format at {@code {api_base}/openai/deployments/{deployment}/...
 * ?api-version=...}, where the deployment is the model definition's model name. The key goes in the
 * {@code api-key} header, or, with {@code api_type: azuread} in the secret's settings, the secret
 * holds an Azure AD token sent as a bearer token (as MLflow's {@code azuread} type). The request
 * fields Azure refuses are dropped as its entry in the provider table says.
 */
public final class AzureOpenAiDialect implements OpenAiDialect {

    /** The API version used when the secret does not name one. */
    public static final String DEFAULT_API_VERSION = "2024-10-21";

    @Override
    public String id() {
        return "azure";
    }

    @Override
    public URI uri(Target target, Operation operation) {
        String base = target.setting("api_base").orElseThrow(() -> new GatewayException.NoUsableTarget(
                "Azure OpenAI needs an api_base (https://<resource>.openai.azure.com) in the auth_config of the API "
                        + "key used by model definition '" + target.definitionName() + "'"));
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        if (operation == Operation.RESPONSES) {
            // Azure serves Responses only on its v1 API: no deployment in the path (the body's model
            // names it) and no api-version.
            return Urls.of(trimmed + "/openai/v1/responses");
        }
        String version = target.setting("api_version").orElse(DEFAULT_API_VERSION);
        String path = switch (operation) {
            case CHAT_COMPLETIONS -> "/chat/completions";
            case EMBEDDINGS -> "/embeddings";
            default -> throw new GatewayException.Unsupported(
                    "Provider '" + id() + "' speaks OpenAI's format and has no " + operation + " operation");
        };
        return Urls.of(trimmed + "/openai/deployments/" + URLEncoder.encode(target.modelName(), StandardCharsets.UTF_8)
                + path + "?api-version=" + URLEncoder.encode(version, StandardCharsets.UTF_8));
    }

    @Override
    public Map<String, String> headers(Target target) {
        String mode = target.setting("auth_mode").orElse("api_key");
        if (mode.equals("service_principal")) {
            throw new GatewayException.NoUsableTarget("Azure service-principal sign-in is not supported yet; "
                    + "use an API key, or an Azure AD token with api_type 'azuread'");
        }
        String key = target.credentials().flatMap(c -> c.primary("api_key")).orElseThrow(
                () -> new GatewayException.NoUsableTarget("The API key of model definition '"
                        + target.definitionName() + "' has no 'api_key' field"));
        boolean azureAd = target.setting("api_type").map("azuread"::equalsIgnoreCase).orElse(false);
        return azureAd ? Map.of("Authorization", "Bearer " + key) : Map.of("api-key", key);
    }
}
