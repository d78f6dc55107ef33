package dev.switchboard.conformance;

import static dev.switchboard.conformance.Cases.ANSWER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.conformance.Cases.Usage;
import dev.switchboard.conformance.Run.Answered;
import java.util.List;

/** The checks of how an answer ends: its finish reason and its token counts. */
final class Finishes {

    private Finishes() {
    }

    static void length(Run run) {
        Answered answered = run.answered(run.ask(), Turn.finished("It is sunny in", Turn.Finish.MAX_TOKENS));

        assertThat(answered.seen().stop()).isEqualTo(run.surface().stop(Turn.Finish.MAX_TOKENS));
        assertThat(run.surface().text(answered.message())).isEqualTo("It is sunny in");
    }

    /** The provider's filter withholds the answer: no content, and the filter's finish. */
    static void contentFilter(Run run) {
        Answered answered = run.answered(run.ask(), new Turn(List.of(), Turn.Finish.CONTENT_FILTER,
                Cases.SMALL_USAGE));

        assertThat(answered.seen().stop()).isEqualTo(run.surface().stop(Turn.Finish.CONTENT_FILTER));
        assertThat(run.surface().text(answered.message())).isEmpty();
    }

    static void usage(Run run) {
        Answered answered = run.answered(run.ask(), Turn.text(ANSWER, Cases.USAGE));

        assertThat(answered.seen().usage()).contains(Cases.USAGE);
    }

    /**
     * Cache reads (and, from Anthropic, writes) come back as the caller's format counts them; a
     * format without a field for cache writes still counts them in the prompt tokens.
     */
    static void cachedUsage(Run run) {
        Usage usage = run.kind().cachedUsage();
        Answered answered = run.answered(run.ask(), Turn.text(ANSWER, usage));

        Usage expected = run.declared().loses(Loss.CACHE_WRITES_NOT_TOLD_APART)
                ? new Usage(usage.input(), usage.output(), usage.cacheRead(), 0, usage.reasoning()) : usage;
        assertThat(answered.seen().usage()).contains(expected);
    }

    static void reasoningUsage(Run run) {
        Answered answered = run.answered(run.ask(), Turn.text(ANSWER, Cases.REASONING_USAGE));

        assertThat(answered.seen().usage()).contains(Cases.REASONING_USAGE);
    }
}
