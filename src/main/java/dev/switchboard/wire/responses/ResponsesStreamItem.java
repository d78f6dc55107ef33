package dev.switchboard.wire.responses;

import dev.switchboard.core.ChatEvent;
import dev.switchboard.wire.JsonCompletion;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link ResponsesStreamEncoder} knows of one canonical block: its kind, the events held while
 * it waits for its turn, and for a tool call whether its arguments text is already one whole JSON
 * object, after which no more of it can come (string- and escape-aware). Not thread-safe.
 */
final class ResponsesStreamItem {

    enum Kind { TEXT, THINKING, TOOL }

    final Kind kind;
    private List<ChatEvent> held;
    private final JsonCompletion arguments = new JsonCompletion();

    ResponsesStreamItem(Kind kind) {
        this.kind = kind;
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

    /** Follows a tool call's arguments text to see where its top-level object or array closes. */
    void arguments(String json) {
        arguments.feed(json);
    }

    /**
     * Whether no more events can belong to the block once a later one has opened: text and thinking
     * never grow after that (the {@link ChatEvent} contract), a tool call once its arguments are whole.
     */
    boolean settled() {
        return kind != Kind.TOOL || arguments.whole();
    }
}
