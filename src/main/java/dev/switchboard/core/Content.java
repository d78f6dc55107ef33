package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One block of a message's content, in the order the model or caller produced it.
 *
 * <p>Every block has an {@code extra} map: fields of the block that the model does not name (e.g.
 * Anthropic's {@code cache_control} or {@code citations}, Gemini's {@code thoughtSignature} on a
 * function call), under the names of the wire format that decoded it. See {@link ChatRequest} for
 * when a codec re-emits them.
 */
public sealed interface Content permits Text, Image, Document, ToolCall, ToolResult, Thinking, RedactedThinking {

    /** Fields of the block the model does not name, in the source wire format's naming; never null. */
    Map<String, JsonNode> extra();
}
