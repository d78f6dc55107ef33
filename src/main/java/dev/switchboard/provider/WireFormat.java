package dev.switchboard.provider;

/** The request/response formats the gateway speaks, as a surface and to providers. */
public enum WireFormat {
    OPENAI,
    ANTHROPIC,
    GEMINI
}
