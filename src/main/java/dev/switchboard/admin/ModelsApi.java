package dev.switchboard.admin;

import dev.switchboard.access.Access;
import dev.switchboard.catalog.CatalogSourceException;
import dev.switchboard.catalog.ModelCatalog;
import dev.switchboard.catalog.ModelInfo;
import dev.switchboard.core.GatewayException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * {@code supported-models} (MLflow's model selector: capabilities, context window, prices, with
 * {@code provider} and {@code search} filters) and {@code catalog/refresh}, which reloads the
 * configured LiteLLM catalog and keeps the previous one if that fails.
 */
public final class ModelsApi {

    private final ModelCatalog catalog;

    public ModelsApi(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    public List<AdminRoute> routes() {
        return List.of(
                new AdminRoute("GET", "supported-models", Access.SIGNED_IN, this::supportedModels),
                new AdminRoute("POST", "catalog/refresh", Access.ADMIN, this::refresh));
    }

    private Object supportedModels(AdminRequest request) {
        RequestFields f = request.fields();
        return Map.of("models", catalog.models(f.optionalString("provider"), f.optionalString("search")).stream()
                .map(Model::of).toList());
    }

    private Object refresh(AdminRequest request) {
        if (catalog.source().isEmpty()) {
            throw new GatewayException.InvalidState("No model catalog source is configured: start the gateway with"
                    + " --catalog-file PATH or --catalog-url URL to load a full LiteLLM catalog");
        }
        ModelCatalog.Refreshed refreshed;
        try {
            refreshed = catalog.reload();
        } catch (CatalogSourceException e) {
            throw new GatewayException.UpstreamUnavailable(e.getMessage() + "; the previous catalog ("
                    + catalog.models().size() + " models) stays in use", e);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("models", refreshed.models());
        body.put("source", refreshed.source());
        body.put("loaded_models", refreshed.loaded());
        body.put("malformed_entries", refreshed.malformed());
        return body;
    }

    /**
     * One model as MLflow returns it, plus LiteLLM's cache and reasoning rates. Unknown numbers,
     * an unknown mode and an unknown deprecation date are left out, like every absent field of this API.
     */
    record Model(String model, String provider, String mode, boolean supportsFunctionCalling,
                 boolean supportsVision, boolean supportsReasoning, boolean supportsPromptCaching,
                 boolean supportsResponseSchema, Long maxInputTokens, Long maxOutputTokens,
                 Double inputCostPerToken, Double outputCostPerToken, Double cacheReadInputTokenCost,
                 Double cacheCreationInputTokenCost, Double outputCostPerReasoningToken, String deprecationDate) {

        static Model of(ModelInfo m) {
            return new Model(m.model(), m.provider(), m.mode().orElse(null), m.supportsFunctionCalling(),
                    m.supportsVision(), m.supportsReasoning(), m.supportsPromptCaching(), m.supportsResponseSchema(),
                    boxed(m.maxInputTokens()), boxed(m.maxOutputTokens()), boxed(m.inputCostPerToken()),
                    boxed(m.outputCostPerToken()), boxed(m.cacheReadCostPerToken()), boxed(m.cacheWriteCostPerToken()),
                    boxed(m.reasoningCostPerToken()), m.deprecationDate().orElse(null));
        }

        private static Long boxed(OptionalLong value) {
            return value.isPresent() ? value.getAsLong() : null;
        }

        private static Double boxed(OptionalDouble value) {
            return value.isPresent() ? value.getAsDouble() : null;
        }
    }
}
