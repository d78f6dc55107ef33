package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoints list with 500 endpoints, created over the management API: the page holds one page of
 * rows; paging, sorting and search work across all of them; the view lives in the URL so Back from
 * an endpoint restores it; columns can be hidden (remembered); and at phone width the table scrolls
 * in its own box while the page does not scroll sideways.
 */
class EndpointsPagingBrowserTest {

    private static final int COUNT = 500;

    @TempDir
    static Path dir;
    static UiFixture ui;
    Page page;

    @BeforeAll
    static void start() {
        ui = UiFixture.start(dir);
        String openai = ui.secret("openai-key", "openai", "sk-paging-openai-0123456789", "{}");
        String anthropic = ui.secret("anthropic-key", "anthropic", "sk-paging-anthropic-0123456789", "{}");
        String gpt = ui.definition("gpt-4o", openai, "openai", "gpt-4o");
        String claude = ui.definition("claude-sonnet-4-5", anthropic, "anthropic", "claude-sonnet-4-5");
        // Created in a shuffled order (7 is prime to 500), so creation order is not name order; every
        // third endpoint is served by Anthropic.
        for (int i = 0; i < COUNT; i++) {
            int n = (i * 7) % COUNT + 1;
            ui.endpoint(name(n), UiFixture.primary(n % 3 == 0 ? claude : gpt));
        }
        // Changed last: first when sorted by last modified, newest first.
        String changed = ui.api("GET", "endpoints/get?name=" + name(123)).text("/endpoint/endpoint_id");
        assertThat(ui.api("POST", "endpoints/update", "{\"endpoint_id\": \"" + changed + "\", \"usage_tracking\": false}")
                .status()).isEqualTo(200);
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
    void showsOnePageOfRowsAndPagesThroughAll500() {
        page = openList(1440, 900);
        assertThat(rows()).hasCount(25);
        assertThat(range()).hasText("1–25 of 500 · page 1 of 20");
        assertThat(names().first()).hasText("ep-001");
        assertThat(button("Previous page")).isDisabled();
        Browser.screenshot(page, "endpoints-list-paged");

        button("Next page").click();
        assertThat(range()).containsText("26–50 of 500");
        assertThat(rows()).hasCount(25);
        assertThat(names().first()).hasText("ep-026");
        assertThat(page).hasURL(Pattern.compile("#/gateway\\?page=2$"));

        page.getByLabel("Rows per page").selectOption("100");
        assertThat(range()).containsText("1–100 of 500");
        assertThat(rows()).hasCount(100);
        for (int i = 0; i < 4; i++) {
            button("Next page").click();
        }
        assertThat(range()).containsText("401–500 of 500");
        assertThat(names().last()).hasText("ep-500");
        assertThat(button("Next page")).isDisabled();
        button("Previous page").click();
        assertThat(range()).containsText("301–400 of 500");
    }

    @Test
    void sortsByEachColumnAcrossAllPages() {
        page = openList(1280, 800);
        assertThat(header("Name")).hasAttribute("aria-sort", "ascending");

        header("Name").getByRole(AriaRole.BUTTON).click();
        assertThat(header("Name")).hasAttribute("aria-sort", "descending");
        assertThat(names().first()).hasText("ep-500");
        assertThat(names().nth(1)).hasText("ep-499");

        // Newest first on the first click; ties are broken by name, so the order is the API's, sorted so.
        header("Created").getByRole(AriaRole.BUTTON).click();
        assertThat(header("Created")).hasAttribute("aria-sort", "descending");
        assertThat(header("Name")).not().hasAttribute("aria-sort", Pattern.compile(".*"));
        List<String> newestFirst = stored(Comparator.comparingLong((JsonNode e) -> -e.path("created_at").asLong()));
        assertThat(names()).hasText(newestFirst.subList(0, 25).toArray(String[]::new));
        page.getByLabel("Rows per page").selectOption("100");
        for (int i = 0; i < 4; i++) {
            button("Next page").click();
        }
        assertThat(names()).hasText(newestFirst.subList(400, 500).toArray(String[]::new));

        header("Created").getByRole(AriaRole.BUTTON).click();
        assertThat(header("Created")).hasAttribute("aria-sort", "ascending");
        assertThat(range()).containsText("1–100 of 500");
        List<String> oldestFirst = stored(Comparator.comparingLong((JsonNode e) -> e.path("created_at").asLong()));
        assertThat(names()).hasText(oldestFirst.subList(0, 100).toArray(String[]::new));

        header("Last modified").getByRole(AriaRole.BUTTON).click();
        assertThat(names().first()).hasText("ep-123");

        // By provider: Anthropic's endpoints (every third) first, A to Z.
        header("Provider").getByRole(AriaRole.BUTTON).click();
        assertThat(header("Provider")).hasAttribute("aria-sort", "ascending");
        assertThat(names().first()).hasText("ep-003");
        assertThat(rows().first().locator("td").nth(2)).hasText("Anthropic");
        page.getByLabel("Rows per page").selectOption("25");
        assertThat(page).hasURL(Pattern.compile("sort=provider&dir=asc"));
    }

    @Test
    void searchNarrowsAcrossAllPages() {
        page = openList(1280, 800);
        page.getByLabel("Search endpoints").fill("ep-49");
        assertThat(rows()).hasCount(10);
        assertThat(range()).hasText("1–10 of 10");
        assertThat(names().first()).hasText("ep-490");
        assertThat(names().last()).hasText("ep-499");
        assertThat(page.getByText("10 of 500 endpoints")).isVisible();
        assertThat(button("Next page")).isDisabled();

        // The provider filter narrows all 500 too: a third of them are Anthropic's.
        page.getByLabel("Search endpoints").fill("");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Provider filter")).click();
        page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Filter by provider"))
                .getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("Anthropic")).check();
        assertThat(range()).containsText("1–25 of 166");
    }

