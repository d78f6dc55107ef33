package dev.switchboard.config;

/** How a model definition serves an endpoint: in the primary traffic split, or as a fallback. */
public enum Linkage {
    PRIMARY,
    FALLBACK
}
