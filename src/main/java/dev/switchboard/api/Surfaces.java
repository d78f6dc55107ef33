package dev.switchboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.gemini.GeminiMethod;
import dev.switchboard.api.mlflow.DetailErrorFormat;
import dev.switchboard.core.ErrorFormat;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.WireFormat;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import dev.switchboard.wire.gemini.GeminiFormat;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import dev.switchboard.wire.responses.ResponsesFormat;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The invocation surfaces, one per route shape: OpenAI's chat, Responses and embeddings and Anthropic's
 * Messages and count_tokens (the endpoint in the body's {@code model}), Gemini's methods (the
 * endpoint and the method in the path), and MLflow's unified routes (translated, never passed
 * through).
 */
public final class Surfaces {

    private Surfaces() {
    }

    /** {@code POST /gateway/openai/v1/chat/completions}. */
    public static Surface openAiChat() {
        return new ModelInBody(OpenAiChatFormat.INSTANCE, true, Surfaces::unknownOpenAiModel) {
            @Override
            public Request request(Exchange exchange, ObjectNode body) {
                OpenAiChatFormat.INSTANCE.checkShape(body);
                return Request.chat(body, streams(body));
            }
        };
    }

    /** {@code POST /gateway/openai/v1/responses}: OpenAI's Responses API. */
    public static Surface openAiResponses() {
        return new ModelInBody(ResponsesFormat.INSTANCE, true, Surfaces::unknownOpenAiModel) {
            @Override
            public Request request(Exchange exchange, ObjectNode body) {
                ResponsesFormat.INSTANCE.checkShape(body);
                return Request.chat(body, streams(body));
            }
        };
    }

    /** {@code POST /gateway/openai/v1/embeddings}. */
    public static Surface openAiEmbeddings() {
        return new ModelInBody(OpenAiChatFormat.INSTANCE, true, Surfaces::unknownOpenAiModel) {
            @Override
            public Request request(Exchange exchange, ObjectNode body) {
                return openAiEmbeddings(body);
            }
        };
    }

    /** {@code POST /gateway/anthropic/v1/messages}. */
    public static Surface anthropicMessages() {
        return new ModelInBody(AnthropicFormat.INSTANCE, true, Surfaces::unknownAnthropicModel) {
            @Override
            public Request request(Exchange exchange, ObjectNode body) {
                AnthropicFormat.INSTANCE.checkShape(body);
                return Request.chat(body, streams(body));
            }
        };
    }

    /** {@code POST /gateway/anthropic/v1/messages/count_tokens}: a Messages request without {@code max_tokens}. */
    public static Surface anthropicCountTokens() {
        return new ModelInBody(AnthropicFormat.INSTANCE, true, Surfaces::unknownAnthropicModel) {
            @Override
            public Request request(Exchange exchange, ObjectNode body) {
                WireFormat.TokenCounting counting = AnthropicFormat.INSTANCE.tokenCounting().orElseThrow();
                counting.checkShape(body);
                return new Request.CountTokens(body, counting);
            }
        };
    }

    /**
     * {@code POST /gateway/gemini/{version}/models/{endpoint}:method}, for the methods of
     * {@link GeminiMethod}.
     */
    public static Surface gemini() {
        return new Surface() {
            @Override
            public WireFormat format() {
                return GeminiFormat.INSTANCE;
            }

            @Override
            public boolean passesThrough() {
                return true;
            }

            @Override
            public String endpoint(Exchange exchange, Supplier<ObjectNode> body) {
                String spec = exchange.pathParam("spec").orElseThrow();
                GeminiMethod.of(spec);
                return spec.substring(0, spec.lastIndexOf(':'));
            }

            @Override
            public GatewayException unknownEndpoint(String name) {
                return unknownGeminiModel(name);
            }

            @Override
            public Request request(Exchange exchange, ObjectNode body) {
                String spec = exchange.pathParam("spec").orElseThrow();
                GeminiFormat gemini = GeminiFormat.INSTANCE;
                GeminiMethod method = GeminiMethod.of(spec);
                return switch (method) {
                    case GENERATE_CONTENT, STREAM_GENERATE_CONTENT -> {
                        gemini.checkShape(body);
                        yield Request.chat(body, method == GeminiMethod.STREAM_GENERATE_CONTENT);
                    }
                    case EMBED_CONTENT -> embed(body, gemini.embedContent());
                    case BATCH_EMBED_CONTENTS -> {
                        Request request = embed(body, gemini.embeddings().orElseThrow());
                        gemini.checkBatchModels(body, endpoint(exchange, () -> body));
                        yield request;
                    }
                    case COUNT_TOKENS -> {
                        WireFormat.TokenCounting counting = gemini.tokenCounting().orElseThrow();
                        counting.checkShape(body);
                        yield new Request.CountTokens(body, counting);
                    }
                };
            }
        };
    }

