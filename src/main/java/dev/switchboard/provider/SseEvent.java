package dev.switchboard.provider;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One server-sent event: its {@code event:} name if any, its joined {@code data:} lines, and the
 * exact bytes it arrived as (ending with the blank line), so pass-through can relay it unchanged.
 */
public record SseEvent(Optional<String> event, String data, byte[] raw) {

    /** Whether this is OpenAI's end-of-stream marker {@code data: [DONE]}. */
    public boolean isDone() {
        return "[DONE]".equals(data);
    }

    /** Renders an event as {@code data: <json>\n\n}. */
    public static byte[] dataOnly(String data) {
        return ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
