package dev.switchboard.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.conformance.Cases.Ask;
import dev.switchboard.conformance.Cases.CallerError;
import dev.switchboard.conformance.Cases.StreamSeen;
import dev.switchboard.conformance.Cases.Thinking;
import dev.switchboard.conformance.Cases.ToolCall;
import dev.switchboard.conformance.Cases.Usage;
import java.util.List;
import java.util.Optional;

/**
 * One of the gateway's front doors as its SDK sees it: how a caller of that format asks (path and
 * JSON), and how it reads the answer, the stream and the error, each in the format's own fields.
 */
sealed interface Surface permits OpenAiSurface, AnthropicSurface, GeminiSurface {

    List<Surface> ALL = List.of(new OpenAiSurface(), new AnthropicSurface(), new GeminiSurface());

    /** The gateway path for a call to {@code endpoint}. */
    String path(String endpoint, boolean stream);

    /** The caller's request body; the system prompt and user turn always, the rest as {@code ask} says. */
    String request(String endpoint, Ask ask);

    /** The answer's text where this format's SDK reads it: the first text block or part after any thinking. */
    String text(JsonNode answer);

    /** The stop reason, raw. */
    String stop(JsonNode answer);

    /** The stop reason of a turn that ended normally. */
    String endTurn();

    /** The stop reason of a turn that ended to call a tool. */
    String toolUse();

    Optional<ToolCall> toolCall(JsonNode answer);

    /** Whether a tool call carries an id the caller must quote in its result (Gemini links by name). */
    default boolean linksCallsById() {
        return true;
    }

    Usage usage(JsonNode answer);

    Thinking thinking(JsonNode answer);

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

    /** Reads a whole event stream as this format's SDK would. */
    StreamSeen stream(String body);
}
