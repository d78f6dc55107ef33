package dev.switchboard.wire.anthropic;

import dev.switchboard.core.StopReason;
import java.util.Optional;

/**
 * Anthropic's {@code stop_reason} values and {@link StopReason}. {@code refusal} is a content
 * filter; {@code model_context_window_exceeded} is a token limit; {@code pause_turn} (a server-tool
 * loop paused) has no canonical value and reads as the end of the turn, so a codec that must repeat
 * it keeps the original value (see {@link #lossy}). Encoding writes {@code end_turn} for errors and
 * unknown reasons.
 */
final class AnthropicStopReasons {

    private AnthropicStopReasons() {
    }

    static StopReason decode(Optional<String> stopReason) {
        return switch (stopReason.orElse("")) {
            case "end_turn", "pause_turn" -> StopReason.END_TURN;
            case "max_tokens", "model_context_window_exceeded" -> StopReason.MAX_TOKENS;
            case "stop_sequence" -> StopReason.STOP_SEQUENCE;
            case "tool_use" -> StopReason.TOOL_USE;
            case "refusal" -> StopReason.CONTENT_FILTER;
            default -> StopReason.UNKNOWN;
        };
    }

    /** Whether decoding {@code stopReason} loses it, so that encoding would not give it back. */
    static boolean lossy(String stopReason) {
        return !encode(decode(Optional.of(stopReason))).equals(stopReason);
    }

    static String encode(StopReason reason) {
        return switch (reason) {
            case END_TURN, ERROR, UNKNOWN -> "end_turn";
            case MAX_TOKENS -> "max_tokens";
            case STOP_SEQUENCE -> "stop_sequence";
            case TOOL_USE -> "tool_use";
            case CONTENT_FILTER -> "refusal";
        };
    }
}
