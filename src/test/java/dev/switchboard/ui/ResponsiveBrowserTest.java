package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import dev.switchboard.ui.Screens.Screen;
import dev.switchboard.ui.Screens.Size;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every page on a phone (390×844) and a laptop (1440×900): the document never scrolls sideways and
 * the page's main action is on screen; on the phone the navigation folds behind a Menu button,
 * tables scroll inside their own box and dialogs fit the screen. Screenshots of each page at both
 * sizes ({@code responsive-<page>-phone.png}, {@code responsive-<page>-desktop.png}).
 */
class ResponsiveBrowserTest {

    @TempDir
    static Path dir;
    static UiFixture ui;
    static String endpointId;

    Page page;

    @BeforeAll
    static void start() {
        ui = UiFixture.start(dir.resolve("gw"));
        endpointId = Screens.seed(ui);
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

    static Stream<Arguments> screensAtEverySize() {
        return Screens.atEverySize(endpointId);
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("screensAtEverySize")
    void thePageFitsTheWidthAndItsMainActionIsOnScreen(Screen screen, Size size) {
        page = Screens.open(ui, screen, size);
        assertThat(Screens.heading(page, screen)).isVisible();
        assertThat(page.getByRole(AriaRole.MAIN)).not().containsText("Loading");
        if (screen.name().equals("usage")) {
            assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Recent calls")))
                    .isVisible();
        }

        Geometry.assertNoSidewaysScroll(page, screen.name() + " at " + size);
        Locator action = screen.mainAction().apply(page);
        action.scrollIntoViewIfNeeded();
        assertThat(action).isInViewport();
        assertInsideTheWidth(action, screen.name() + "'s main action at " + size);
        assertInsideTheWidth(Screens.heading(page, screen), screen.name() + "'s heading at " + size);
        Browser.screenshot(page, "responsive-" + screen.name() + "-" + size.suffix());
    }

    @Test
    void onAPhoneTheNavigationFoldsBehindTheMenuButton() {
        page = ui.open(Size.PHONE.width, Size.PHONE.height);
        page.navigate("/#/gateway");
        Locator menu = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Menu").setExact(true));
        Locator usage = navLink("Usage");
        assertThat(menu).hasAttribute("aria-expanded", "false");
        assertThat(usage).isHidden();
        // The header keeps the user and their buttons on screen, on a row of their own.
        assertInsideTheWidth(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")),
                "Sign out");

        menu.click();
        assertThat(menu).hasAttribute("aria-expanded", "true");
        assertThat(usage).isVisible();
        assertThat(navLink("Endpoints")).isFocused();
        Geometry.assertNoSidewaysScroll(page, "the open menu");
        Browser.screenshot(page, "responsive-menu-open-phone");

        page.keyboard().press("Escape");
        assertThat(usage).isHidden();
        assertThat(menu).hasAttribute("aria-expanded", "false");
        assertThat(menu).isFocused();

        // Choosing a page closes it, and focus lands on the new page's heading.
        menu.click();
        usage.click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Usage").setExact(true)))
                .isFocused();
        assertThat(usage).isHidden();
        assertThat(menu).hasAttribute("aria-expanded", "false");

        // A click elsewhere closes it too.
        menu.click();
        assertThat(usage).isVisible();
        page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("AI Gateway")).click();
        assertThat(usage).isHidden();
    }

    @Test
    void onALaptopTheNavigationStaysOpenWithoutAMenuButton() {
        page = ui.open(Size.DESKTOP.width, Size.DESKTOP.height);
        page.navigate("/#/gateway");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Menu").setExact(true)))
                .isHidden();
        for (String link : new String[] {"Endpoints", "API Keys", "Usage", "Gateway keys", "Users"}) {
            assertThat(navLink(link)).isVisible();
        }
    }

    @Test
    void onAPhoneATableScrollsInsideItsOwnBox() {
        page = ui.open(Size.PHONE.width, Size.PHONE.height);
        page.navigate("/#/gateway/gateway-keys");
        Locator table = page.getByRole(AriaRole.TABLE);
        assertThat(table).containsText("support-widget-production");
        Number tableOverflow = (Number) table.evaluate("t => t.scrollWidth - t.clientWidth");
        assertThat(tableOverflow.intValue()).as("the table scrolls sideways in its box").isPositive();
        Geometry.assertNoSidewaysScroll(page, "the gateway keys table");
        // Its last column (the row's actions) is reached by scrolling the table, not the page.
        Locator delete = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Delete support-widget-production"));
        delete.scrollIntoViewIfNeeded();
        assertInsideTheWidth(delete, "the row's Delete button");
        Geometry.assertNoSidewaysScroll(page, "the gateway keys table scrolled");
    }

    @Test
    void onAPhoneADialogFitsTheScreen() {
        page = ui.open(Size.PHONE.width, Size.PHONE.height);
        page.navigate("/#/gateway/gateway-keys");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create gateway key")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Create gateway key"));
        assertThat(dialog).isVisible();
        BoundingBox box = dialog.boundingBox();
        assertThat(box.x).isGreaterThanOrEqualTo(0);
        assertThat(box.x + box.width).isLessThanOrEqualTo(Size.PHONE.width);
        assertThat(box.y).isGreaterThanOrEqualTo(0);
        assertThat(box.y + box.height).isLessThanOrEqualTo(Size.PHONE.height);
        // The footer's buttons are on screen without scrolling the page.
        Locator create = dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create key"));
        assertThat(create).isInViewport();
        assertInsideTheWidth(create, "the dialog's Create key");
        Geometry.assertNoSidewaysScroll(page, "the Create gateway key dialog");
        Browser.screenshot(page, "responsive-dialog-phone");
    }

    private Locator navLink(String name) {
        return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Gateway"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    private void assertInsideTheWidth(Locator locator, String what) {
        BoundingBox box = locator.boundingBox();
        assertThat(box).as(what + " is rendered").isNotNull();
        Number width = (Number) page.evaluate("() => document.documentElement.clientWidth");
        assertThat(box.x).as(what + ": left edge").isGreaterThanOrEqualTo(0);
        assertThat(box.x + box.width).as(what + ": right edge").isLessThanOrEqualTo(width.doubleValue());
    }
}
