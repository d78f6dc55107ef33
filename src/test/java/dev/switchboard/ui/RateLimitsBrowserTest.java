package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate limits in a real browser against a real gateway: an endpoint's default and a user's own limit
 * added, changed and deleted on the endpoint's page, checked where they matter (the calls through
 * the gateway that are let through or answered 429, and what the page says is left of the minute);
 * a gateway key's own limit on the Gateway keys page; the same card read-only for a user who may
 * only read the endpoint, and on a phone. Each test has its own endpoint, so its limits are its own.
 */
class RateLimitsBrowserTest {

    private static final String ALICE_PASSWORD = "alice-password-0001";

    @TempDir
    static Path dir;
    static UiFixture ui;
    static FakeUpstream upstream;
    static String openAiKey;

    Page page;

    @BeforeAll
    static void start() {
        ui = UiFixture.start(dir);
        // 10 tokens in and 5 out: 15 a call.
        upstream = ui.upstream(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", "limited answer", 10, 5)));
        openAiKey = ui.openAiKey("rl-openai", "sk-test-rate-limits", upstream);
        ui.user("rl-alice", ALICE_PASSWORD, false);
    }

    @AfterAll
    static void stop() {
        ui.close();
    }

    @AfterEach
    void closePage() {
        if (page != null) {
            page.context().close();
        }
    }

    @Test
    void anAdminSetsTheDefaultAndAUsersOwnAndSeesWhatIsLeftOfTheMinute() {
        String id = endpoint("rl-chat");
        ui.grant(id, "rl-alice", "USE");
        page = ui.open();
        page.navigate("/#/gateway/endpoints/" + id);
        Locator card = card();
        assertThat(card).containsText("No rate limits: calls are not limited.");

        // Nothing entered: said at the field and in the summary, and nothing is stored.
        button("Add rate limit").click();
        Locator dialog = Forms.dialog(page, "Add rate limit");
        Locator appliesTo = dialog.getByLabel("Applies to");
        assertThat(appliesTo).isFocused();
        appliesTo.selectOption(new SelectOption().setLabel("Everyone else (the endpoint's default)"));
        submit(dialog, "Add rate limit");
        Locator requests = dialog.getByLabel("Requests per minute");
        assertThat(Forms.errorSummary(page)).containsText("Enter requests per minute, tokens per minute, or both");
        assertThat(Forms.errorOf(page, requests)).hasText("Enter requests per minute, tokens per minute, or both");
        assertThat(limits(id)).isEmpty();

        // An amount the gateway refuses: its own message, at the field it names.
        requests.fill("2000000000000");
        assertThat(Forms.errorSummary(page)).hasCount(0);
        submit(dialog, "Add rate limit");
        assertThat(Forms.errorSummary(page)).containsText("queries_per_minute must be a whole number from 1 to");
        assertThat(Forms.errorOf(page, requests)).containsText("queries_per_minute must be a whole number");
        Browser.screenshot(page, "rate-limits-error");
        assertThat(limits(id)).isEmpty();
        Axe.assertNoSeriousViolation(page, "the Add rate limit dialog with an error");

        requests.fill("2");
        dialog.getByLabel("Tokens per minute").fill("1,000");
        submit(dialog, "Add rate limit");
        assertThat(dialog).isHidden();
        assertThat(card.getByRole(AriaRole.STATUS))
                .hasText("Rate limit added for Everyone else: 2 requests and 1,000 tokens a minute.");
        Locator everyone = row("Everyone else");
        assertThat(everyone).containsText("The endpoint's default");
        assertThat(everyone).containsText("2 of 2 requests left");
        assertThat(everyone).containsText("1,000 of 1,000 tokens left");
        JsonNode stored = limits(id).get(0);
        assertThat(stored.path("queries_per_minute").asLong()).isEqualTo(2);
        assertThat(stored.path("tokens_per_minute").asLong()).isEqualTo(1000);
        assertThat(stored.has("username") || stored.has("key_id")).isFalse();

        // Two calls fit in the minute, and the page says what is left after each; the third gets 429.
        assertThat(chat("rl-chat", ui.adminHeaders()).statusCode()).isEqualTo(200);
        button("Refresh rate limits").click();
        assertThat(everyone).containsText("1 of 2 requests left");
        assertThat(chat("rl-chat", ui.adminHeaders()).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = chat("rl-chat", ui.adminHeaders());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("Rate limit exceeded: 2 queries per minute for the endpoint");
        assertThat(refused.headers().firstValue("retry-after")).isPresent();
        assertThat(refused.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        // Tokens count as calls end: 2 × 15. A reload shows both figures.
        page.waitForCondition(() -> limits(id).get(0).at("/current_minute/tokens/remaining").asLong() == 970);
        page.reload();
        assertThat(everyone).containsText("0 of 2 requests left");
        assertThat(everyone).containsText("970 of 1,000 tokens left");
        assertThat(everyone.locator(".rate-limit-spent")).hasText("0 of 2 requests left");

        // alice, with a limit of her own, is not held back by the spent default.
        assertThat(chat("rl-chat", alice()).statusCode()).isEqualTo(429);
        button("Add rate limit").click();
        dialog = Forms.dialog(page, "Add rate limit");
        assertThat(dialog.getByLabel("Applies to").locator("option", new Locator.LocatorOptions()
                .setHasText("Everyone else"))).hasCount(0);
        dialog.getByLabel("Applies to").selectOption(new SelectOption().setLabel("rl-alice"));
        dialog.getByLabel("Requests per minute").fill("10");
        submit(dialog, "Add rate limit");
        assertThat(dialog).isHidden();
        assertThat(chat("rl-chat", alice()).statusCode()).isEqualTo(200);

        button("Refresh rate limits").click();
        Locator aliceRow = row("rl-alice");
        assertThat(aliceRow).containsText("User");
        assertThat(aliceRow).containsText("No limit");
        assertThat(aliceRow).containsText("9 of 10 requests left");
        // The default is listed first.
        assertThat(card.getByRole(AriaRole.ROW).nth(1)).containsText("Everyone else");
        Browser.screenshot(page, "rate-limits-endpoint");
        Axe.assertNoSeriousViolation(page, "the endpoint page with rate limits");

        // Edit alice's: more requests, and tokens too.
        button("Edit the rate limit for rl-alice").click();
        dialog = Forms.dialog(page, "Edit rate limit");
        assertThat(dialog).containsText("The rate limit for rl-alice on rl-chat.");
        assertThat(dialog.getByLabel("Requests per minute")).hasValue("10");
        assertThat(dialog.getByLabel("Tokens per minute")).hasValue("");
        dialog.getByLabel("Requests per minute").fill("20");
        dialog.getByLabel("Tokens per minute").fill("5000");
        Browser.screenshot(page, "rate-limits-edit");
        Axe.assertNoSeriousViolation(page, "the Edit rate limit dialog");
        submit(dialog, "Save rate limit");
        assertThat(dialog).isHidden();
        assertThat(aliceRow).containsText("20");
        assertThat(aliceRow).containsText("5,000");
        JsonNode alices = limitOf(id, "rl-alice");
        assertThat(alices.path("queries_per_minute").asLong()).isEqualTo(20);
        assertThat(alices.path("tokens_per_minute").asLong()).isEqualTo(5000);

        // Emptying an amount removes it; emptying both is refused.
        button("Edit the rate limit for rl-alice").click();
        dialog = Forms.dialog(page, "Edit rate limit");
        dialog.getByLabel("Requests per minute").fill("");
        dialog.getByLabel("Tokens per minute").fill("");
        submit(dialog, "Save rate limit");
        assertThat(Forms.errorSummary(page)).containsText("Enter requests per minute, tokens per minute, or both");
        dialog.getByLabel("Tokens per minute").fill("4000");
        submit(dialog, "Save rate limit");
        assertThat(dialog).isHidden();
        alices = limitOf(id, "rl-alice");
        assertThat(alices.has("queries_per_minute")).isFalse();
        assertThat(alices.path("tokens_per_minute").asLong()).isEqualTo(4000);
        assertThat(aliceRow).containsText("4,000");

        // Deleted: only the default is left.
        button("Delete the rate limit for rl-alice").click();
        dialog = Forms.dialog(page, "Delete rate limit");
        assertThat(dialog).containsText("Delete the rate limit for rl-alice on rl-chat?");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete rate limit")).click();
        assertThat(dialog).isHidden();
        assertThat(aliceRow).hasCount(0);
        assertThat(card.getByRole(AriaRole.STATUS)).hasText("Rate limit for rl-alice deleted.");
        assertThat(limits(id)).hasSize(1);
    }

    @Test
    void anAdminGivesAGatewayKeyItsOwnLimitOnTheGatewayKeysPage() {
        String id = endpoint("rl-keyed");
        String key = ui.gatewayKey("rl-key-bot", id);
        page = ui.open();
        page.navigate("/#/gateway/gateway-keys");
        Locator keyRow = keyRow("rl-key-bot");
        assertThat(keyRow).containsText("None of its own");

        button("Add limit for rl-key-bot").click();
        Locator dialog = Forms.dialog(page, "Add rate limit for rl-key-bot");
        // The key can call one endpoint only: it is chosen already.
        assertThat(dialog.getByLabel("Endpoint")).hasValue(id);
        dialog.getByLabel("Requests per minute").fill("1");
        dialog.getByLabel("Tokens per minute").fill("5000");
        submit(dialog, "Add rate limit");
        assertThat(dialog).isHidden();
        assertThat(keyRow).containsText("rl-keyed 1 req/min · 5,000 tok/min");
        assertThat(keyRow).not().containsText("None of its own");
        Browser.screenshot(page, "rate-limits-keys");
        Axe.assertNoSeriousViolation(page, "the Gateway keys page with a key's rate limit");

        String keyId = storedKeyId("rl-key-bot");
        JsonNode stored = ui.api("GET", "rate-limits/list?key_id=" + keyId).json().path("rate_limits");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).path("endpoint_id").asText()).isEqualTo(id);
        assertThat(stored.get(0).path("queries_per_minute").asLong()).isEqualTo(1);

        // The key's own limit holds its calls; the admin's own calls have none.
        Map<String, String> withKey = Map.of("Authorization", "Bearer " + key);
        assertThat(chat("rl-keyed", withKey).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = chat("rl-keyed", withKey);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("for gateway key '" + keyId + "'");
        assertThat(chat("rl-keyed", ui.adminHeaders()).statusCode()).isEqualTo(200);

        // The endpoint's page names the key and says it is spent.
        page.navigate("/#/gateway/endpoints/" + id);
        Locator onEndpoint = row("rl-key-bot");
        assertThat(onEndpoint).containsText("Gateway key");
        assertThat(onEndpoint).containsText(Pattern.compile("rl-key-bot \\(sb-\\S+…\\)"));
        assertThat(onEndpoint).containsText("0 of 1 request left");
        page.goBack();

        button("Edit the rate limit of rl-key-bot on rl-keyed").click();
        dialog = Forms.dialog(page, "Edit rate limit");
        assertThat(dialog).containsText("The rate limit for the key rl-key-bot on rl-keyed.");
        dialog.getByLabel("Requests per minute").fill("30");
        submit(dialog, "Save rate limit");
        assertThat(dialog).isHidden();
        assertThat(keyRow).containsText("rl-keyed 30 req/min · 5,000 tok/min");
        assertThat(chat("rl-keyed", withKey).statusCode()).isEqualTo(200);

        button("Delete the rate limit of rl-key-bot on rl-keyed").click();
        Forms.dialog(page, "Delete rate limit").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Delete rate limit")).click();
        assertThat(keyRow).containsText("None of its own");
        assertThat(ui.api("GET", "rate-limits/list?key_id=" + keyId).json().path("rate_limits")).isEmpty();
    }

    @Test
    void aUserWhoMayReadTheEndpointSeesItsLimitsButCannotChangeThem() {
        String id = endpoint("rl-shared");
        ui.user("rl-reader", "reader-password-0001", false);
        ui.grant(id, "rl-reader", "READ");
        createLimit(id, null, 60, 100_000);
        createLimit(id, "rl-alice", 5, null);

        page = ui.openAs("rl-reader", "reader-password-0001");
        page.navigate("/#/gateway/endpoints/" + id);
        Locator card = card();
        assertThat(card).containsText("Only admins change them.");
        assertThat(row("Everyone else")).containsText("60 of 60 requests left");
        assertThat(row("Everyone else")).containsText("100,000 of 100,000 tokens left");
        assertThat(row("rl-alice")).containsText("5 of 5 requests left");
        assertThat(card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add rate limit")))
                .hasCount(0);
        assertThat(card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Edit"))))
                .hasCount(0);
        assertThat(card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Delete"))))
                .hasCount(0);
    }

    @Test
    void onAPhoneEachLimitIsACardAndNothingScrollsSideways() {
        String id = endpoint("rl-phone");
        createLimit(id, null, 120, 200_000);
        createLimit(id, "rl-alice", 10, 20_000);
        assertThat(chat("rl-phone", ui.adminHeaders()).statusCode()).isEqualTo(200);

        page = ui.open(Screens.Size.PHONE.width, Screens.Size.PHONE.height);
        page.navigate("/#/gateway/endpoints/" + id);
        Locator everyone = row("Everyone else");
        assertThat(everyone).containsText("119 of 120 requests left");
        assertThat((String) everyone.evaluate("row => getComputedStyle(row).display")).isEqualTo("grid");
        assertThat(card().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Edit the rate limit for rl-alice"))).isVisible();
        assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
                .as("the page does not scroll sideways").isTrue();
        assertThat((Boolean) page.evaluate("el => el.scrollWidth <= el.clientWidth",
                card().locator("table").elementHandle())).as("the limits fit the card").isTrue();
        card().scrollIntoViewIfNeeded();
        Browser.screenshot(page, "rate-limits-phone");
        Axe.assertNoSeriousViolation(page, "the endpoint page's rate limits on a phone");

        button("Edit the rate limit for rl-alice").click();
        Locator dialog = Forms.dialog(page, "Edit rate limit");
        assertThat(dialog.getByLabel("Requests per minute")).isFocused();
        assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
                .as("the dialog does not scroll sideways").isTrue();
    }

    // ---- Browser helpers ----

    private Locator card() {
        return page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Rate limits"));
    }

    private Locator button(String name) {
        return Forms.button(page, name);
    }

    /** The row of the Rate limits card whose first cell starts with {@code name}. */
    private Locator row(String name) {
        return row(card(), name);
    }

    /** The row of the Gateway keys table whose first cell starts with {@code name}. */
    private Locator keyRow(String name) {
        return row(page.locator("table.gkeys-table"), name);
    }

    private Locator row(Locator within, String name) {
        return within.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions()
                .setHas(page.locator("td:first-child", new Page.LocatorOptions()
                        .setHasText(Pattern.compile("^" + name.replace(".", "\\."))))));
    }

    private static void submit(Locator dialog, String label) {
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(label).setExact(true)).click();
    }

    // ---- Gateway and management API helpers ----

    private static String endpoint(String name) {
        return ui.endpoint(name, UiFixture.primary(ui.definition(name + "-def", openAiKey, "openai", "gpt-4o-mini")));
    }

    /** A chat completion through the gateway's OpenAI route, to the endpoint by name. */
    private static HttpResponse<String> chat(String endpoint, Map<String, String> headers) {
        return UiFixture.post(ui.gateway().uri("/gateway/openai/v1/chat/completions").toString(), """
                {"model": "%s", "messages": [{"role": "user", "content": "Hello!"}]}""".formatted(endpoint), headers);
    }

    private static Map<String, String> alice() {
        return Map.of("Authorization", UiFixture.basic("rl-alice", ALICE_PASSWORD));
    }

    private static JsonNode limits(String endpointId) {
        return ui.api("GET", "rate-limits/list?endpoint_id=" + endpointId).json().path("rate_limits");
    }

    private static JsonNode limitOf(String endpointId, String username) {
        for (JsonNode l : limits(endpointId)) {
            if (username.equals(l.path("username").asText())) {
                return l;
            }
        }
        throw new AssertionError("no rate limit for " + username + " on " + endpointId);
    }

    private static void createLimit(String endpointId, String username, Integer requests, Integer tokens) {
        String body = "{\"endpoint_id\": \"" + endpointId + "\""
                + (username == null ? "" : ", \"username\": \"" + username + "\"")
                + (requests == null ? "" : ", \"queries_per_minute\": " + requests)
                + (tokens == null ? "" : ", \"tokens_per_minute\": " + tokens) + "}";
        assertThat(ui.api("POST", "rate-limits/create", body).status()).isEqualTo(200);
    }

    private static String storedKeyId(String name) {
        for (JsonNode k : ui.api("GET", "gateway-keys/list").json().path("gateway_keys")) {
            if (name.equals(k.path("name").asText())) {
                return k.path("key_id").asText();
            }
        }
        throw new AssertionError("no gateway key " + name);
    }
}
