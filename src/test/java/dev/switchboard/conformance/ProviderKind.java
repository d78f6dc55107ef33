package dev.switchboard.conformance;

import dev.switchboard.conformance.Cases.Declared;
import dev.switchboard.conformance.Cases.Image;
import dev.switchboard.conformance.Cases.ToolTurn;
import dev.switchboard.conformance.Cases.Usage;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.util.List;

/**
 * A kind of provider behind an endpoint, as its fake upstream plays it: the replies it scripts in
 * its own wire format, and how to read, in that format, the request the gateway sent it.
 */
sealed interface ProviderKind permits OpenAiCompatKind, AnthropicKind, GeminiKind {

    List<ProviderKind> ALL = List.of(new OpenAiCompatKind(), new AnthropicKind(), new GeminiKind());

    /** The provider id in the gateway's configuration. */
    String id();

    /** The model name the endpoint's target asks this provider for. */
    String model();

    /** The gateway endpoint served by this kind alone. */
    default String endpoint() {
        return "to-" + this;
    }

    Reply text(String text, Usage usage);

    /** A streamed answer of {@code pieces}, reporting {@code usage}. */
    Reply textStream(List<String> pieces, Usage usage);

    /** An answer that calls {@link Cases#TOOL} with {@link Cases#ARGS}. */
    Reply toolCall();

    /** The same, streamed, with the arguments in {@link Cases#ARG_PIECES} where the format streams them. */
    Reply toolCallStream();

    /** An error in this provider's shape. */
    Reply error(int status, String message);

    /** The upstream path (and query) the gateway must call. */
    String upstreamPath(boolean stream);

    /** The model the request asked for, wherever this format puts it. */
    String model(Recorded sent);

    /** Whether the request asked for a stream. */
    boolean streamed(Recorded sent);

    /** Fails unless the request has what this format requires of every request. */
    void assertWellFormed(Recorded sent);

    String system(Recorded sent);

    /** The text of the first user turn. */
    String userText(Recorded sent);

    Declared declaredTool(Recorded sent);

    ToolTurn toolTurn(Recorded sent);

    /** The first image of the first user turn. */
    Image image(Recorded sent);
}
