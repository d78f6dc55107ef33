package dev.switchboard.provider.openaicompat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Operation;
import dev.switchboard.provider.Target;
import java.net.URI;
import java.util.Map;

/**
 * What differs between providers that speak OpenAI's wire format: where an operation lives, how to
 * authenticate, and which request fields must be dropped or renamed. Everything else is shared.
 */
public interface OpenAiDialect {

    /** The provider id, e.g. {@code groq}. */
    String id();

    URI uri(Target target, Operation operation);

    /** The authentication (and any other) headers for a call; values are secrets, never logged. */
    Map<String, String> headers(Target target);

    /**
     * Adjusts an OpenAI request body in place for this provider (drops, renames). Only top-level
     * fields may change: nested values are shared with the caller's body (the format's pass-through
     * copies only the top level).
     */
    void adjust(ObjectNode body);
}
