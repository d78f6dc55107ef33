package dev.switchboard.provider;

/** The provider operations a pass-through caller can reach. */
public enum Operation {
    CHAT_COMPLETIONS,
    EMBEDDINGS
}
