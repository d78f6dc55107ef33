package dev.switchboard.wire.responses;

import dev.switchboard.core.StopReason;
import java.util.Optional;

/**
 * A response's {@code status} and {@code incomplete_details.reason}, and {@link StopReason}. The
 * Responses API says why an answer stopped early ({@code max_output_tokens}, {@code content_filter})
 * and nothing else: a completed answer with a function call stopped for it, any other one ended its
 * turn. Stop sequences and errors are written as completed.
 */
final class ResponsesStopReasons {

    private ResponsesStopReasons() {
    }

    /** Whether an answer that stopped for {@code reason} is {@code incomplete} rather than {@code completed}. */
    static boolean incomplete(StopReason reason) {
        return reason == StopReason.MAX_TOKENS || reason == StopReason.CONTENT_FILTER;
    }

    /** The {@code incomplete_details.reason} of an incomplete answer. */
    static Optional<String> incompleteReason(StopReason reason) {
        return switch (reason) {
            case MAX_TOKENS -> Optional.of("max_output_tokens");
            case CONTENT_FILTER -> Optional.of("content_filter");
            default -> Optional.empty();
        };
    }

    /** The stop reason of a provider's answer: its status, why it is incomplete, and whether it called a function. */
    static StopReason decode(String status, Optional<String> incompleteReason, boolean calledFunction) {
        return switch (status) {
            case "completed" -> calledFunction ? StopReason.TOOL_USE : StopReason.END_TURN;
            case "incomplete" -> switch (incompleteReason.orElse("")) {
                case "max_output_tokens" -> StopReason.MAX_TOKENS;
                case "content_filter" -> StopReason.CONTENT_FILTER;
                default -> StopReason.UNKNOWN;
            };
            case "failed" -> StopReason.ERROR;
            default -> StopReason.UNKNOWN;
        };
    }
}
