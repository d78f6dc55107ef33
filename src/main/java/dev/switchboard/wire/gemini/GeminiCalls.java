package dev.switchboard.wire.gemini;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tool-call ids across one request or one response, both ways. Gemini's {@code functionCall} and
 * {@code functionResponse} carry an {@code id} only in newer API versions; the canonical model needs
 * one, so:
 * <ul>
 * <li>a call without an id gets {@code call_<n>}, {@code n} counting the calls of the request (or of
 *     the candidate) from 0, in order; a given id is kept;</li>
 * <li>a response with an id answers that call; one without answers the earliest unanswered call of
 *     the same name; one matching no call gets its function name as id;</li>
 * <li>encoding, an id of the generated form {@code call_<n>} at call number {@code n} is not written
 *     (the caller never sent it), nor is the id of a response whose call's id was not written, so a
 *     Gemini conversation without ids goes back without ids; every other id is written.</li>
 * </ul>
 * Not thread-safe: one per request or response.
 */
final class GeminiCalls {

    private record Pending(String id, String name) {
    }

    private record Emitted(String name, boolean idWritten) {
    }

    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, Emitted> emitted = new HashMap<>();
    private int ordinal;

    static String generatedId(int ordinal) {
        return "call_" + ordinal;
    }

    /** The canonical id of the next decoded {@code functionCall}. */
    String decodeCall(Optional<String> given, String name) {
        String id = given.filter(s -> !s.isEmpty()).orElseGet(() -> generatedId(ordinal));
        ordinal++;
        pending.add(new Pending(id, name));
        return id;
    }

    /** The canonical {@code toolCallId} of a decoded {@code functionResponse}. */
    String decodeResult(Optional<String> given, String name) {
        if (given.isPresent() && !given.get().isEmpty()) {
            pending.removeIf(p -> p.id().equals(given.get()));
            return given.get();
        }
        for (Iterator<Pending> it = pending.iterator(); it.hasNext();) {
            Pending call = it.next();
            if (call.name().equals(name)) {
                it.remove();
                return call.id();
            }
        }
        return name;
    }

    /** The id to write on the next encoded {@code functionCall}, if any. */
    Optional<String> encodeCall(String id, String name) {
        boolean write = !id.equals(generatedId(ordinal));
        ordinal++;
        emitted.put(id, new Emitted(name, write));
        return write ? Optional.of(id) : Optional.empty();
    }

    /** The function name of a result: its call's name, else {@code fallback}. */
    String resultName(String toolCallId, String fallback) {
        Emitted call = emitted.get(toolCallId);
        return call != null ? call.name() : fallback;
    }

    /** The id to write on an encoded {@code functionResponse}, if any. */
    Optional<String> encodeResult(String toolCallId, String name) {
        Emitted call = emitted.get(toolCallId);
        boolean write = call != null ? call.idWritten() : !toolCallId.equals(name);
        return write ? Optional.of(toolCallId) : Optional.empty();
    }
}