    @Test
    void backFromAnEndpointRestoresTheSearchSortAndPage() {
        page = openList(1280, 800);
        page.getByLabel("Search endpoints").fill("ep-4");
        assertThat(range()).containsText("1–25 of 100");
        header("Created").getByRole(AriaRole.BUTTON).click();
        button("Next page").click();
        assertThat(range()).containsText("26–50 of 100");
        String first = names().first().textContent();

        names().first().click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(first).setExact(true)))
                .isVisible();
        page.goBack();

        assertThat(page.getByLabel("Search endpoints")).hasValue("ep-4");
        assertThat(header("Created")).hasAttribute("aria-sort", "descending");
        assertThat(range()).containsText("26–50 of 100");
        assertThat(names().first()).hasText(first);

        // Back again steps through the view's history: page 1 of the same sort.
        page.goBack();
        assertThat(range()).containsText("1–25 of 100");
        assertThat(header("Created")).hasAttribute("aria-sort", "descending");

        // A reload (or a shared link) shows the same view.
        page.reload();
        assertThat(page.getByLabel("Search endpoints")).hasValue("ep-4");
        assertThat(range()).containsText("1–25 of 100");
    }

    @Test
    void hiddenColumnsAreRememberedInThisBrowser() {
        page = openList(1280, 800);
        assertThat(page.locator("thead th")).hasCount(7);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Columns")).click();
        Locator chooser = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Columns shown"));
        chooser.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("Created")).uncheck();
        chooser.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("Models")).uncheck();
        Browser.screenshot(page, "endpoints-columns");
        page.keyboard().press("Escape");
        assertThat(page.locator("thead th")).hasCount(5);
        assertThat(header("Created")).hasCount(0);
        assertThat(header("Models")).hasCount(0);
        assertThat(rows().first().locator("td")).hasCount(5);

        page.reload();
        assertThat(rows()).hasCount(25);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Columns, 2 hidden"))).isVisible();
        assertThat(header("Created")).hasCount(0);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Columns, 2 hidden")).click();
        chooser.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("Created")).check();
        assertThat(header("Created")).isVisible();
        assertThat(page.locator("thead th")).hasCount(6);
    }

    @Test
    void atPhoneWidthTheTableScrollsInItsOwnBox() {
        page = openList(390, 844);
        assertThat(rows()).hasCount(25);
        assertThat(ListLayout.partsPastTheEdge(page)).as("parts of the list past the screen's edge").isEmpty();
        assertThat(ListLayout.tableScrollsInItsBox(page)).as("the table scrolls in its own box").isTrue();
        Browser.screenshot(page, "endpoints-list-phone");

        button("Next page").click();
        assertThat(range()).containsText("26–50 of 500");
    }

    private Page openList(int width, int height) {
        Page p = ui.open(width, height);
        p.navigate("/#/gateway");
        assertThat(p.locator("tbody tr").first()).isVisible();
        return p;
    }

    private Locator rows() {
        return page.locator("tbody tr");
    }

    private Locator names() {
        return page.locator("tbody td.cell-name a");
    }

    private Locator range() {
        return page.locator(".list-pager-range");
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator header(String name) {
        return page.getByRole(AriaRole.COLUMNHEADER, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** Every stored endpoint's name, ordered by {@code order} and then by name, as the list breaks ties. */
    private static List<String> stored(Comparator<JsonNode> order) {
        List<JsonNode> all = new ArrayList<>();
        ui.api("GET", "endpoints/list").json().path("endpoints").forEach(all::add);
        assertThat(all).hasSize(COUNT);
        all.sort(order.thenComparing(e -> e.path("name").asText()));
        return all.stream().map(e -> e.path("name").asText()).toList();
    }

    private static String name(int n) {
        return "ep-%03d".formatted(n);
    }
}
