package dev.switchboard.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ErrorFormat;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.WireFormat;
import java.util.function.Supplier;

/**
 * How one invocation route reads its request: the wire format its callers speak, where the
 * endpoint's name is (the body's {@code model}, or the path), and what the call asks for. The one
 * handler ({@link Invocations}) does the rest the same way for every surface. A surface reads the
 * endpoint's name first and the rest only once the endpoint exists, so an unknown endpoint is
 * reported before anything about the body.
 */
public interface Surface {

    /** The format of this route's callers. */
    WireFormat format();

    /** How this route's callers receive errors: its format's shape unless the route has its own. */
    default ErrorFormat errors() {
        return format().errors();
    }

    /**
     * Whether a target speaking {@link #format()} gets the caller's body as it is (only the model
     * replaced) and its answer relayed as it comes; MLflow's unified routes always translate.
     */
    boolean passesThrough();

    /** The endpoint the request names; {@code body} parses the request body on first use. */
    String endpoint(Exchange exchange, Supplier<ObjectNode> body);

    /** The error for a name no endpoint has, worded as this surface's API words it. */
    GatewayException unknownEndpoint(String name);

    /** What the request asks for, its body's shape checked (a 400 naming the field if not). */
    Request request(Exchange exchange, ObjectNode body);

    /**
     * One call, its body the caller's, unchanged: a chat (streamed or not), embeddings with the
     * codec of the route's method, or a token count with its format's counting.
     */
    sealed interface Request {
        ObjectNode body();

        static Request chat(ObjectNode body, boolean stream) {
            return new Chat(body, stream);
        }

        record Chat(ObjectNode body, boolean stream) implements Request {
        }

        record Embed(ObjectNode body, WireFormat.Embeddings embeddings) implements Request {
        }

        record CountTokens(ObjectNode body, WireFormat.TokenCounting counting) implements Request {
        }
    }
}
