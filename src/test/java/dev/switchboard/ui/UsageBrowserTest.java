package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Usage page (#/gateway/usage) and an endpoint's Usage tab in a real browser against a real
 * gateway: known calls are made first (upstreams answering with known token counts, to models with
 * catalog prices, one call failing), and the figures the pages show must be those of these calls.
 *
 * <p>"usage-chat" routes to openai gpt-4o-mini ($0.15 in, $0.60 out per 1M tokens) and answers
 * 10 tokens in, 5 out: three calls succeed, the fourth fails upstream. "usage-other" routes to
 * openai gpt-4o ($2.50 in, $10 out per 1M) and answers 12 in, 7 out: two calls succeed.
 */
class UsageBrowserTest {

    // usage-chat: 3 × (10 × 0.15 + 5 × 0.60) / 1M = $0.0000135; usage-other: 2 × (12 × 2.5 + 7 × 10) / 1M = $0.0002.
    private static final String CHAT_COST = "$0.0000135";
    private static final String OTHER_COST = "$0.0002";
    private static final String TOTAL_COST = "$0.0002135";

    @TempDir
    static Path dir;
    static UiFixture ui;
    static String chatId;
    static String otherId;
    static int failedStatus;

    Page page;

    @BeforeAll
    static void start() {
        ui = UiFixture.start(dir);
        FakeUpstream mini = ui.upstream(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", "from mini", 10, 5)));
        FakeUpstream big = ui.upstream(Reply.json(OpenAiBodies.chatCompletion("gpt-4o", "from 4o", 12, 7)));
        String miniKey = ui.openAiKey("usage-mini-key", "sk-usage-mini-0001", mini);
        String bigKey = ui.openAiKey("usage-4o-key", "sk-usage-4o-0001", big);
        chatId = ui.endpoint("usage-chat", UiFixture.primary(ui.definition("usage-mini", miniKey, "openai", "gpt-4o-mini")));
        otherId = ui.endpoint("usage-other", UiFixture.primary(ui.definition("usage-4o", bigKey, "openai", "gpt-4o")));

        for (int i = 0; i < 3; i++) {
            assertThat(ui.invoke("usage-chat").statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(ui.invoke("usage-other").statusCode()).isEqualTo(200);
        }
        // From now on gpt-4o-mini's upstream fails: the last call to usage-chat is an error.
        mini.setDefault(Reply.json(500, OpenAiBodies.error("upstream exploded", "server_error", "boom")));
        HttpResponse<String> failed = ui.invoke("usage-chat");
        failedStatus = failed.statusCode();
        assertThat(failedStatus).as(failed.body()).isGreaterThanOrEqualTo(400);

        awaitRecorded(6);
    }

    /** Records are written asynchronously: waits until usage/calls lists {@code n} calls. */
    private static void awaitRecorded(int n) {
        long deadline = System.currentTimeMillis() + 15_000;
        int seen = -1;
        while (System.currentTimeMillis() < deadline) {
            TestGateway.Response response = ui.api("GET", "usage/calls?limit=500");
            if (response.status() == 200) {
                seen = response.json().path("calls").size();
                if (seen >= n) {
                    return;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("usage/calls listed " + seen + " calls, not " + n);
    }

    @AfterAll
    static void stop() {
        ui.close();
    }

    @BeforeEach
    void openPage() {
        page = ui.open();
    }

    @AfterEach
    void closePage() {
        page.context().close();
    }

    @Test
    void theUsagePageShowsTheCallsMade() {
        page.navigate("/#/gateway");
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Gateway"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Usage")).click();
        assertThat(page).hasURL(Pattern.compile("#/gateway/usage$"));
        assertThat(heading("Usage")).isVisible();
        assertThat(page.locator(".side-nav a[aria-current=page]")).hasText("Usage");

        // Headline figures: 6 calls, 1 failed; 3 × 10 + 2 × 12 tokens in, 3 × 5 + 2 × 7 out.
        assertThat(figure("Requests")).hasText("6");
        assertThat(figure("Error rate")).hasText("17%");
        assertThat(figureNote("Error rate")).hasText("1 error");
        assertThat(figure("Tokens in")).hasText("54");
        assertThat(figure("Tokens out")).hasText("29");
        assertThat(figure("Cost")).hasText(TOTAL_COST);
        for (String chart : new String[] {"Requests and errors", "Latency", "Time to first token", "Tokens", "Cost"}) {
            assertThat(page.getByRole(AriaRole.FIGURE, new Page.GetByRoleOptions().setName(chart).setExact(true))
                    .locator("svg.recharts-surface").first()).isVisible();
        }
        Browser.screenshot(page, "usage");

        // Breakdown by endpoint: the largest cost first.
        Locator byEndpoint = table("Usage by endpoint");
        assertThat(byEndpoint.locator("tbody tr")).hasCount(2);
        assertThat(byEndpoint.locator("tbody tr").nth(0)).containsText("usage-other");
        assertThat(cells(byEndpoint, "usage-other")).hasText(textsOf("2", "0", "24", "14", OTHER_COST));
        assertThat(cells(byEndpoint, "usage-chat")).hasText(textsOf("4", "1", "30", "15", CHAT_COST));
        page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Model")).click();
        assertThat(page).hasURL(Pattern.compile("group=model"));
        Locator byModel = table("Usage by model");
        assertThat(cells(byModel, "openai/gpt-4o-mini")).hasText(textsOf("4", "1", "30", "15", CHAT_COST));
        assertThat(cells(byModel, "openai/gpt-4o")).hasText(textsOf("2", "0", "24", "14", OTHER_COST));
        assertThat(page.getByRole(AriaRole.FIGURE, new Page.GetByRoleOptions().setName("Cost by group"))
                .locator(".recharts-area").first()).isAttached();
        Browser.screenshot(page, "usage-breakdown");

        // Recent calls, newest first: the failed call on top.
        Locator calls = table("Recent calls");
        Locator rows = calls.locator("tr.usage-call");
        assertThat(rows).hasCount(6);
        Locator failedRow = rows.nth(0);
        assertThat(failedRow).containsText("usage-chat");
        assertThat(failedRow).containsText("openai/gpt-4o-mini");
        assertThat(failedRow).containsText(String.valueOf(failedStatus));
        assertThat(rows.filter(new Locator.FilterOptions().setHasText("usage-other"))).hasCount(2);
        // Newest first: the failed call, two to usage-other (12 / 7, $0.0001), three to usage-chat (10 / 5).
        assertThat(rows.nth(1)).containsText("12 / 7");
        assertThat(rows.nth(1)).containsText("$0.0001");
        assertThat(rows.nth(3)).containsText("10 / 5");
        assertThat(rows.nth(3)).containsText("$0.0000045");
        failedRow.getByRole(AriaRole.BUTTON).click();
        Locator detail = page.locator("dl.usage-call-detail");
        assertThat(detail).hasCount(1);
        assertThat(detail).containsText("Error message");
        assertThat(detail).containsText("Price used");
        assertThat(detail).containsText("Status" + failedStatus);
        failedRow.getByRole(AriaRole.BUTTON).click();
        assertThat(detail).hasCount(0);
        rows.nth(3).click();
        assertThat(detail).containsText("input $0.15/1M, output $0.6/1M");
        assertThat(detail).containsText("Cost$0.0000045");
        Browser.screenshot(page, "usage-calls");

        // The CSV download carries the same calls.
        String csvHref = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download CSV"))
                .getAttribute("href");
        assertThat(csvHref).contains("usage/export?").contains("start_time=");
        APIResponse csv = page.request().get(ui.gateway().uri("/" + csvHref).toString());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.text().strip().split("\n")).hasSize(7);
    }

    @Test
    void filtersLiveInTheUrlSoBackAndReloadRestoreThem() {
        page.navigate("/#/gateway/usage");
        assertThat(figure("Requests")).hasText("6");

        page.getByLabel("Endpoint", new Page.GetByLabelOptions().setExact(true))
                .selectOption(new SelectOption().setLabel("usage-chat"));
        assertThat(page).hasURL(Pattern.compile("endpoint_id=" + chatId));
        assertThat(figure("Requests")).hasText("4");
        assertThat(figure("Cost")).hasText(CHAT_COST);
        page.getByLabel("Status", new Page.GetByLabelOptions().setExact(true))
                .selectOption(new SelectOption().setLabel("Failed"));
        assertThat(figure("Requests")).hasText("1");
        assertThat(table("Recent calls").locator("tr.usage-call")).hasCount(1);

        page.goBack();
        assertThat(figure("Requests")).hasText("4");
        page.reload();
        assertThat(figure("Requests")).hasText("4");
        assertThat(page.getByLabel("Endpoint", new Page.GetByLabelOptions().setExact(true))).hasValue(chatId);
        page.goBack();
        assertThat(figure("Requests")).hasText("6");

        // The export follows the filters.
        page.getByLabel("Endpoint", new Page.GetByLabelOptions().setExact(true))
                .selectOption(new SelectOption().setLabel("usage-other"));
        assertThat(figure("Requests")).hasText("2");
        String csvHref = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download CSV"))
                .getAttribute("href");
        assertThat(csvHref).contains("endpoint_id=" + otherId);
        assertThat(page.request().get(ui.gateway().uri("/" + csvHref).toString()).text().strip().split("\n"))
                .hasSize(3);
    }

    @Test
    void theEndpointUsageTabShowsThatEndpointsCallsOnly() {
        page.navigate("/#/gateway/endpoints/" + chatId);
        assertThat(heading("usage-chat")).isVisible();
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Usage")).click();
        assertThat(page).hasURL(Pattern.compile("#/gateway/endpoints/" + chatId + "\\?tab=usage$"));
        assertThat(figure("Requests")).hasText("4");
        assertThat(figure("Error rate")).hasText("25%");
        assertThat(figureNote("Error rate")).hasText("1 error");
        assertThat(figure("Tokens in")).hasText("30");
        assertThat(figure("Tokens out")).hasText("15");
        assertThat(figure("Cost")).hasText(CHAT_COST);
        Locator rows = table("Recent calls").locator("tr.usage-call");
        assertThat(rows).hasCount(4);
        assertThat(rows.nth(0)).containsText(String.valueOf(failedStatus));
        Browser.screenshot(page, "endpoint-usage");

        // Back to the overview, then on to the full dashboard filtered to this endpoint.
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Overview")).click();
        assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Current targets"))).isVisible();
        page.goBack();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("View full dashboard")).click();
        assertThat(page).hasURL(Pattern.compile("#/gateway/usage\\?endpoint_id=" + chatId + "$"));
        assertThat(heading("Usage")).isVisible();
        assertThat(figure("Requests")).hasText("4");
        assertThat(page.getByLabel("Endpoint", new Page.GetByLabelOptions().setExact(true))).hasValue(chatId);
    }

    @Test
    void usageTrackingIsSwitchedOffAndOnFromTheEndpointsUsageTab() {
        page.navigate("/#/gateway/endpoints/" + otherId + "?tab=usage");
        Locator tracking = page.getByLabel("Record this endpoint's calls (usage tracking)");
        assertThat(tracking).isChecked();
        assertThat(page.getByText("Usage tracking is off for this endpoint")).hasCount(0);

        tracking.uncheck();
        assertThat(page.getByText("Usage tracking is off for this endpoint: its calls are not recorded.")).isVisible();
        assertThat(ui.api("GET", "endpoints/get?endpoint_id=" + otherId).json().at("/endpoint/usage_tracking")
                .asBoolean()).isFalse();
        Browser.screenshot(page, "endpoint-usage-tracking-off");

        tracking.check();
        assertThat(page.getByText("Usage tracking is off for this endpoint")).hasCount(0);
        assertThat(ui.api("GET", "endpoints/get?endpoint_id=" + otherId).json().at("/endpoint/usage_tracking")
                .asBoolean()).isTrue();
    }

    @Test
    void aUserWhoIsNotAnAdminSeesTheCallsOfTheEndpointsTheyMayRead() {
        closePage();
        ui.user("carol", "carol-password-0001", false);
        ui.grant(chatId, "carol", "READ");
        page = ui.openAs("carol", "carol-password-0001");
        page.navigate("/#/gateway");
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Gateway"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Usage")).click();
        assertThat(figure("Requests")).hasText("4");
        assertThat(figure("Cost")).hasText(CHAT_COST);
        assertThat(table("Usage by endpoint").locator("tbody tr")).hasCount(1);
        assertThat(table("Recent calls").locator("tr.usage-call")).hasCount(4);
        assertThat(page.getByLabel("Endpoint", new Page.GetByLabelOptions().setExact(true)).locator("option"))
                .hasText(textsOf("All endpoints", "usage-chat"));
    }

    @Test
    void loadMoreFetchesOlderCallsWithTheCursor() {
        // Pages of 4 instead of 50, so that the six calls need a second page.
        page.route("**/usage/calls?**", route -> route.resume(new com.microsoft.playwright.Route.ResumeOptions()
                .setUrl(route.request().url().replace("limit=50", "limit=4"))));
        page.navigate("/#/gateway/usage");
        Locator rows = table("Recent calls").locator("tr.usage-call");
        Locator more = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Load more"));
        assertThat(more).isVisible();
        int first = rows.count();
        assertThat(first).isBetween(1, 5);
        more.click();
        assertThat(rows).hasCount(6);
        assertThat(more).hasCount(0);
        assertThat(page.getByText("6 calls shown")).isVisible();
        // Oldest last: the first call made (to usage-chat, 10 / 5) ends the list.
        assertThat(rows.nth(5)).containsText("usage-chat");
        assertThat(rows.nth(5)).containsText("10 / 5");
    }

    @Test
    void aRangeWithoutCallsSaysHowToMakeOneAndAFailedLoadOffersRetry() {
        // A custom range long before any call.
        page.navigate("/#/gateway/usage?range=custom&from=1000000&to=2000000");
        assertThat(heading("No calls in this range")).isVisible();
        assertThat(page.locator(".empty-state")).containsText("usage tracking off are not recorded");

        page.route("**/usage/summary**", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                .setStatus(400).setContentType("application/json")
                .setBody("{\"error_code\": \"INVALID_PARAMETER_VALUE\", \"message\": \"bad range\"}")));
        page.navigate("/#/gateway/usage?range=7d");
        Locator error = page.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions().setHasText("bad range"));
        assertThat(error).containsText("Usage could not be loaded");
        page.unrouteAll();
        error.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Retry")).click();
        assertThat(figure("Requests")).hasText("6");
    }

    // ---- Helpers ----

    private Locator heading(String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** The value of a headline figure. */
    private Locator figure(String label) {
        return figureBox(label).locator("dd").first();
    }

    private Locator figureNote(String label) {
        return figureBox(label).locator("dd.usage-figure-note");
    }

    private Locator figureBox(String label) {
        return page.locator(".usage-figure").filter(new Locator.FilterOptions()
                .setHas(page.locator("dt").getByText(label, new Locator.GetByTextOptions().setExact(true))));
    }

    private Locator table(String name) {
        return page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** The first five figures of a breakdown row (requests, errors, tokens in, tokens out, cost). */
    private static Locator cells(Locator table, String group) {
        return table.locator("tbody tr").filter(new Locator.FilterOptions()
                .setHas(table.page().locator("th").getByText(group, new Locator.GetByTextOptions().setExact(true))))
                .locator("td:nth-child(-n+6)");
    }

    private static String[] textsOf(String... texts) {
        return texts;
    }
}
