package dev.switchboard.conformance;

import static dev.switchboard.conformance.Cases.ANSWER;
import static dev.switchboard.conformance.Cases.ARGS;
import static dev.switchboard.conformance.Cases.LONDON;
import static dev.switchboard.conformance.Cases.LONDON_RESULT;
import static dev.switchboard.conformance.Cases.RESULT;
import static dev.switchboard.conformance.Cases.THINKING;
import static dev.switchboard.conformance.Cases.TOOL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.conformance.Cases.Ask;
import dev.switchboard.conformance.Cases.Usage;
import dev.switchboard.conformance.Run.Answered;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A conversation of two turns, as agents hold them: the caller asks with a tool and thinking on;
 * the provider thinks (signed, where it signs) and calls the tool twice; the caller appends the
 * answer as it received it (a stream put together as its SDK does) and a result for each call, and
 * asks again. The provider must accept that history under its own documented rules.
 */
final class Continuation {

    /** The signature Gemini 3 puts on a function call's part, which it wants back on that part. */
    static final String CALL_SIGNATURE = "CiQBjz1rX2xJ8Rm4uBc0nq0l3L0t7kq3ZQ5p9x1yTgA1b2c3d4e5";

    private Continuation() {
    }

    static void check(Run run) {
        ProviderKind kind = run.kind();
        Optional<String> callSignature = kind.format() == Format.GEMINI ? Optional.of(CALL_SIGNATURE) : Optional.empty();
        Turn first = new Turn(List.of(new Turn.Thought(THINKING, kind.thinkingSignature(run.surface())),
                new Turn.Call(kind.callId(0), TOOL, ARGS, callSignature),
                new Turn.Call(kind.callId(1), TOOL, LONDON, Optional.empty())), Turn.Finish.TOOL_USE, new Usage(80, 60));
        Ask ask = Ask.withTool(run.mode()).think(Ask.Think.ON);
        Answered asked = run.answered(ask, first);

        String next = run.surface().continuation(asked.exchange().request(), asked.seen(),
                call -> call.args().equals(LONDON) ? LONDON_RESULT : RESULT);
        Answered continued = run.answered(run.call(run.surface().path(kind.endpoint(), run.mode().stream()), next,
                Map.of(), kind.reply(Turn.text(ANSWER, Cases.SMALL_USAGE), run.mode())));

        assertThat(run.surface().text(continued.message())).isEqualTo(ANSWER);
        kind.assertAcceptsHistory(continued.sent(), new ProviderKind.History(first, run.surface().linksCallsById(),
                run.declared().loses(Loss.CALL_SIGNATURE_PLACEHOLDER)));
    }
}
