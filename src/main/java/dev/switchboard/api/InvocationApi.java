package dev.switchboard.api;

import dev.switchboard.access.Access;
import dev.switchboard.access.Capability;
import dev.switchboard.access.ResourceKind;
import dev.switchboard.api.anthropic.AnthropicModelsHandler;
import dev.switchboard.api.gemini.GeminiModelsHandler;
import dev.switchboard.api.openai.ModelsHandler;
import dev.switchboard.config.ConfigSnapshot;
import dev.switchboard.core.ErrorFormat;
import dev.switchboard.limits.CallLimits;
import dev.switchboard.routing.Dispatcher;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import dev.switchboard.wire.gemini.GeminiFormat;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import java.util.List;
import java.util.function.Supplier;

/** Every invocation route under {@code /gateway/}, each with its surface and so its error format. */
public final class InvocationApi {

    /** The largest request body an invocation route accepts (images travel base64-encoded inside). */
    public static final long MAX_BODY_BYTES = 32L * 1024 * 1024;

    /**
     * The model lists and a model's description: any caller, shown only the endpoints they may call
     * (another endpoint is not found, as an unknown one).
     */
    private static final Access LISTED = Access.SIGNED_IN;

    private final List<InvocationRoute> routes;

    public InvocationApi(Supplier<ConfigSnapshot> config, Dispatcher dispatcher) {
        this(config, dispatcher, CallLimits.NONE);
    }

    /** The invocation routes, each call checked against {@code limits} before a provider is called. */
    public InvocationApi(Supplier<ConfigSnapshot> config, Dispatcher dispatcher, CallLimits limits) {
        Invocations invocations = new Invocations(config, dispatcher, limits);
        Surface gemini = Surfaces.gemini();
        AnthropicModelsHandler anthropicModels = new AnthropicModelsHandler(config);
        GeminiModelsHandler geminiModels = new GeminiModelsHandler(config);
        ErrorFormat anthropicErrors = AnthropicFormat.INSTANCE.errors();
        ErrorFormat geminiErrors = GeminiFormat.INSTANCE.errors();
        routes = List.of(
                route(invocations, "/gateway/{endpoint}/mlflow/invocations", Surfaces.mlflowInvocations()),
                route(invocations, "/gateway/mlflow/v1/chat/completions", Surfaces.mlflowChat()),
                route(invocations, "/gateway/openai/v1/chat/completions", Surfaces.openAiChat()),
                route(invocations, "/gateway/openai/v1/responses", Surfaces.openAiResponses()),
                route(invocations, "/gateway/openai/v1/embeddings", Surfaces.openAiEmbeddings()),
                new InvocationRoute("GET", "/gateway/openai/v1/models", LISTED, OpenAiChatFormat.INSTANCE.errors(),
                        new ModelsHandler(config)),
                route(invocations, "/gateway/anthropic/v1/messages", Surfaces.anthropicMessages()),
                route(invocations, "/gateway/anthropic/v1/messages/count_tokens", Surfaces.anthropicCountTokens()),
                new InvocationRoute("GET", "/gateway/anthropic/v1/models", LISTED, anthropicErrors, anthropicModels::list),
                new InvocationRoute("GET", "/gateway/anthropic/v1/models/{model}", LISTED, anthropicErrors, anthropicModels::get),
                route(invocations, "/gateway/gemini/v1beta/models/{spec}", gemini),
                new InvocationRoute("GET", "/gateway/gemini/v1beta/models", LISTED, geminiErrors, geminiModels::list),
                new InvocationRoute("GET", "/gateway/gemini/v1beta/models/{spec}", LISTED, geminiErrors, geminiModels::get),
                // The Java and Go SDKs default to v1: the same API, served the same way.
                route(invocations, "/gateway/gemini/v1/models/{spec}", gemini),
                new InvocationRoute("GET", "/gateway/gemini/v1/models", LISTED, geminiErrors, geminiModels::list),
                new InvocationRoute("GET", "/gateway/gemini/v1/models/{spec}", LISTED, geminiErrors, geminiModels::get));
    }

    public List<InvocationRoute> routes() {
        return routes;
    }

    private static InvocationRoute route(Invocations invocations, String path, Surface surface) {
        return new InvocationRoute("POST", path, Access.on(ResourceKind.ENDPOINT, Capability.USE), surface.errors(),
                invocations.of(surface));
    }
}
