package dev.switchboard.wire.gemini;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Tool-call ids across one request or one response, both ways. Gemini's {@code functionCall} and
 * {@code functionResponse} carry an {@code id} only in newer API versions; the canonical model needs
 * one, so:
 * <ul>
 * <li>a call without an id gets one made up, beginning with {@value #GENERATED}: in a response
 *     (and a stream) a random one ({@link #freshId}), since a caller collects the calls of many
 *     responses into one history and Anthropic refuses two equal {@code tool_use} ids; in a request,
 *     which holds the whole history, {@value #GENERATED} and the call's number in the request, so
 *     the same history gives the same ids (and a provider's prompt cache still matches); a given id
 *     is kept;</li>
 * <li>a response with an id answers that call; one without answers the earliest unanswered call of
 *     the same name; one matching no call gets its function name as id;</li>
 * <li>encoding, a made-up id is not written (Gemini never sent it), nor is the id of a response
 *     whose call's id was not written, so a Gemini conversation without ids goes back without ids;
 *     every other id is written.</li>
 * </ul>
 * Not thread-safe: one per request or response.
 */
final class GeminiCalls {

    /** How every made-up id begins; ids a caller got from the gateway come back with it. */
    static final String GENERATED = "call_swb";

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int RANDOM_LENGTH = 20;

    private record Pending(String id, String name) {
    }

    private record Emitted(String name, boolean idWritten) {
    }

    private final boolean fresh;
    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, Emitted> emitted = new HashMap<>();
    private int ordinal;

    private GeminiCalls(boolean fresh) {
        this.fresh = fresh;
    }

    /** For a request, and for encoding anything: made-up ids are numbered. */
    static GeminiCalls forRequest() {
        return new GeminiCalls(false);
    }

    /** For a provider's response: made-up ids are random. */
    static GeminiCalls forResponse() {
        return new GeminiCalls(true);
    }

    /** A random made-up id: {@value #GENERATED} and 20 letters and digits. */
    static String freshId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder(GENERATED.length() + RANDOM_LENGTH).append(GENERATED);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    /** Whether the codec made {@code id} up, so Gemini never saw it. */
    static boolean generated(String id) {
        return id.startsWith(GENERATED);
    }

    /** The canonical id of the next decoded {@code functionCall}. */
    String decodeCall(Optional<String> given, String name) {
        String id = given.filter(s -> !s.isEmpty()).orElseGet(() -> fresh ? freshId() : GENERATED + ordinal);
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
        boolean write = !generated(id);
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
        boolean write = call != null ? call.idWritten() : !toolCallId.equals(name) && !generated(toolCallId);
        return write ? Optional.of(toolCallId) : Optional.empty();
    }
}
