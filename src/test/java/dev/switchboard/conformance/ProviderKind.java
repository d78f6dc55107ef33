package dev.switchboard.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.conformance.Cases.Declared;
import dev.switchboard.conformance.Cases.Image;
import dev.switchboard.conformance.Cases.ToolTurn;
import dev.switchboard.conformance.Cases.Usage;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kind of provider behind an endpoint, as its fake upstream plays it: the answers it gives in its
 * own wire format (only what that format and that provider can say), its errors, and how to read,
 * in that format, the request the gateway sent it, including the rules the real provider enforces.
 */
sealed interface ProviderKind permits OpenAiFormatKind, AnthropicKind, GeminiKind, ResponsesKind {

    OpenAiCompatKind OPENAI_COMPATIBLE = new OpenAiCompatKind();
    AnthropicKind ANTHROPIC = new AnthropicKind();
    GeminiKind GEMINI = new GeminiKind();
    AzureKind AZURE = new AzureKind();
    MistralKind MISTRAL = new MistralKind();
    ResponsesKind RESPONSES = new ResponsesKind();
    /** The columns of the matrix, in this order. */
    List<ProviderKind> ALL = List.of(OPENAI_COMPATIBLE, ANTHROPIC, GEMINI, AZURE, MISTRAL, RESPONSES);

    /** The provider id in the gateway's configuration. */
    String id();

    /** The model name the endpoint's target asks this provider for. */
    String model();

    Format format();

    /** Whether this kind's provider speaks {@code format}: its own, or another it also takes (Azure, Responses). */
    default boolean speaks(Format format) {
        return format == format();
    }

    /**
     * Whether the gateway passes a chat call through when the caller speaks this kind's format; a
     * provider whose entry in the provider table has {@code chat_translated} is translated instead.
     */
    default boolean passesChatThrough() {
        return true;
    }

    /** The gateway endpoint served by this kind alone. */
    default String endpoint() {
        return "to-" + this;
    }

    /** What the secret's {@code auth_config} holds beside {@code api_base}. */
    default Map<String, String> settings() {
        return Map.of();
    }

    /** The id of this provider's {@code n}th tool call in an answer; empty where it gives none (Gemini). */
    String callId(int n);

    /** The signature this provider puts on its thinking, if it signs it. */
    Optional<String> thinkingSignature();

    /** The signature on its thinking when called by a caller of {@code surface} (a kind that speaks two formats may sign in one). */
    default Optional<String> thinkingSignature(Surface surface) {
        return thinkingSignature();
    }

    /** {@code turn} as this provider writes it, whole or streamed, answering the request it is given. */
    Reply reply(Turn turn, Mode mode);

    /** An error in this provider's shape, with {@code headers}. */
    Reply error(int status, String message, Map<String, String> headers);

    /** A stream that starts with {@code pieces} of text, then reports {@code message} as an error event. */
    Reply streamError(List<String> pieces, String message);

    /** The usage the kind reports when it read from (and, where it can say so, wrote to) a prompt cache. */
    Usage cachedUsage();

    /** The request-id and rate-limit headers this provider sends, by the names its format's callers read. */
    Map<String, String> answerHeaders();

    /** An embeddings answer of one vector per input, each {@code dims} long. */
    Reply embeddings(int count, int dims);

    /** The upstream path (and query) the gateway must call. */
    String upstreamPath(boolean stream);

    /** The upstream path the gateway must call for a caller of {@code surface}. */
    default String upstreamPath(Surface surface, boolean stream) {
        return upstreamPath(stream);
    }

    String embeddingsPath();

    /** The model the request asked for, wherever this format puts it. */
    String model(Recorded sent);

    /** Whether the request asked for a stream. */
    boolean streamed(Recorded sent);

    /** Fails unless the request has what this provider requires of every request, and nothing it refuses. */
    void assertWellFormed(Recorded sent);

    String system(Recorded sent);

    /** The text of the first user turn. */
    String userText(Recorded sent);

    List<Declared> declaredTools(Recorded sent);

    ToolTurn toolTurn(Recorded sent);

    /** The first image of the first user turn. */
    Image image(Recorded sent);

    /** The request's answer format: what the provider reads it from, in a form checks can compare. */
    Output output(Recorded sent);

    List<String> stopSequences(Recorded sent);

    Sampled sampling(Recorded sent);

    /** The request's reasoning fields as the provider reads them, as JSON (empty object for none). */
    JsonNode reasoning(Recorded sent);

    /** Fails unless {@code sent} continues a conversation in a way this provider accepts under its documented rules. */
    void assertAcceptsHistory(Recorded sent, History history);

    /** The inputs of an embeddings request. */
    List<String> embeddingInputs(Recorded sent);

    /** The answer format of a request: JSON mode, a schema, an instruction standing for them, or none. */
    record Output(Kind kind, JsonNode schema) {
        enum Kind { ANY, JSON_OBJECT, JSON_SCHEMA, INSTRUCTION }
    }

    /**
     * What a continued conversation must hold: {@code first} is this provider's answer (with tool
     * calls); {@code idsKept}, whether the caller's format carries call ids, so they come back as
     * the provider made them; {@code placeholder}, whether a function call's signature comes back
     * as Gemini's documented placeholder, the caller's format having no place for it.
     */
    record History(Turn first, boolean idsKept, boolean placeholder) {
    }

    /** The sampling values as sent; absent ones are {@code null}. */
    record Sampled(Double temperature, Double topP, Integer topK, Integer maxTokens) {
    }
}
