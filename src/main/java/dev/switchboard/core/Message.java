package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One turn of a conversation. System instructions are messages too (Anthropic's and Gemini's codecs
 * lift them out). {@code name} is OpenAI's participant name; {@code extra} keeps the message's other
 * fields (e.g. OpenAI's {@code refusal} or {@code audio}) in the source format's naming.
 */
public record Message(Role role, List<Content> content, Optional<String> name, Map<String, JsonNode> extra) {

    public Message {
        Objects.requireNonNull(role, "role");
        content = List.copyOf(content);
        Objects.requireNonNull(name, "name");
        extra = Extra.copy(extra);
    }

    public Message(Role role, List<Content> content) {
        this(role, content, Optional.empty(), Map.of());
    }

    /** A message holding one text block. */
    public static Message of(Role role, String text) {
        return new Message(role, List.of(new Text(text)));
    }

    /** The text of all {@link Text} blocks, concatenated without separators. */
    public String text() {
        return content.stream().filter(Text.class::isInstance).map(c -> ((Text) c).text())
                .collect(Collectors.joining());
    }
}
