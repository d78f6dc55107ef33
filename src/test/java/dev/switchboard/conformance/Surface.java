package dev.switchboard.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.conformance.Cases.Ask;
import dev.switchboard.conformance.Cases.CallerError;
import dev.switchboard.conformance.Cases.Seen;
import dev.switchboard.conformance.Cases.Thinking;
import dev.switchboard.conformance.Cases.ToolCall;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One of the gateway's front doors as its SDK sees it: how a caller of that format asks (path and
 * JSON), and how it reads the answer, the stream and the error, each in the format's own fields.
 * Whole answers and streams are both read into a {@link Seen}, whose message is in the format of
 * the surface's answers, so one check serves both modes.
 */
sealed interface Surface permits OpenAiSurface, AnthropicSurface, GeminiSurface, ResponsesSurface {

    OpenAiSurface OPENAI = new OpenAiSurface();
    AnthropicSurface ANTHROPIC = new AnthropicSurface();
    GeminiSurface GEMINI = new GeminiSurface();
    ResponsesSurface RESPONSES = new ResponsesSurface();
    List<Surface> ALL = List.of(OPENAI, ANTHROPIC, GEMINI, RESPONSES);

    Format format();

    /** The gateway path for a call to {@code endpoint}. */
    String path(String endpoint, boolean stream);

    /** The caller's request body; the system prompt and user turn always, the rest as {@code ask} says. */
    String request(String endpoint, Ask ask);

    /**
     * The next request of a conversation: {@code first} (a request body) with the assistant message
     * the caller saw appended as its SDK's users append it, then the result of each of its tool calls.
     */
    String continuation(String first, Seen answer, Function<ToolCall, JsonNode> results);

    /** The caller's headers beside the body that a provider of the caller's format needs, e.g. {@code anthropic-beta}. */
    Map<String, String> formatHeaders();

    /** A whole answer as the caller reads it, failing unless it is one in this format. */
    Seen seen(JsonNode answer);

    /** A whole event stream as the caller reads it, events put together as the format's SDK does. */
    Seen seen(String stream);

    /** The answer's text: the text blocks or parts after any thinking, joined. */
    String text(JsonNode message);

    List<ToolCall> toolCalls(JsonNode message);

    List<Thinking> thinking(JsonNode message);

    /** How this format spells a finish. */
    String stop(Turn.Finish finish);

    /** The stop sequence that ended the answer, where the format says it. */
    default Optional<String> stopSequence(JsonNode answer) {
        return Optional.empty();
    }

    /** Whether a tool call carries an id the caller must quote in its result (Gemini links by name). */
    default boolean linksCallsById() {
        return true;
    }

    /** Whether the format has a place for a thinking signature. */
    boolean carriesSignatures();

    /** Reads an error body, failing unless it has this format's error envelope. */
    CallerError error(JsonNode body);

    /** The error kind (type or status) this format uses for an HTTP status; empty if the format varies it. */
    Optional<String> errorKind(int status);

    /**
     * Requests with one top-level field of the wrong shape ({@code messages} an object, {@code stream}
     * a string...), each of which the gateway must refuse with a 400 before calling any provider.
     */
    List<String> malformed(String endpoint);

    /** What breaks this format's event grammar in a stream body; empty when the stream is well formed. */
    List<String> grammar(String stream);

    /** The gateway path of this format's embeddings, which may be one the gateway does not serve. */
    String embeddingsPath(String endpoint);

    String embeddingsRequest(String endpoint, List<String> inputs);

    /** The vectors of an embeddings answer, in order. */
    List<List<Double>> vectors(JsonNode answer);
}
