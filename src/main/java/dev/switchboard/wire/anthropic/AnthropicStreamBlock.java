package dev.switchboard.wire.anthropic;

import dev.switchboard.core.ChatEvent;
import dev.switchboard.wire.JsonCompletion;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link AnthropicStreamEncoder} knows of one canonical block: its kind ({@code text},
 * {@code thinking}, {@code redacted_thinking} or {@code tool_use}), its Anthropic index once opened,
 * the events held while it waits for its turn, the signature parts of a thinking block (Anthropic
 * sends one {@code signature_delta}, and the SDKs keep only the last one they see), and, for a tool
 * call, whether its arguments text is already one whole JSON object, after which no more of it can
 * come. Not thread-safe.
 */
final class AnthropicStreamBlock {

    final String kind;
    int wireIndex = -1;
    private List<ChatEvent> held;
    private final StringBuilder signature = new StringBuilder();
    private final JsonCompletion arguments = new JsonCompletion();

    AnthropicStreamBlock(String kind) {
        this.kind = kind;
    }

    boolean tool() {
        return kind.equals("tool_use");
    }

    /** Whether the block waits for its turn, its events kept by {@link #hold}. */
    boolean held() {
        return held != null;
    }

    void hold(ChatEvent event) {
        if (held == null) {
            held = new ArrayList<>();
        }
        held.add(event);
    }

    /** The held events, in order; the block no longer waits. */
    List<ChatEvent> release() {
        List<ChatEvent> events = held == null ? List.of() : held;
        held = null;
        return events;
    }

    void sign(String part) {
        signature.append(part);
    }

    String signature() {
        return signature.toString();
    }

    /** Follows a tool call's arguments text to see where its top-level object or array closes. */
    void arguments(String json) {
        arguments.feed(json);
    }

    /**
     * Whether no more events can belong to the block once a later one has opened: text and thinking
     * never grow after that (the {@link ChatEvent} contract), a tool call once its arguments are whole.
     */
    boolean settled() {
        return !tool() || arguments.whole();
    }
}
