package dev.switchboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.conformance.Cases.CallerError;
import dev.switchboard.conformance.Cases.Seen;
import dev.switchboard.conformance.ConformanceGateway.Answer;
import dev.switchboard.conformance.Run.Exchange;
import java.util.Map;

/** The checks of a provider's errors: before the answer, and in the middle of a stream. */
final class Errors {

    private Errors() {
    }

    /**
     * The provider answers the scenario's status; the caller gets the same status, in its own error
     * shape (the provider's own body on pass-through, else the kind the format gives that status),
     * with the provider's message and (for 429 and the 5xx) its {@code retry-after}; the caller's
     * SDK raises its typed error for that status.
     */
    static void status(Run run) {
        int status = switch (run.scenario()) {
            case ERROR_401 -> 401;
            case ERROR_404 -> 404;
            case ERROR_429 -> 429;
            case ERROR_503 -> 503;
            case ERROR_529 -> 529;
            default -> 400;
        };
        String message = switch (status) {
            case 401 -> Cases.UNAUTHORIZED;
            case 404 -> Cases.NO_SUCH_MODEL;
            case 429 -> Cases.RATE_LIMITED;
            case 503 -> Cases.UNAVAILABLE;
            case 529 -> Cases.OVERLOADED;
            default -> Cases.BAD_REQUEST;
        };
        boolean retry = status == 429 || status >= 500;
        Map<String, String> headers = retry ? Map.of("retry-after", Cases.RETRY_AFTER) : Map.of();
        Exchange exchange = run.call(run.ask(), run.kind().error(status, message, headers));

        CallerError error = run.failed(exchange.answer(), status);
        assertThat(error.message()).contains(message);
        if (!run.passThrough()) {
            run.surface().errorKind(status).ifPresent(kind -> assertThat(error.kind()).isEqualTo(kind));
        }
        if (retry) {
            assertThat(exchange.answer().header("retry-after")).as("retry-after").hasValue(Cases.RETRY_AFTER);
        }
    }

    /** The stream starts with text, then the provider reports an error: the caller gets both. */
    static void midStream(Run run) {
        Answer answer = run.call(run.ask(), run.kind().streamError(Cases.PIECES.subList(0, 2), Cases.MID_STREAM))
                .answer();

        Seen seen = run.failedMidStream(answer);
        assertThat(run.surface().text(seen.message())).isEqualTo(String.join("", Cases.PIECES.subList(0, 2)));
        assertThat(seen.error().orElseThrow().message()).contains(Cases.MID_STREAM);
    }

    /** The provider's connection drops after its first two frames: the caller gets one error event. */
    static void cut(Run run) {
        Answer answer = run.call(run.ask(), Replies.cutAfter(run.kind().reply(Turn.text(Cases.ANSWER,
                Cases.SMALL_USAGE), Mode.STREAM), 2)).answer();

        Seen seen = run.failedMidStream(answer);
        assertThat(Cases.ANSWER).startsWith(run.surface().text(seen.message()));
    }
}
