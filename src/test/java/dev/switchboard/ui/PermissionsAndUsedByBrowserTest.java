package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import dev.switchboard.ui.Screens.Size;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two places where a long value met a narrow screen, on a phone (390×844) and a laptop (1440×900):
 * the endpoint's Permissions card, whose level dropdown shows its whole choice and is never cut by
 * the card's edge (on the phone each grant is a small card, its controls 44 px tall); and the API
 * Keys page, where a key used by many endpoints lists them wrapped inside its "Used by" cell rather
 * than stretching the table. Screenshots {@code phone-permissions.png}, {@code desktop-permissions.png},
 * {@code phone-keys-used-by.png}, {@code desktop-keys-used-by.png}.
 */
class PermissionsAndUsedByBrowserTest {

    private static final String USER = "maria.rodriguez-operations";
    private static final String KEY = "shared-openai-production";
    private static final int ENDPOINTS = 14;

    @TempDir
    static Path dir;
    static UiFixture ui;
    static String endpointId;

    Page page;

    @BeforeAll
    static void start() {
        ui = UiFixture.start(dir);
        String key = ui.secret(KEY, "openai", "sk-used-by-0001", "{}");
        for (int i = 1; i <= ENDPOINTS; i++) {
            String id = ui.endpoint("customer-support-assistant-region-" + i,
                    UiFixture.primary(ui.definition("used-by-" + i, key, "openai", "gpt-4o-mini")));
            if (i == 1) {
                endpointId = id;
            }
        }
        ui.user(USER, "a-long-enough-password", false);
        ui.user("grace.hopper", "a-long-enough-password", false);
        ui.grant(endpointId, USER, "MANAGE");
        ui.grant(endpointId, "grace.hopper", "READ");
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

    @ParameterizedTest(name = "at {0}")
    @EnumSource(Size.class)
    void thePermissionDropdownFitsAndWorks(Size size) {
        page = ui.open(size.width, size.height);
        page.navigate("/#/gateway/endpoints/" + endpointId);
        Locator card = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Permissions"));
        Locator level = card.getByLabel("Permission of " + USER);
        assertThat(level).hasValue("MANAGE");
        level.scrollIntoViewIfNeeded();

        Geometry.assertNoSidewaysScroll(page, "the details page at " + size);
        Geometry.assertControlsInsideTheWidth(card, "the Permissions card at " + size);
        for (Locator select : List.of(level, card.getByLabel("Permission of grace.hopper"),
                card.getByLabel("Permission", new Locator.GetByLabelOptions().setExact(true)))) {
            assertThat((List<?>) select.evaluate(CUT_OPTIONS)).as("choices cut short in %s at %s", select, size)
                    .isEmpty();
            assertInsideItsCard(select, card);
        }
        // Nothing in the card scrolls sideways: no part of a row is hidden past its edge (what is
        // visually hidden for screen readers, one pixel wide, aside).
        assertThat((List<?>) card.evaluate("c => [...c.querySelectorAll('*')].filter(e => e.clientWidth > 1 && e.scrollWidth > e.clientWidth + 1"
                + " && !['visible', 'clip'].includes(getComputedStyle(e).overflowX) && e.tagName !== 'SELECT')"
                + ".map(e => e.tagName + '.' + e.className + ' ' + e.scrollWidth + '>' + e.clientWidth)"))
                .as("boxes in the card that scroll sideways at %s", size).isEmpty();
        if (size == Size.PHONE) {
            Geometry.assertControlsTouchSized(card, "the Permissions card");
        }
        Geometry.screenshot(card, size.suffix() + "-permissions");

        // Still usable: a new level is saved.
        level.selectOption("EDIT");
        assertThat(card.getByRole(AriaRole.STATUS)).hasText(USER + " now has Edit.");
        assertThat(level).hasValue("EDIT");
        level.selectOption("MANAGE");
        assertThat(card.getByRole(AriaRole.STATUS)).hasText(USER + " now has Manage.");
    }

    @ParameterizedTest(name = "at {0}")
    @EnumSource(Size.class)
    void aKeyUsedByManyEndpointsWrapsInsideItsCell(Size size) {
        page = ui.open(size.width, size.height);
        page.navigate("/#/gateway/api-keys");
        Locator row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(KEY));
        Locator cell = row.getByRole(AriaRole.CELL).nth(3);
        Locator links = cell.getByRole(AriaRole.LINK);
        Locator toggle = cell.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Show all " + ENDPOINTS + " endpoints"));

        // The row lists the first few endpoints; the rest on request, so the row stays short.
        assertThat(links).hasCount(3);
        assertThat(toggle).hasAttribute("aria-expanded", "false");
        assertFitsItsCell(cell, links, size);
        assertThat(Geometry.box(row).height).as("the folded row's height at %s", size).isLessThanOrEqualTo(200);
        // On a phone the table's box scrolls to the cell (the page itself does not move sideways).
        cell.scrollIntoViewIfNeeded();
        Geometry.assertNoSidewaysScroll(page, "the API Keys page scrolled to Used by at " + size);
        Browser.screenshot(page, size.suffix() + "-keys-used-by");

        toggle.click();
        assertThat(links).hasCount(ENDPOINTS);
        Locator fewer = cell.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Show fewer"));
        assertThat(fewer).hasAttribute("aria-expanded", "true");
        assertFitsItsCell(cell, links, size);
        Browser.screenshot(page, size.suffix() + "-keys-used-by-all");
        fewer.click();
        assertThat(links).hasCount(3);
    }

