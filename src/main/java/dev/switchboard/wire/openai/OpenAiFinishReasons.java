package dev.switchboard.wire.openai;

import dev.switchboard.core.StopReason;
import java.util.Optional;

/**
 * OpenAI's {@code finish_reason} values and {@link StopReason}. OpenAI does not tell a stop sequence
 * from a natural end ({@code stop} for both), nor has a value for errors, so those map to
 * {@code stop}; legacy {@code function_call} reads as a tool call.
 */
final class OpenAiFinishReasons {

    private OpenAiFinishReasons() {
    }

    static StopReason decode(Optional<String> finishReason) {
        return switch (finishReason.orElse("")) {
            case "stop", "eos", "end_turn" -> StopReason.END_TURN;
            case "length" -> StopReason.MAX_TOKENS;
            case "tool_calls", "function_call" -> StopReason.TOOL_USE;
            case "content_filter" -> StopReason.CONTENT_FILTER;
            case "error" -> StopReason.ERROR;
            default -> StopReason.UNKNOWN;
        };
    }

    static String encode(StopReason reason) {
        return switch (reason) {
            case END_TURN, STOP_SEQUENCE, ERROR, UNKNOWN -> "stop";
            case MAX_TOKENS -> "length";
            case TOOL_USE -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
        };
    }
}
