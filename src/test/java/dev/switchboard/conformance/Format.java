package dev.switchboard.conformance;

/** The wire format a surface or a provider kind speaks; the gateway passes a call through when both speak the same. */
enum Format {
    OPENAI, ANTHROPIC, GEMINI,
    /** OpenAI's Responses API. */
    OPENAI_RESPONSES
}
