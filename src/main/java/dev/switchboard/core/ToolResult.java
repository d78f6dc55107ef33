package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The caller's answer to a {@link ToolCall}, matched by {@code toolCallId}. Its content is text,
 * images or documents; {@code isError} marks a failed call (only Anthropic's wire format says so).
 */
public record ToolResult(String toolCallId, List<Content> content, boolean isError, Map<String, JsonNode> extra)
        implements Content {

    public ToolResult {
        Objects.requireNonNull(toolCallId, "toolCallId");
        content = List.copyOf(content);
        extra = Extra.copy(extra);
    }

    public ToolResult(String toolCallId, List<Content> content, boolean isError) {
        this(toolCallId, content, isError, Map.of());
    }
}
