package dev.switchboard.conformance;

/**
 * What a cell of the matrix promises: the feature survives as it is, survives with a named loss
 * (and the test asserts what the caller gets instead), or is refused with a clear error in the
 * caller's own shape.
 */
enum Verdict {
    EXACT, LOSSY, UNSUPPORTED
}
