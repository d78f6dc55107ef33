package dev.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** axe-core run on what a page shows now: the browser tests' accessibility check. */
final class Axe {

    /** The impacts that fail a test; "moderate" and "minor" are reported by axe but tolerated. */
    private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");

    private Axe() {
    }

    /** No violation of impact "serious" or "critical" on the page as it is; the failure names each rule and element. */
    static void assertNoSeriousViolation(Page page, String where) {
        AxeResults results = new AxeBuilder(page).analyze();
        assertThat(results.isErrored()).as("axe ran on %s: %s", where, results.getErrorMessage()).isFalse();
        List<Rule> serious = results.getViolations().stream()
                .filter(rule -> FAILING_IMPACTS.contains(rule.getImpact()))
                .toList();
        assertThat(serious).as("axe on %s:%n%s", where, describe(serious)).isEmpty();
    }

    /** Each violation: its rule, impact and help, and up to five of the elements, by selector and HTML. */
    static String describe(List<Rule> rules) {
        return rules.stream().map(rule -> "- " + rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp()
                + rule.getNodes().stream().limit(5).map(Axe::describe).collect(Collectors.joining()))
                .collect(Collectors.joining("\n"));
    }

    private static String describe(CheckedNode node) {
        String html = node.getHtml();
        return "\n    " + node.getTarget() + " " + (html.length() > 200 ? html.substring(0, 200) + "…" : html);
    }
}
