package dev.switchboard.api;

import dev.switchboard.core.Usage;

/** A whole answer for the caller, already in the caller's format, and the usage it reported. */
public record Answer(byte[] body, Usage usage) {
}