    /**
     * {@code POST /gateway/{endpoint}/mlflow/invocations}: chat when the body has {@code messages},
     * embeddings when it has {@code input}; a {@code model} field is refused with 422, as MLflow does.
     */
    public static Surface mlflowInvocations() {
        return new Surface() {
            @Override
            public WireFormat format() {
                return OpenAiChatFormat.INSTANCE;
            }

            /** FastAPI's {@code {"detail": ...}}, as MLflow answers. */
            @Override
            public ErrorFormat errors() {
                return DetailErrorFormat.INSTANCE;
            }

            @Override
            public boolean passesThrough() {
                return false;
            }

            @Override
            public String endpoint(Exchange exchange, Supplier<ObjectNode> body) {
                return exchange.pathParam("endpoint").orElseThrow();
            }

            @Override
            public GatewayException unknownEndpoint(String name) {
                return unknownMlflowEndpoint(name);
            }

            @Override
            public Request request(Exchange exchange, ObjectNode body) {
                if (body.has("model")) {
                    throw new GatewayException.Unprocessable("The parameter 'model' is not permitted to be passed "
                            + "when calling an endpoint route: the endpoint '" + endpoint(exchange, () -> body)
                            + "' chooses its models");
                }
                if (body.has("messages")) {
                    OpenAiChatFormat.INSTANCE.checkShape(body);
                    return Request.chat(body, streams(body));
                }
                if (body.has("input")) {
                    return openAiEmbeddings(body);
                }
                throw new GatewayException.InvalidRequest(
                        "Invalid request: payload format must be either chat or embeddings");
            }
        };
    }

    /** {@code POST /gateway/mlflow/v1/chat/completions}: OpenAI-shaped, {@code model} naming the endpoint. */
    public static Surface mlflowChat() {
        return new ModelInBody(OpenAiChatFormat.INSTANCE, false, Surfaces::unknownMlflowEndpoint) {
            @Override
            public Request request(Exchange exchange, ObjectNode body) {
                OpenAiChatFormat.INSTANCE.checkShape(body);
                return Request.chat(body, streams(body));
            }
        };
    }

    /** A surface whose body names the endpoint in {@code model}, as OpenAI's and Anthropic's do. */
    private abstract static class ModelInBody implements Surface {
        private final WireFormat format;
        private final boolean passesThrough;
        private final Function<String, GatewayException> unknown;

        ModelInBody(WireFormat format, boolean passesThrough,
                    Function<String, GatewayException> unknown) {
            this.format = format;
            this.passesThrough = passesThrough;
            this.unknown = unknown;
        }

        @Override
        public WireFormat format() {
            return format;
        }

        @Override
        public boolean passesThrough() {
            return passesThrough;
        }

        @Override
        public String endpoint(Exchange exchange, Supplier<ObjectNode> body) {
            return Bodies.model(body.get());
        }

        @Override
        public GatewayException unknownEndpoint(String name) {
            return unknown.apply(name);
        }
    }

    private static Surface.Request openAiEmbeddings(ObjectNode body) {
        return embed(body, OpenAiChatFormat.INSTANCE.embeddings().orElseThrow());
    }

    private static Surface.Request embed(ObjectNode body, WireFormat.Embeddings embeddings) {
        embeddings.checkShape(body);
        return new Surface.Request.Embed(body, embeddings);
    }

    private static boolean streams(ObjectNode body) {
        JsonNode stream = body.get("stream");
        return stream != null && stream.asBoolean(false);
    }

    private static GatewayException unknownOpenAiModel(String name) {
        return new GatewayException.NotFound("The model `" + name + "` does not exist: no gateway endpoint has "
                + "that name");
    }

    public static GatewayException unknownAnthropicModel(String name) {
        return new GatewayException.NotFound("model: " + name + " (no gateway endpoint has that name)");
    }

    /** Worded as Google's API words it; also the 404 of the Gemini surface's model lookups. */
    public static GatewayException unknownGeminiModel(String name) {
        return new GatewayException.NotFound("models/" + name + " is not found: no gateway endpoint has that name");
    }

    private static GatewayException unknownMlflowEndpoint(String name) {
        return new GatewayException.NotFound("Endpoint '" + name + "' does not exist");
    }
}
