package dev.switchboard.conformance;

import java.util.EnumSet;
import java.util.Set;

/**
 * One feature the matrix follows from a caller through the gateway to a provider and back. Its
 * check runs one cell (a surface, a provider kind, a mode) and asserts what the cell's declaration
 * promises; {@link #title} and {@link #what} are the words of the documentation table.
 */
enum Scenario {
    TEXT("Text", "the system prompt and the user turn reach the provider; the answer's text and end of turn come back",
            Checks::text),
    TOOL_CALL("Tool call", "the tool is declared to the provider; its call comes back with name, arguments and id",
            Checks::toolCall),
    PARALLEL_TOOL_CALLS("Parallel tool calls", "two calls in one answer, streamed interleaved where the provider's "
            + "format allows it, come back as two calls with distinct ids", Checks::parallelToolCalls),
    TOOL_RESULT("Tool result", "a history with a call and its result reaches the provider with the result linked to "
            + "the call", Checks::toolResult),
    CONTINUATION("Continuation", "the caller appends the answer (thinking, text, calls) and the tool results and asks "
            + "again; the provider's documented rules for such a history hold", Continuation::check),
    IMAGE("Image", "an inline image reaches the provider with the same bytes and media type", Checks::image),
    THINKING("Thinking", "the provider's thinking reaches the caller, with its signature where the caller's format "
            + "has a place for one", Checks::thinking),
    JSON_MODE("JSON mode", "the caller asks for any JSON object", Parameters::jsonMode),
    JSON_SCHEMA("JSON schema", "the caller asks for JSON matching a schema", Parameters::jsonSchema),
    STOP_SEQUENCES("Stop sequences", "the caller's stop sequences reach the provider; a stop on one comes back",
            Parameters::stopSequences),
    SAMPLING("Sampling", "temperature, top_p, top_k and the output limit reach the provider", Parameters::sampling),
    REASONING_EFFORT("Reasoning on", "the caller's reasoning effort or thinking budget reaches the provider in its "
            + "form", Parameters::reasoningOn),
    REASONING_OFF("Reasoning off", "the caller turns thinking off", Parameters::reasoningOff),
    LENGTH_FINISH("Length finish", "an answer cut at the output limit says so", Finishes::length),
    CONTENT_FILTER_FINISH("Content-filter finish", "an answer withheld by the provider's filter says so",
            Finishes::contentFilter),
    USAGE("Usage", "input and output token counts", Finishes::usage),
    CACHED_USAGE("Cached usage", "prompt-cache reads and writes", Finishes::cachedUsage),
    REASONING_USAGE("Reasoning usage", "the output tokens spent thinking", Finishes::reasoningUsage),
    ERROR_400("400", "a provider's 400 comes back as a 400 in the caller's error shape", Errors::status),
    ERROR_401("401", "a provider's 401 (bad key)", Errors::status),
    ERROR_404("404", "a provider's 404 (no such model)", Errors::status),
    ERROR_429("429 with retry-after", "a provider's 429, its retry-after header with it", Errors::status),
    ERROR_503("503 with retry-after", "a provider's 503, its retry-after header with it", Errors::status),
    ERROR_529("529 with retry-after", "Anthropic's 529 (overloaded), its retry-after header with it",
            Errors::status),
    STREAM_ERROR("Error mid-stream", "the provider's stream starts, then reports an error: the caller gets the text "
            + "so far and one error event in its shape", Errors::midStream, EnumSet.of(Mode.STREAM)),
    STREAM_CUT("Cut mid-stream", "the provider's connection drops mid-stream: the caller gets one error event in its "
            + "shape", Errors::cut, EnumSet.of(Mode.STREAM)),
    HEADERS("Headers", "the caller's beta header reaches a provider of its format; the provider's request id and "
            + "rate-limit headers come back", Headers::check),
    EMBEDDINGS("Embeddings", "a batch of two inputs comes back as two vectors in order", Embeddings::check,
            EnumSet.of(Mode.UNARY));

    /** Runs one cell. */
    interface Check {
        void run(Run run);
    }

    final String title;
    final String what;
    final Check check;
    final Set<Mode> modes;

    Scenario(String title, String what, Check check) {
        this(title, what, check, EnumSet.allOf(Mode.class));
    }

    Scenario(String title, String what, Check check, Set<Mode> modes) {
        this.title = title;
        this.what = what;
        this.check = check;
        this.modes = modes;
    }
}
