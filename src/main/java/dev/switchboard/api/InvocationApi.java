package dev.switchboard.api;

import dev.switchboard.api.anthropic.AnthropicErrorFormat;
import dev.switchboard.api.anthropic.MessagesHandler;
import dev.switchboard.api.gemini.GeminiErrorFormat;
import dev.switchboard.api.gemini.GenerateContentHandler;
import dev.switchboard.api.mlflow.DetailErrorFormat;
import dev.switchboard.api.mlflow.InvocationsHandler;
import dev.switchboard.api.openai.ChatCompletionsHandler;
import dev.switchboard.api.openai.EmbeddingsHandler;
import dev.switchboard.api.openai.ModelsHandler;
import dev.switchboard.api.openai.OpenAiErrorFormat;
import dev.switchboard.config.ConfigSnapshot;
import dev.switchboard.routing.Dispatcher;
import java.util.List;
import java.util.function.Supplier;

/** Every invocation route under {@code /gateway/}, each with its surface's error format. */
public final class InvocationApi {

    /** The largest request body an invocation route accepts (images travel base64-encoded inside). */
    public static final long MAX_BODY_BYTES = 32L * 1024 * 1024;

    private final List<InvocationRoute> routes;

    public InvocationApi(Supplier<ConfigSnapshot> config, Dispatcher dispatcher) {
        InvocationsHandler mlflow = new InvocationsHandler(config, dispatcher);
        OpenAiErrorFormat openAi = OpenAiErrorFormat.INSTANCE;
        GenerateContentHandler gemini = new GenerateContentHandler(config, dispatcher);
        routes = List.of(
                new InvocationRoute("POST", "/gateway/{endpoint}/mlflow/invocations", DetailErrorFormat.INSTANCE,
                        mlflow.invocations()),
                new InvocationRoute("POST", "/gateway/mlflow/v1/chat/completions", openAi, mlflow.chatCompletions()),
                new InvocationRoute("POST", "/gateway/openai/v1/chat/completions", openAi,
                        new ChatCompletionsHandler(config, dispatcher)),
                new InvocationRoute("POST", "/gateway/openai/v1/embeddings", openAi,
                        new EmbeddingsHandler(config, dispatcher)),
                new InvocationRoute("GET", "/gateway/openai/v1/models", openAi, new ModelsHandler(config)),
                new InvocationRoute("POST", "/gateway/anthropic/v1/messages", AnthropicErrorFormat.INSTANCE,
                        new MessagesHandler(config, dispatcher)),
                new InvocationRoute("POST", "/gateway/gemini/v1beta/models/{spec}", GeminiErrorFormat.INSTANCE,
                        gemini),
                // The Java and Go SDKs default to v1: the same API, served the same way.
                new InvocationRoute("POST", "/gateway/gemini/v1/models/{spec}", GeminiErrorFormat.INSTANCE, gemini));
    }

    public List<InvocationRoute> routes() {
        return routes;
    }
}
