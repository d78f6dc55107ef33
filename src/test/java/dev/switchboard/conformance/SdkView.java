package dev.switchboard.conformance;

import dev.switchboard.conformance.Cases.Thinking;
import dev.switchboard.conformance.Cases.ToolCall;
import dev.switchboard.conformance.Cases.Usage;
import java.util.List;
import java.util.Optional;

/**
 * What a format's official SDK made of an answer: its typed reading of the text, calls, thinking,
 * stop reason and usage, or the typed error it raised (status, and the message it read).
 */
record SdkView(String text, List<ToolCall> calls, List<Thinking> thinking, String stop, Optional<Usage> usage,
               Optional<Failure> failure) {

    SdkView {
        calls = List.copyOf(calls);
        thinking = List.copyOf(thinking);
    }

    /** A typed error: its HTTP status (an error event in a stream has its own) and message. */
    record Failure(String type, int status, String message) {
    }

    static SdkView failed(String type, int status, String message) {
        return new SdkView("", List.of(), List.of(), "", Optional.empty(), Optional.of(new Failure(type, status,
                message)));
    }
}
