package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoints list at #/gateway in a real browser: empty state, rows with providers and the
 * traffic split, search, provider filter, the "Use" dialog's examples (whose URL really answers),
 * and delete, after which the endpoint's route is gone.
 */
class EndpointsListBrowserTest {

    private static final String HELLO = UiFixture.HELLO;
    /** Column indexes: 0 is the row's checkbox, 1 its name. */
    private static final int PROVIDER = 2;
    private static final int MODELS = 3;
    private static final int MODIFIED = 4;
    private static final int CREATED = 5;
    private static final String ANSWER = "Hello from the fake upstream";

    @TempDir
    static Path dir;
    static UiFixture ui;
    static TestGateway gateway;
    Page page;

    @BeforeAll
    static void start() {
        ui = UiFixture.start(dir.resolve("seeded"));
        gateway = ui.gateway();
        FakeUpstream upstream = ui.upstream(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", ANSWER, 10, 5)));
        String openaiKey = ui.openAiKey("openai-key", "sk-openai-key-0123456789", upstream);
        String anthropicKey = ui.secret("anthropic-key", "anthropic", "sk-anthropic-key-0123456789",
                "{\"api_base\": \"" + upstream.baseUrl() + "\"}");
        String gpt = ui.definition("gpt-4o", openaiKey, "openai", "gpt-4o");
        String mini = ui.definition("gpt-4o-mini", openaiKey, "openai", "gpt-4o-mini");
        String claude = ui.definition("claude-sonnet-4-5", anthropicKey, "anthropic", "claude-sonnet-4-5");
        // Written in this order, and shown in it: the list keeps the order of the traffic split.
        ui.endpoint("chat", """
                [{"model_definition_id": "%s", "linkage_type": "PRIMARY", "weight": 20},
                 {"model_definition_id": "%s", "linkage_type": "PRIMARY", "weight": 80},
                 {"model_definition_id": "%s", "linkage_type": "FALLBACK", "fallback_order": 0}]"""
                .formatted(mini, gpt, claude));
        ui.endpoint("mixed", """
                [{"model_definition_id": "%s", "linkage_type": "PRIMARY", "weight": 0.5},
                 {"model_definition_id": "%s", "linkage_type": "PRIMARY", "weight": 0.5}]"""
                .formatted(gpt, claude));
        ui.endpoint("assistant", UiFixture.primary(mini));
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
    void emptyGatewayShowsNoEndpointsCreated() {
        try (TestGateway empty = UiFixture.startGateway(dir.resolve("empty"), UiFixture.Auth.ON)) {
            page = ui.open(empty);
            page.navigate("/#/gateway");

            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Endpoints").setExact(true))).isVisible();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("No endpoints created")))
                    .isVisible();
            assertThat(page.getByText("Use the \"Create endpoint\" button to create one.")).isVisible();
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create endpoint")))
                    .hasAttribute("href", "#/gateway/create");
            assertThat(page.getByRole(AriaRole.TABLE)).hasCount(0);
            Browser.screenshot(page, "endpoints-empty");
        }
    }

    @Test
    void aFailedLoadShowsTheServersMessageAndRetries() {
        page = ui.open();
        page.route("**/endpoints/list", route -> route.fulfill(new Route.FulfillOptions().setStatus(500)
                .setContentType("application/json")
                .setBody("{\"error_code\": \"INTERNAL_ERROR\", \"message\": \"database is locked\"}")));
        page.navigate("/#/gateway");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("database is locked");
        assertThat(page.getByRole(AriaRole.TABLE)).hasCount(0);

        page.unrouteAll();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Retry")).click();
        assertThat(page.locator("tbody tr")).hasCount(3);
        assertThat(page.getByRole(AriaRole.ALERT)).hasCount(0);
    }

    @Test
    void rowsShowProvidersAndTheTrafficSplit() {
        page = openList();

        assertThat(page.locator("tbody tr")).hasCount(3);
        assertThat(cell("chat", PROVIDER)).hasText("OpenAI");
        assertThat(cell("chat", MODELS)).hasText("gpt-4o-mini 20% · gpt-4o 80% +1 fallback");
        assertThat(cell("mixed", PROVIDER)).hasText("OpenAI, Anthropic");
        assertThat(cell("mixed", MODELS)).hasText("gpt-4o 50% · claude-sonnet-4-5 50%");
        assertThat(cell("assistant", MODELS)).hasText("gpt-4o-mini");
        assertThat(cell("assistant", MODIFIED)).hasText(Pattern.compile("\\d{4}"));
        assertThat(cell("assistant", CREATED)).hasText(Pattern.compile("\\d{4}"));
        // Healthy endpoints carry no problem flag.
        assertThat(page.locator("tbody").getByRole(AriaRole.IMG)).hasCount(0);
        String chatId = ui.api("GET", "endpoints/get?name=chat").text("/endpoint/endpoint_id");
        assertThat(nameLink("chat")).hasAttribute("href", "#/gateway/endpoints/" + chatId);
        Browser.screenshot(page, "endpoints-list");
    }

    @Test
    void searchAndProviderFilterNarrowTheList() {
        page = openList();
        Locator search = page.getByLabel("Search endpoints");

        search.fill("mini");
        assertThat(page.locator("tbody tr")).hasCount(2);
        assertThat(nameLink("chat")).isVisible();
        assertThat(nameLink("assistant")).isVisible();

        search.fill("anthropic");
        assertThat(page.locator("tbody tr")).hasCount(2);
        assertThat(nameLink("mixed")).isVisible();

        search.fill("no-such-thing");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("No endpoints found")))
                .isVisible();
        assertThat(page.getByRole(AriaRole.TABLE)).hasCount(0);
        Browser.screenshot(page, "endpoints-not-found");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Clear search and filter")).click();
        assertThat(search).hasValue("");
        assertThat(page.locator("tbody tr")).hasCount(3);

        // The provider filter is a popover of checkboxes, driven here from the keyboard.
        Locator filter = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Provider filter"));
        filter.focus();
        page.keyboard().press("Enter");
        Locator popover = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Filter by provider"));
        Locator anthropic = popover.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("Anthropic"));
        assertThat(popover.getByRole(AriaRole.CHECKBOX)).hasCount(2);
        anthropic.check();
        assertThat(page.locator("tbody tr")).hasCount(1);
        assertThat(nameLink("mixed")).isVisible();
        Browser.screenshot(page, "endpoints-provider-filter");
        page.keyboard().press("Escape");
        assertThat(anthropic).hasCount(0);
        assertThat(page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Provider filter, 1 selected"))).isFocused();

        search.fill("gpt-4o");
        assertThat(page.locator("tbody tr")).hasCount(1);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Provider filter, 1 selected")).click();
        popover.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("OpenAI")).check();
        popover.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("Anthropic")).uncheck();
        assertThat(page.locator("tbody tr")).hasCount(3);
    }

    @Test
    void useDialogShowsWorkingExamplesForEveryRoute() {
        page = openList();
        page.context().grantPermissions(List.of("clipboard-read", "clipboard-write"));
        String origin = gateway.uri("").toString();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use chat")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Use chat"));
        assertThat(dialog).isVisible();
        Locator code = dialog.getByLabel("Code example");
        Locator copy = dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy code"));

        // Unified, MLflow invocations, curl: the default. The shown URL really reaches the endpoint.
        assertThat(tab(dialog, "Unified")).hasAttribute("aria-selected", "true");
        String invocations = origin + "/gateway/chat/mlflow/invocations";
        assertThat(dialog).containsText("POST " + invocations);
        assertThat(code).containsText("curl -X POST " + invocations);
        // With authentication on, every example sends a gateway key read from SWITCHBOARD_API_KEY.
        assertThat(code).containsText("-H \"Authorization: Bearer $SWITCHBOARD_API_KEY\"");
        assertThat(dialog).containsText("export SWITCHBOARD_API_KEY=\"sb-...\"");
        copy.click();
        assertThat(copy).hasText("Copied");
        assertThat(clipboard()).isEqualTo(code.textContent());
        String key = ui.gatewayKey("use-dialog", ui.api("GET", "endpoints/get?name=chat").text("/endpoint/endpoint_id"));
        HttpResponse<String> answer = UiFixture.post(invocations, HELLO, Map.of("Authorization", "Bearer " + key));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains(ANSWER);
        Browser.screenshot(page, "endpoint-use-modal");

        tab(dialog, "Python").click();
        assertThat(code).containsText("import requests");
        assertThat(code).containsText("headers={\"Authorization\": \"Bearer \" + os.environ[\"SWITCHBOARD_API_KEY\"]}");
        assertThat(code).containsText("\"" + invocations + "\"");
        tab(dialog, "Java").click();
        assertThat(code).containsText("java.net.http.HttpClient");

        dialog.getByLabel("OpenAI-compatible chat completions").check();
        assertThat(dialog.locator("dd").first()).containsText(origin + "/gateway/mlflow/v1");
        assertThat(code).containsText(".baseUrl(\"" + origin + "/gateway/mlflow/v1\")");
        assertThat(code).containsText(".model(\"chat\")");

        tab(dialog, "OpenAI").click();
        assertThat(dialog).containsText("POST " + origin + "/gateway/openai/v1/chat/completions");
        tab(dialog, "Python").click();
        assertThat(code).containsText("OpenAI(base_url=\"" + origin + "/gateway/openai/v1\", api_key=os.environ[\"SWITCHBOARD_API_KEY\"])");
        assertThat(code).containsText("model=\"chat\"");

        tab(dialog, "Anthropic").click();
        assertThat(dialog.locator("dd").first()).containsText(origin + "/gateway/anthropic");
        tab(dialog, "Node").click();
        assertThat(code).containsText("import Anthropic from \"@anthropic-ai/sdk\"");
        assertThat(code).containsText("baseURL: \"" + origin + "/gateway/anthropic\"");

        // Arrow keys move between route tabs.
        tab(dialog, "Anthropic").focus();
        page.keyboard().press("ArrowRight");
        assertThat(tab(dialog, "Gemini")).isFocused();
        assertThat(tab(dialog, "Gemini")).hasAttribute("aria-selected", "true");
        assertThat(dialog).containsText("POST " + origin + "/gateway/gemini/v1beta/models/chat:generateContent");
        assertThat(code).containsText("new GoogleGenAI({ apiKey: process.env.SWITCHBOARD_API_KEY, httpOptions: { baseUrl: \""
                + origin + "/gateway/gemini\" } })");
        tab(dialog, "curl").click();
        copy.click();
        assertThat(clipboard()).contains(origin + "/gateway/gemini/v1beta/models/chat:generateContent");

        page.keyboard().press("Escape");
        assertThat(dialog).hasCount(0);
    }

    @Test
    void deleteAsksThenRemovesTheEndpointFromService() {
        HttpResponse<String> before = ui.invoke("assistant");
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.body()).contains(ANSWER);
        page = openList();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete assistant")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Delete endpoint"));
        assertThat(dialog).containsText("assistant");
        assertThat(dialog).containsText("removed from service at once");
        assertThat(dialog).containsText("will receive errors");
        Browser.screenshot(page, "endpoint-delete");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel")).click();
        assertThat(dialog).hasCount(0);
        assertThat(nameLink("assistant")).isVisible();
        assertThat(ui.invoke("assistant").statusCode()).isEqualTo(200);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete assistant")).click();
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete endpoint")).click();
        assertThat(dialog).hasCount(0);
        assertThat(nameLink("assistant")).hasCount(0);
        assertThat(page.locator("tbody tr")).hasCount(2);

        assertThat(ui.api("GET", "endpoints/get?name=assistant").status()).isEqualTo(404);
        HttpResponse<String> after = ui.invoke("assistant");
        assertThat(after.statusCode()).isEqualTo(404);
        assertThat(after.body()).doesNotContain(ANSWER);

        // Restore it, so the tests do not depend on their order.
        String mini = ui.api("GET", "model-definitions/get?name=gpt-4o-mini")
                .text("/model_definition/model_definition_id");
        ui.endpoint("assistant", UiFixture.primary(mini));
    }

    @Test
    void bulkDeleteAsksOnceNamingEachThenReportsAnyThatFailed() {
        String mini = ui.api("GET", "model-definitions/get?name=gpt-4o-mini").text("/model_definition/model_definition_id");
        for (String name : List.of("bulk-a", "bulk-b", "bulk-c")) {
            ui.endpoint(name, UiFixture.primary(mini));
        }
        page = openList();
        Locator rows = page.locator("tbody tr");
        assertThat(rows).hasCount(6);
        Locator selectPage = page.getByRole(AriaRole.CHECKBOX,
                new Page.GetByRoleOptions().setName("Select all endpoints on this page"));
        Locator bar = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Selected endpoints"));

        // The page's checkbox selects every row, is mixed when only some are, and clears them all.
        selectPage.check();
        assertThat(bar).containsText("6 endpoints selected");
        page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Select chat")).uncheck();
        assertThat(bar).containsText("5 endpoints selected");
        assertThat(selectPage).not().isChecked();
        assertThat(selectPage).hasJSProperty("indeterminate", true);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Clear selection")).click();
        assertThat(bar).hasCount(0);

        page.getByLabel("Search endpoints").fill("bulk-");
        assertThat(rows).hasCount(3);
        selectPage.check();
        assertThat(bar).containsText("3 endpoints selected");
        // One of them is deleted behind the list's back, so deleting it again fails.
        String gone = ui.api("GET", "endpoints/get?name=bulk-b").text("/endpoint/endpoint_id");
        assertThat(ui.api("DELETE", "endpoints/delete", "{\"endpoint_id\": \"" + gone + "\"}").status()).isEqualTo(200);

        bar.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete selected")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Delete 3 endpoints"));
        assertThat(dialog).containsText("these 3 endpoints");
        assertThat(dialog.getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Endpoints to delete"))
                .getByRole(AriaRole.LISTITEM)).hasText(new String[] {"bulk-a", "bulk-b", "bulk-c"});
        Browser.screenshot(page, "endpoints-bulk-delete");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete 3 endpoints")).click();

        Locator report = dialog.getByRole(AriaRole.ALERT);
        assertThat(report).containsText("Deleted 2 of 3. One endpoint could not be deleted:");
        assertThat(report.getByRole(AriaRole.LISTITEM)).hasText(Pattern.compile("^bulk-b: GatewayEndpoint not found"));
        Browser.screenshot(page, "endpoints-bulk-delete-failed");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Done")).click();
        assertThat(dialog).hasCount(0);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("No endpoints found"))).isVisible();
        for (String name : List.of("bulk-a", "bulk-b", "bulk-c")) {
            assertThat(ui.api("GET", "endpoints/get?name=" + name).status()).isEqualTo(404);
        }
        page.getByLabel("Search endpoints").fill("");
        assertThat(rows).hasCount(3);
    }

    private Page openList() {
        Page p = ui.open();
        p.navigate("/#/gateway");
        assertThat(p.getByRole(AriaRole.TABLE)).isVisible();
        return p;
    }

    private Locator nameLink(String name) {
        return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator cell(String endpoint, int column) {
        return page.locator("tbody tr").filter(new Locator.FilterOptions().setHas(nameLink(endpoint)))
                .locator("td").nth(column);
    }

    private static Locator tab(Locator dialog, String name) {
        return dialog.getByRole(AriaRole.TAB, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    private String clipboard() {
        return (String) page.evaluate("() => navigator.clipboard.readText()");
    }
}
