package dev.switchboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.conformance.Run.Answered;
import dev.switchboard.conformance.Run.Exchange;
import java.util.Map;

/**
 * The check of headers: the caller's beta header reaches a provider of the caller's own format
 * (and no other), and the provider's request id and rate-limit headers come back to a caller who
 * reads them under those names.
 */
final class Headers {

    private Headers() {
    }

    static void check(Run run) {
        Map<String, String> sent = run.surface().formatHeaders();
        Exchange exchange = run.call(run.surface().path(run.kind().endpoint(), run.mode().stream()),
                run.surface().request(run.kind().endpoint(), run.ask()), sent,
                Replies.withHeaders(run.kind().reply(Turn.text(Cases.ANSWER, Cases.SMALL_USAGE), run.mode()),
                        run.kind().answerHeaders()));
        Answered answered = run.answered(exchange);

        sent.forEach((name, value) -> {
            if (name.toLowerCase().endsWith("-beta")) {
                assertThat(answered.sent().header(name)).as("%s sent to the provider", name)
                        .isEqualTo(run.passThrough() ? java.util.Optional.of(value) : java.util.Optional.empty());
            }
        });
        run.kind().answerHeaders().forEach((name, value) -> {
            if (run.declared().loses(Loss.PROVIDER_HEADERS_NOT_RELAYED)
                    || run.declared().loses(Loss.TRANSLATED_HEADERS_NOT_RELAYED)) {
                assertThat(exchange.answer().header(name)).as("%s relayed", name).isEmpty();
            } else {
                assertThat(exchange.answer().header(name)).as("%s relayed", name).hasValue(value);
            }
        });
    }
}
