package dev.switchboard.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Operation;
import dev.switchboard.provider.Target;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OpenAI-compatible provider as data: its id and display name, its default base URL (empty when
 * the user must give {@code api_base}), how it authenticates, a suffix appended to a user-given
 * {@code api_base} (e.g. Databricks' {@code /serving-endpoints}), and the request fields it drops or
 * renames. The same record serves user-defined {@code custom} providers.
 */
public record CompatEntry(String id, String displayName, Optional<String> defaultBaseUrl, Auth auth,
                          String apiBaseSuffix, List<String> dropped, Map<String, String> renamed, String notes)
        implements OpenAiDialect {

    /** How the key is sent. */
    public enum Auth {
        /** {@code Authorization: Bearer <api_key>}; the key is required. */
        BEARER,
        /** Bearer when a key is configured, nothing otherwise (local servers such as Ollama). */
        OPTIONAL_BEARER
    }

    public CompatEntry {
        dropped = List.copyOf(dropped);
        renamed = Map.copyOf(renamed);
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
            default -> throw new GatewayException.Unsupported(
                    "Provider '" + id() + "' speaks OpenAI's format and has no " + operation + " operation");
        };
        return URI.create(stripSlash(base) + path);
    }

    @Override
    public Map<String, String> headers(Target target) {
        Map<String, String> headers = new LinkedHashMap<>();
        Optional<String> key = target.credentials().flatMap(c -> c.primary("api_key"));
        if (key.isPresent()) {
            headers.put("Authorization", "Bearer " + key.get());
        } else if (auth == Auth.BEARER) {
            throw new GatewayException.NoUsableTarget("The API key of model definition '" + target.definitionName()
                    + "' has no 'api_key' field");
        }
        target.setting("organization").or(() -> target.setting("openai_organization"))
                .ifPresent(org -> headers.put("OpenAI-Organization", org));
        return headers;
    }

    @Override
    public void adjust(ObjectNode body) {
        for (String field : dropped) {
            body.remove(field);
        }
        renamed.forEach((from, to) -> {
            JsonNode value = body.remove(from);
            if (value != null && !body.has(to)) {
                body.set(to, value);
            }
        });
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
