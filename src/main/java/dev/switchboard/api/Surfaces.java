package dev.switchboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.mlflow.DetailErrorFormat;
import dev.switchboard.core.ErrorFormat;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.WireFormat;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import dev.switchboard.wire.gemini.GeminiFormat;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The invocation surfaces, one per route shape: OpenAI's chat and embeddings and Anthropic's
 * Messages (the endpoint in the body's {@code model}), Gemini's generateContent (the endpoint and
 * the method in the path), and MLflow's unified routes (translated, never passed through).
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

    /** {@code POST /gateway/openai/v1/embeddings}. */
    public static Surface openAiEmbeddings() {
        return new ModelInBody(OpenAiChatFormat.INSTANCE, true, Surfaces::unknownOpenAiModel) {
            @Override
            public Request request(Exchange exchange, ObjectNode body) {
                OpenAiChatFormat.INSTANCE.embeddings().orElseThrow().checkShape(body);
                return Request.embeddings(body);
            }
        };
    }

    /** {@code POST /gateway/anthropic/v1/messages}. */
    public static Surface anthropicMessages() {
        return new ModelInBody(AnthropicFormat.INSTANCE, true, name -> new GatewayException.NotFound(
                "model: " + name + " (no gateway endpoint has that name)")) {
            @Override
            public Request request(Exchange exchange, ObjectNode body) {
                AnthropicFormat.INSTANCE.checkShape(body);
                return Request.chat(body, streams(body));
            }
        };
    }

    /**
     * {@code POST /gateway/gemini/{version}/models/{endpoint}:generateContent} and
     * {@code :streamGenerateContent}.
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
                streamed(spec);
                return spec.substring(0, spec.lastIndexOf(':'));
            }

            @Override
            public GatewayException unknownEndpoint(String name) {
                return new GatewayException.NotFound("models/" + name + " is not found: no gateway endpoint has that name");
            }

            @Override
            public Request request(Exchange exchange, ObjectNode body) {
                GeminiFormat.INSTANCE.checkShape(body);
                return Request.chat(body, streamed(exchange.pathParam("spec").orElseThrow()));
            }

            /** Whether the path's method streams; a method Gemini's API has not is a 404. */
            private static boolean streamed(String spec) {
                int colon = spec.lastIndexOf(':');
                return switch (colon < 0 ? "" : spec.substring(colon + 1)) {
                    case "generateContent" -> false;
                    case "streamGenerateContent" -> true;
                    default -> throw new GatewayException.RouteNotFound("/gateway/gemini/v1beta/models/" + spec
                            + " (supported: :generateContent and :streamGenerateContent)");
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
                    OpenAiChatFormat.INSTANCE.embeddings().orElseThrow().checkShape(body);
                    return Request.embeddings(body);
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

    private static boolean streams(ObjectNode body) {
        JsonNode stream = body.get("stream");
        return stream != null && stream.asBoolean(false);
    }

    private static GatewayException unknownOpenAiModel(String name) {
        return new GatewayException.NotFound("The model `" + name + "` does not exist: no gateway endpoint has "
                + "that name");
    }

    private static GatewayException unknownMlflowEndpoint(String name) {
        return new GatewayException.NotFound("Endpoint '" + name + "' does not exist");
    }
}
