package dev.switchboard.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.conformance.Cases.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An answer a fake provider gives, in no particular format: its blocks in order, why it stopped and
 * its usage. Each {@link ProviderKind} writes it in its own format, whole or as a stream, carrying
 * the signatures its format has a place for.
 */
record Turn(List<Block> blocks, Finish finish, Usage usage) {

    Turn {
        blocks = List.copyOf(blocks);
    }

    /** A block of the answer. */
    sealed interface Block {
    }

    /** Thinking, with the signature of a provider that signs it (Anthropic, Gemini). */
    record Thought(String text, Optional<String> signature) implements Block {
    }

    record Said(String text) implements Block {
    }

    /** A tool call; {@code signature} is Gemini's thought signature on a function call part. */
    record Call(String id, String name, JsonNode args, Optional<String> signature) implements Block {
    }

    /** Why the answer ended; {@link #STOP_SEQUENCE} stopped on {@link Cases#MATCHED_STOP}. */
    enum Finish { END_TURN, TOOL_USE, MAX_TOKENS, CONTENT_FILTER, STOP_SEQUENCE }

    static Turn text(String text, Usage usage) {
        return new Turn(List.of(new Said(text)), Finish.END_TURN, usage);
    }

    static Turn finished(String text, Finish finish) {
        return new Turn(List.of(new Said(text)), finish, Cases.SMALL_USAGE);
    }

    static Turn calls(List<Call> calls, Usage usage) {
        return new Turn(List.copyOf(calls), Finish.TOOL_USE, usage);
    }

    List<Call> toolCalls() {
        List<Call> calls = new ArrayList<>();
        blocks.forEach(block -> {
            if (block instanceof Call call) {
                calls.add(call);
            }
        });
        return calls;
    }

    List<Thought> thoughts() {
        List<Thought> thoughts = new ArrayList<>();
        blocks.forEach(block -> {
            if (block instanceof Thought thought) {
                thoughts.add(thought);
            }
        });
        return thoughts;
    }

    /** The text of the answer, its text blocks joined. */
    String text() {
        StringBuilder text = new StringBuilder();
        blocks.forEach(block -> {
            if (block instanceof Said said) {
                text.append(said.text());
            }
        });
        return text.toString();
    }

    /** {@code text} in about {@code n} pieces, cut mid-word as providers stream it. */
    static List<String> pieces(String text, int n) {
        List<String> pieces = new ArrayList<>();
        int size = Math.max(1, (text.length() + n - 1) / n);
        for (int i = 0; i < text.length(); i += size) {
            pieces.add(text.substring(i, Math.min(text.length(), i + size)));
        }
        return pieces;
    }
}
