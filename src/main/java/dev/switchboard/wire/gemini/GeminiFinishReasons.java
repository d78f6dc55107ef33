package dev.switchboard.wire.gemini;

import dev.switchboard.core.StopReason;
import java.util.Optional;

/**
 * Gemini's {@code finishReason} values and {@link StopReason}. Gemini says {@code STOP} both for a
 * natural end and for a matched stop sequence, and also when the model called functions: the codec
 * reports {@link StopReason#TOOL_USE} when the candidate holds a function call. Every filter
 * ({@code SAFETY}, {@code RECITATION}, {@code BLOCKLIST}, {@code PROHIBITED_CONTENT}, {@code SPII},
 * the image ones) is a content filter; a malformed or unexpected tool call and an unsupported
 * language are errors; {@code OTHER} and unknown values are unknown.
 */
final class GeminiFinishReasons {

    private GeminiFinishReasons() {
    }

    static StopReason decode(Optional<String> finishReason, boolean calledTools) {
        return switch (finishReason.orElse("")) {
            case "STOP" -> calledTools ? StopReason.TOOL_USE : StopReason.END_TURN;
            case "MAX_TOKENS" -> StopReason.MAX_TOKENS;
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
                 "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION", "MODEL_ARMOR" -> StopReason.CONTENT_FILTER;
            case "MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS", "LANGUAGE" -> StopReason.ERROR;
            default -> StopReason.UNKNOWN;
        };
    }

    /** {@code UNKNOWN} is written as {@code STOP} (as the OpenAI codec writes {@code stop}). */
    static String encode(StopReason reason) {
        return switch (reason) {
            case END_TURN, STOP_SEQUENCE, TOOL_USE, UNKNOWN -> "STOP";
            case MAX_TOKENS -> "MAX_TOKENS";
            case CONTENT_FILTER -> "SAFETY";
            case ERROR -> "OTHER";
        };
    }
}
