package dev.switchboard.admin;

import dev.switchboard.access.Access;
import dev.switchboard.catalog.AuthField;
import dev.switchboard.catalog.KeyDestination;
import dev.switchboard.catalog.AuthMode;
import dev.switchboard.catalog.ProviderCatalog;
import dev.switchboard.catalog.ProviderInfo;
import dev.switchboard.core.GatewayException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code supported-providers} and {@code provider-config}: the providers the gateway knows, in the
 * order the UI offers them, and the auth modes and fields a secret for one of them needs.
 */
public final class CatalogApi {

    private final ProviderCatalog providers;

    public CatalogApi(ProviderCatalog providers) {
        this.providers = providers;
    }

    public List<AdminRoute> routes() {
        return List.of(
                new AdminRoute("GET", "supported-providers", Access.SIGNED_IN, this::supportedProviders),
                new AdminRoute("GET", "provider-config", Access.SIGNED_IN, this::providerConfig));
    }

    /**
     * MLflow's {@code providers} (ids), plus {@code provider_details} for a UI that greys out unusable
     * ones and says why ({@code not_callable_reason}, ours).
     */
    private Object supportedProviders(AdminRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("providers", providers.all().stream().map(ProviderInfo::id).toList());
        body.put("provider_details", providers.all().stream().map(CatalogApi::details).toList());
        return body;
    }

    private Object providerConfig(AdminRequest request) {
        String id = request.fields().optionalString("provider").filter(p -> !p.isBlank()).orElseThrow(
                () -> new GatewayException.InvalidRequest("Missing value for required parameter 'provider'"));
        ProviderInfo provider = providers.find(id).orElseThrow(() -> new GatewayException.NotFound(
                "Provider not found (provider='" + printable(id) + "'); GET supported-providers lists every provider"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("auth_modes", provider.authModes().stream().map(CatalogApi::mode).toList());
        body.put("default_mode", provider.defaultMode());
        return body;
    }

    private static Map<String, Object> details(ProviderInfo provider) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("id", provider.id());
        details.put("display_name", provider.displayName());
        details.put("invocable", provider.invocable());
        details.put("allowed", provider.allowed());
        details.put("docs_url", provider.docsUrl());
        provider.notCallableReason().ifPresent(reason -> details.put("not_callable_reason", reason));
        return details;
    }

    private static Map<String, Object> mode(AuthMode mode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mode", mode.mode());
        body.put("display_name", mode.displayName());
        body.put("description", mode.description());
        body.put("secret_fields", mode.secretFields().stream().map(CatalogApi::field).toList());
        body.put("config_fields", mode.configFields().stream().map(CatalogApi::field).toList());
        return body;
    }

    private static Map<String, Object> field(AuthField field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", field.name());
        body.put("type", field.type());
        body.put("description", field.description());
        body.put("required", field.required());
        field.defaultValue().ifPresent(value -> body.put("default", value));
        if (KeyDestination.FIELDS.contains(field.name())) {
            body.put("key_destination", true); // ours: changing it takes the key (SecretService)
        }
        return body;
    }

    private static String printable(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