    /**
     * The cell keeps a bounded width with every link inside it, each name on at most two lines; on a
     * laptop the table fits its box, on a phone it scrolls in its box no wider than its columns need.
     */
    private void assertFitsItsCell(Locator cell, Locator links, Size size) {
        Geometry.assertNoSidewaysScroll(page, "the API Keys page at " + size);
        BoundingBox box = Geometry.box(cell);
        assertThat(box.width).as("the Used by cell's width at %s", size).isLessThanOrEqualTo(size == Size.PHONE ? 320 : 480);
        double line = ((Number) links.first().evaluate("a => parseFloat(getComputedStyle(a).lineHeight)")).doubleValue();
        for (int i = 0; i < links.count(); i++) {
            BoundingBox link = Geometry.box(links.nth(i));
            assertThat(link.x + link.width).as("link %s ends inside its cell", i).isLessThanOrEqualTo(box.x + box.width + 0.5);
            assertThat(link.height).as("link %s takes at most two lines", i).isLessThanOrEqualTo(2 * line + 1);
        }
        double tableWidth = ((Number) page.locator(".list-scroll > .table")
                .evaluate("t => t.getBoundingClientRect().width")).doubleValue();
        double boxWidth = ((Number) page.locator(".list-scroll").evaluate("b => b.clientWidth")).doubleValue();
        if (size == Size.DESKTOP) {
            assertThat(tableWidth).as("the table fits its box on a laptop").isLessThanOrEqualTo(boxWidth + 0.5);
        } else {
            assertThat(tableWidth).as("the table's width on a phone").isLessThanOrEqualTo(900);
        }
    }

    /** Each option whose text is wider than the select's room for it (its width less padding and arrow). */
    private static final String CUT_OPTIONS = """
            select => {
              const style = getComputedStyle(select);
              const ctx = document.createElement('canvas').getContext('2d');
              ctx.font = style.font;
              const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16;
              return [...select.options].filter(o => ctx.measureText(o.text).width > room)
                .map(o => o.text + ' (' + Math.round(ctx.measureText(o.text).width) + ' > ' + Math.round(room) + ')');
            }""";

    /** The control lies inside the card's box (not cut by its edge or a scrolling box in it). */
    private static void assertInsideItsCard(Locator control, Locator card) {
        BoundingBox c = Geometry.box(control);
        BoundingBox k = Geometry.box(card);
        assertThat(c.x).as("%s starts inside its card", control).isGreaterThanOrEqualTo(k.x);
        assertThat(c.x + c.width).as("%s ends inside its card", control).isLessThanOrEqualTo(k.x + k.width);
    }
}
