package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.SelectOption;
import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Budgets page (#/gateway/budgets) in a real browser against a real gateway: budgets made and
 * changed there are checked in what the API stores and in the next calls through the gateway, whose
 * cost (priced by the catalog, answered by a fake OpenAI) moves the spend bar. Each test starts with
 * no budget.
 */
class BudgetsBrowserTest {

    private static final String ENDPOINT = "support-chat";
    private static final String VIEWER = "budget-viewer";
    private static final String VIEWER_PASSWORD = "a-long-enough-password";

    @TempDir
    static Path dir;
    static UiFixture ui;
    /** Receives the ALERT budget's webhook calls. */
    static FakeUpstream hook;
    static String endpointId;

    Page page;

    @BeforeAll
    static void start() {
        ui = UiFixture.start(dir);
        // Each call: 1,000 prompt and 500 completion tokens of gpt-4o-mini, $0.00045 at the catalog's prices.
        FakeUpstream openai = ui.upstream(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", "hi", 1000, 500)));
        hook = ui.upstream(Reply.json("{}"));
        String key = ui.openAiKey("budgets-openai", "sk-budgets-secret-0001", openai);
        endpointId = ui.endpoint(ENDPOINT, UiFixture.primary(ui.definition("budgets-mini", key, "openai", "gpt-4o-mini")));
        ui.user(VIEWER, VIEWER_PASSWORD, false);
    }

    @AfterAll
    static void stop() {
        ui.close();
    }

    @BeforeEach
    void noBudgets() {
        for (JsonNode b : ui.api("GET", "budgets/list").json().path("budget_policies")) {
            TestGateway.Response deleted = ui.api("DELETE", "budgets/delete",
                    "{\"budget_policy_id\": \"" + b.path("budget_policy_id").asText() + "\"}");
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        }
    }

    @AfterEach
    void closePage() {
        if (page != null) {
            page.context().close();
        }
    }

    @Test
    void anAdminCreatesBudgetsWatchesTheirSpendEditsThemReadsTheirHistoryAndDeletesThem() {
        page = ui.open();
        page.navigate("/#/gateway");
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Gateway"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Budgets").setExact(true)).click();
        assertThat(Forms.heading(page, "Budgets")).isFocused();
        assertThat(page).hasURL(Pattern.compile("#/gateway/budgets$"));
        assertThat(page).hasTitle("Budgets · Switchboard");
        Locator empty = page.locator(".empty-state");
        assertThat(empty).containsText("No budgets yet");
        assertThat(empty).containsText("docs/limits.md");
        Browser.screenshot(page, "budgets-empty");

        // A REJECT budget of $0.001 a day (Paris days) on the endpoint. The form asks for what it needs
        // first, then shows the gateway's own refusal at the field it names.
        Forms.button(page, "Create budget").click();
        Locator dialog = Forms.dialog(page, "Create budget");
        Locator amount = dialog.getByLabel(Pattern.compile("^Amount \\(US dollars\\)"));
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create budget")).click();
        Locator summary = Forms.errorSummary(page);
        assertThat(summary).containsText("Enter an amount in US dollars");
        assertThat(summary).isFocused();
        dialog.getByRole(AriaRole.RADIO, new Locator.GetByRoleOptions().setName(Pattern.compile("^One endpoint")))
                .check();
        assertThat(summary).containsText("Choose the endpoint the budget counts");
        Locator target = dialog.getByLabel(Pattern.compile("^Endpoint\\W*$"));
        target.selectOption(new SelectOption().setLabel(ENDPOINT));
        amount.fill("0");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create budget")).click();
        String refusal = "Invalid value: budget_amount must be more than 0 and at most 9000000000 (US dollars)";
        assertThat(Forms.errorOf(page, amount)).hasText(refusal);
        assertThat(summary).containsText(refusal);
        Axe.assertNoSeriousViolation(page, "Create budget refused by the gateway");
        Browser.screenshot(page, "budgets-create-error");
        amount.fill("0.001");
        assertThat(amount).not().hasAttribute("aria-invalid", "true");
        assertThat(summary).isHidden();
        assertThat(dialog.getByLabel("Window length")).hasValue("1");
        assertThat(dialog.getByLabel("Window unit")).hasValue("DAYS");
        dialog.getByLabel(Pattern.compile("^Time zone")).fill("Europe/Paris");
        assertThat(dialog.getByRole(AriaRole.RADIO, new Locator.GetByRoleOptions().setName(Pattern.compile("^Reject"))))
                .isChecked();
        Browser.screenshot(page, "budgets-create");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create budget")).click();
        assertThat(dialog).isHidden();

        Locator onEndpoint = card(ENDPOINT);
        assertThat(onEndpoint).containsText("Endpoint");
        assertThat(onEndpoint).containsText("$0.001");
        assertThat(onEndpoint).containsText("1 day, Europe/Paris");
        assertThat(onEndpoint).containsText("Reject calls");
        assertThat(onEndpoint).containsText("$0.00 of $0.001");
        assertThat(onEndpoint.locator(".budget-spend-pct")).hasText("0%");
        assertThat(onEndpoint).containsText("Resets");
        JsonNode stored = onlyBudget(b -> b.path("target_scope").asText().equals("ENDPOINT"));
        assertThat(stored.path("target_value").asText()).isEqualTo(endpointId);
        assertThat(stored.path("budget_amount").asDouble()).isEqualTo(0.001);
        assertThat(stored.path("duration").path("unit").asText()).isEqualTo("DAYS");
        assertThat(stored.path("duration").path("value").asInt()).isEqualTo(1);
        assertThat(stored.path("time_zone").asText()).isEqualTo("Europe/Paris");
        assertThat(stored.path("budget_action").asText()).isEqualTo("REJECT");
        String endpointBudget = stored.path("budget_policy_id").asText();

        // An ALERT budget of $0.001 a day (UTC) on the whole gateway, with a signed webhook.
        Forms.button(page, "Create budget").click();
        dialog = Forms.dialog(page, "Create budget");
        dialog.getByLabel(Pattern.compile("^Amount \\(US dollars\\)")).fill("0.001");
        dialog.getByRole(AriaRole.RADIO, new Locator.GetByRoleOptions().setName(Pattern.compile("^Alert"))).check();
        dialog.getByLabel("Webhook URL").fill(hook.baseUrl() + "/budget-alerts");
        dialog.getByLabel("Webhook signing secret").fill("a-signing-secret-for-budget-alerts");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create budget")).click();
        assertThat(dialog).isHidden();
        Locator global = card("Whole gateway");
        assertThat(global).containsText("1 day, UTC");
        assertThat(global).containsText("Alert the webhook");
        JsonNode alerting = onlyBudget(b -> b.path("target_scope").asText().equals("GLOBAL"));
        assertThat(alerting.path("webhook_url").asText()).isEqualTo(hook.baseUrl() + "/budget-alerts");
        assertThat(alerting.path("has_webhook_secret").asBoolean()).isTrue();
        assertThat(alerting.toString()).doesNotContain("a-signing-secret-for-budget-alerts");
        String globalBudget = alerting.path("budget_policy_id").asText();
        Axe.assertNoSeriousViolation(page, "two budgets");

        // Two calls: $0.0009, 90% of each budget, close to the amount.
        call(200);
        call(200);
        awaitSpend(endpointBudget, 0.0009);
        awaitSpend(globalBudget, 0.0009);
        Forms.button(page, "Refresh").click();
        assertThat(onEndpoint).containsText("$0.0009 of $0.001");
        assertThat(onEndpoint.locator(".budget-spend-pct")).hasText("90%");
        Locator meter = onEndpoint.getByRole(AriaRole.METER);
        assertThat(meter).hasAttribute("aria-valuenow", "90");
        assertThat(meter).hasAttribute("aria-valuetext", "90%, $0.0009 of $0.001");
        assertThat(onEndpoint.locator(".budget-spend")).hasClass(Pattern.compile("budget-spend-near"));
        assertThat(global.locator(".budget-spend-pct")).hasText("90%");
        Browser.screenshot(page, "budgets");

        // The third call crosses both amounts and completes; the REJECT budget refuses the next one,
        // and the ALERT budget calls its webhook once, signed.
        call(200);
        call(429);
        Recorded alert = hook.awaitRequests(1, Duration.ofSeconds(15)).getFirst();
        assertThat(alert.path()).isEqualTo("/budget-alerts");
        assertThat(alert.bodyJson().path("data").path("budget_policy_id").asText()).isEqualTo(globalBudget);
        assertThat(alert.header("X-MLflow-Signature")).isPresent();
        awaitCurrentWindow(globalBudget, w -> w.has("alerted_at_ms"));
        Forms.button(page, "Refresh").click();
        assertThat(onEndpoint).containsText("$0.00135 of $0.001");
        assertThat(onEndpoint.locator(".budget-spend-pct")).hasText("135%");
        assertThat(meter).hasAttribute("aria-valuenow", "100");
        assertThat(onEndpoint.locator(".budget-spend")).hasClass(Pattern.compile("budget-spend-reached"));
        assertThat(onEndpoint).containsText("Reached: calls are refused until the window resets.");
        assertThat(global).containsText("Reached: alert sent");
        Browser.screenshot(page, "budgets-reached");

        // Raising the endpoint's amount to $0.003: 45%, and calls pass again at once.
        onEndpoint.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Edit "))).click();
        dialog = Forms.dialog(page, "Edit budget");
        amount = dialog.getByLabel(Pattern.compile("^Amount \\(US dollars\\)"));
        assertThat(amount).hasValue("0.001");
        assertThat(dialog.getByLabel(Pattern.compile("^Endpoint\\W*$"))).hasValue(endpointId);
        assertThat(dialog.getByLabel(Pattern.compile("^Time zone"))).hasValue("Europe/Paris");
        amount.fill("0.003");
        Browser.screenshot(page, "budgets-edit");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save budget")).click();
        assertThat(dialog).isHidden();
        assertThat(onEndpoint).containsText("$0.00135 of $0.003");
        assertThat(onEndpoint.locator(".budget-spend-pct")).hasText("45%");
        assertThat(onEndpoint.locator(".budget-spend")).hasClass(Pattern.compile("budget-spend-ok"));
        assertThat(onEndpoint).not().containsText("Reached");
        assertThat(budget(endpointBudget).path("budget_amount").asDouble()).isEqualTo(0.003);
        call(200);

        // A new window length starts a new window: the day's window, with its spend and its alert,
        // becomes history.
        global.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Edit "))).click();
        dialog = Forms.dialog(page, "Edit budget");
        dialog.getByLabel("Window unit").selectOption("HOURS");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save budget")).click();
        assertThat(dialog).isHidden();
        assertThat(global).containsText("1 hour, UTC");
        assertThat(global).containsText("$0.00 of $0.001");
        awaitWindows(globalBudget, windows -> windows.size() == 2
                && windows.get(1).path("current_spend").asDouble() == 0.0018);
        Locator history = global.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName(Pattern.compile("^History ")));
        assertThat(history).hasAttribute("aria-expanded", "false");
        history.click();
        assertThat(history).hasAttribute("aria-expanded", "true");
        Locator rows = global.getByRole(AriaRole.TABLE).locator("tbody tr");
        assertThat(rows).hasCount(2);
        assertThat(rows.nth(0)).containsText("(current)");
        assertThat(rows.nth(0)).containsText("$0.00");
        assertThat(rows.nth(0)).containsText("Not reached");
        assertThat(rows.nth(1)).containsText("$0.0018");
        assertThat(rows.nth(1)).containsText("180%");
        assertThat(rows.nth(1)).containsText("Sent ");
        Axe.assertNoSeriousViolation(page, "a budget's history");
        Browser.screenshot(page, "budgets-history");

        // Deleting: the endpoint's budget, then the gateway's; the page explains budgets again.
        onEndpoint.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Delete ")))
                .click();
        Locator confirm = Forms.dialog(page, "Delete budget");
        assertThat(confirm).containsText(ENDPOINT);
        confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete budget")).click();
        assertThat(confirm).isHidden();
        assertThat(onEndpoint).hasCount(0);
        assertThat(Forms.heading(page, "Budgets")).isFocused();
        assertThat(ui.api("GET", "budgets/get?budget_policy_id=" + endpointBudget).status()).isEqualTo(404);
        global.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Delete "))).click();
        Forms.dialog(page, "Delete budget").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Delete budget")).click();
        assertThat(page.locator(".empty-state")).containsText("No budgets yet");
        assertThat(ui.api("GET", "budgets/list").json().path("budget_policies").size()).isZero();
    }

    @Test
    void aUserWhoIsNotAnAdminReadsTheBudgetsButCannotChangeThem() {
        String id = created("""
                {"budget_amount": 5, "duration": {"unit": "MONTHS", "value": 1}, "target_scope": "ENDPOINT",
                 "target_value": "%s", "budget_action": "REJECT"}""".formatted(endpointId));

        page = ui.openAs(VIEWER, VIEWER_PASSWORD);
        page.navigate("/#/gateway/budgets");
        assertThat(Forms.heading(page, "Budgets")).isVisible();
        // The viewer may not read the endpoint: the budget names it by its id.
        Locator budget = card(endpointId);
        assertThat(budget).containsText("$5.00");
        assertThat(budget).containsText("1 month, UTC");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Only admins can create or change budgets.");
        assertThat(Forms.button(page, "Create budget")).hasCount(0);
        assertThat(budget.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^(Edit|Delete) "))))
                .hasCount(0);
        budget.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^History "))).click();
        assertThat(budget.getByRole(AriaRole.TABLE).locator("tbody tr")).hasCount(1);
        Axe.assertNoSeriousViolation(page, "the Budgets page of a user who is not an admin");
        Browser.screenshot(page, "budgets-read-only");
        assertThat(budget(id).path("budget_amount").asDouble()).isEqualTo(5.0);
    }

    @Test
    void onAPhoneTheBudgetsFitTheScreen() {
        ui.gatewayKey("budgets-phone-app", endpointId);
        String keyId = StreamSupport.stream(ui.api("GET", "gateway-keys/list").json().path("gateway_keys").spliterator(),
                        false)
                .filter(k -> k.path("name").asText().equals("budgets-phone-app"))
                .findFirst().orElseThrow().path("key_id").asText();
        created("""
                {"budget_amount": 2000, "duration": {"unit": "MONTHS", "value": 1}, "target_scope": "GLOBAL",
                 "budget_action": "ALERT"}""");
        created("""
                {"budget_amount": 0.0015, "duration": {"unit": "DAYS", "value": 1}, "time_zone": "Europe/Paris",
                 "target_scope": "ENDPOINT", "target_value": "%s", "budget_action": "REJECT"}""".formatted(endpointId));
        created("""
                {"budget_amount": 25, "duration": {"unit": "WEEKS", "value": 1}, "target_scope": "USER",
                 "target_value": "%s", "budget_action": "REJECT"}""".formatted(VIEWER));
        created("""
                {"budget_amount": 10, "duration": {"unit": "HOURS", "value": 6}, "target_scope": "GATEWAY_KEY",
                 "target_value": "%s", "budget_action": "REJECT"}""".formatted(keyId));
        call(200);
        call(200);
        call(200);

        page = ui.open(Screens.Size.PHONE.width, Screens.Size.PHONE.height);
        page.navigate("/#/gateway/budgets");
        assertThat(page.locator(".budget-card")).hasCount(4);
        assertThat(card("budgets-phone-app")).containsText("6 hours, UTC");
        assertThat(card(VIEWER)).containsText("1 week, UTC");
        Locator onEndpoint = card(ENDPOINT);
        assertThat(onEndpoint.locator(".budget-spend-pct")).hasText("90%");
        assertThat(onEndpoint).containsText("$0.00135 of $0.0015");
        Geometry.assertNoSidewaysScroll(page, "the Budgets page on a phone");
        Geometry.assertControlsInsideTheWidth(page.getByRole(AriaRole.MAIN), "the Budgets page on a phone");
        Geometry.assertControlsTouchSized(page.locator(".budget-list"), "the budgets' buttons on a phone");
        Axe.assertNoSeriousViolation(page, "the Budgets page on a phone");
        Browser.screenshot(page, "budgets-phone");

        onEndpoint.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^History ")))
                .click();
        assertThat(onEndpoint.getByRole(AriaRole.TABLE)).isVisible();
        Geometry.assertNoSidewaysScroll(page, "a budget's history on a phone");

        Forms.button(page, "Create budget").click();
        Locator dialog = Forms.dialog(page, "Create budget");
        assertThat(dialog).isVisible();
        BoundingBox box = dialog.boundingBox();
        assertThat(box.x).isGreaterThanOrEqualTo(0);
        assertThat(box.x + box.width).isLessThanOrEqualTo(Screens.Size.PHONE.width);
        Geometry.assertNoSidewaysScroll(page, "Create budget on a phone");
        Geometry.assertControlsInsideTheWidth(dialog, "Create budget on a phone");
        Axe.assertNoSeriousViolation(page, "Create budget on a phone");
        Browser.screenshot(page, "budgets-create-phone");
    }

    // ---- Helpers ----

    /** The budget's card whose heading shows {@code name}. */
    private Locator card(String name) {
        return page.locator(".budget-card").filter(new Locator.FilterOptions()
                .setHas(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name))));
    }

    /** A call through the endpoint, answered with {@code status}. */
    private static void call(int status) {
        var answer = ui.invoke(ENDPOINT);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    }

    /** Creates a budget over the API; its id. */
    private static String created(String json) {
        TestGateway.Response response = ui.api("POST", "budgets/create", json);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.text("/budget_policy/budget_policy_id");
    }

    private static JsonNode budget(String id) {
        TestGateway.Response response = ui.api("GET", "budgets/get?budget_policy_id=" + id);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("budget_policy");
    }

    /** The one stored budget that {@code matches}. */
    private static JsonNode onlyBudget(Predicate<JsonNode> matches) {
        var found = StreamSupport.stream(ui.api("GET", "budgets/list").json().path("budget_policies").spliterator(),
                false).filter(matches).toList();
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    /** Waits (Playwright's polling) until the budget's current window spent {@code dollars}. */
    private void awaitSpend(String id, double dollars) {
        awaitCurrentWindow(id, w -> Math.abs(w.path("current_spend").asDouble() - dollars) < 1e-12);
    }

    private void awaitCurrentWindow(String id, Predicate<JsonNode> done) {
        page.waitForCondition(() -> done.test(budget(id).path("current_window")),
                new Page.WaitForConditionOptions().setTimeout(15_000));
    }

    /** Waits until the budget's windows (budgets/windows, the current one first) satisfy {@code done}. */
    private void awaitWindows(String id, Predicate<java.util.List<JsonNode>> done) {
        page.waitForCondition(() -> {
            TestGateway.Response response = ui.api("GET", "budgets/windows?budget_policy_id=" + id);
            return response.status() == 200 && done.test(StreamSupport.stream(
                    response.json().path("windows").spliterator(), false).toList());
        }, new Page.WaitForConditionOptions().setTimeout(15_000));
    }
}
