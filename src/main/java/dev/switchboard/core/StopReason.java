package dev.switchboard.core;

/** Why the model stopped generating, mapped from each provider's own vocabulary. */
public enum StopReason {
    /** The model finished its turn (OpenAI {@code stop}, Anthropic {@code end_turn}, Gemini {@code STOP}). */
    END_TURN,
    /** The output token limit was reached (OpenAI {@code length}). */
    MAX_TOKENS,
    /** A caller-supplied stop sequence matched (OpenAI reports this as {@code stop} too). */
    STOP_SEQUENCE,
    /** The model asked for one or more tool calls. */
    TOOL_USE,
    /** Output was withheld or cut by a safety filter, or the model refused. */
    CONTENT_FILTER,
    /** The provider ended generation because of an error (e.g. a malformed tool call). */
    ERROR,
    /** The provider gave no reason, or one we do not know. */
    UNKNOWN
}
