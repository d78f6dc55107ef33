package dev.switchboard.core;

/**
 * Who speaks a {@link Message}. {@code DEVELOPER} is OpenAI's newer name for system instructions;
 * codecs of formats without it treat it as {@code SYSTEM}. {@code TOOL} messages carry
 * {@link ToolResult}s (Anthropic and Gemini put those in user turns; their codecs convert).
 */
public enum Role {
    SYSTEM,
    DEVELOPER,
    USER,
    ASSISTANT,
    TOOL
}
