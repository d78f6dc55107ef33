package dev.switchboard.core;

/** The provider operations a pass-through caller can reach, named after the wire format's own. */
public enum Operation {
    /** OpenAI {@code /chat/completions}. */
    CHAT_COMPLETIONS,
    /** OpenAI {@code POST /responses}, streamed or not. */
    RESPONSES,
    /** OpenAI {@code /embeddings}. */
    EMBEDDINGS,
    /** Anthropic {@code /v1/messages}. */
    MESSAGES,
    /** Gemini {@code models/{model}:generateContent}. */
    GENERATE_CONTENT,
    /** Gemini {@code models/{model}:streamGenerateContent?alt=sse}. */
    STREAM_GENERATE_CONTENT,
    /** Gemini {@code models/{model}:embedContent}: one content, one embedding. */
    EMBED_CONTENT,
    /** Gemini {@code models/{model}:batchEmbedContents}. */
    BATCH_EMBED_CONTENTS,
    /** Gemini {@code models/{model}:countTokens}. */
    COUNT_TOKENS,
    /** Anthropic {@code /v1/messages/count_tokens}. */
    COUNT_MESSAGE_TOKENS
}
