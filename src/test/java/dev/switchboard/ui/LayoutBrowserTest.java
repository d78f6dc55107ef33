package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.TestGateway;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every page shares: the layout at 1280×800 and 1920×1080 (nothing wider than the window),
 * labelled controls reachable with Tab, the default-passphrase banner, and unknown routes.
 */
class LayoutBrowserTest {

    @TempDir
    static Path dir;
    static UiFixture ui;
    static Browser browser;
    static String endpointId;

    @BeforeAll
    static void start() {
        ui = UiFixture.start(dir.resolve("gw"));
        browser = ui.browser();
        String secret = ui.secret("layout-key", "openai", "sk-layout-0001", "{}");
        endpointId = ui.endpoint("a-rather-long-endpoint-name-for-layout-checks",
                UiFixture.primary(ui.definition("layout-def", secret, "openai", "gpt-4o-mini")));
    }

    @AfterAll
    static void stop() {
        ui.close();
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1280, 800", "1920, 1080"})
    void noPageIsWiderThanTheWindow(int width, int height) {
        Page page = ui.open(width, height);
        try {
            for (String route : routes()) {
                page.navigate("/#" + route);
                assertThat(page.getByRole(AriaRole.MAIN)).not().containsText("Loading");
                assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(2)).first())
                        .isVisible();
                Object overflow = page.evaluate(
                        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertThat(((Number) overflow).intValue()).as("horizontal overflow of %s at %dx%d", route, width,
                        height).isLessThanOrEqualTo(0);
            }
        } finally {
            page.context().close();
        }
    }

    @Test
    void everyControlTabReachesHasAnAccessibleName() {
        Page page = ui.open();
        try {
            for (String route : routes()) {
                page.navigate("/#" + route);
                assertThat(page.getByRole(AriaRole.MAIN)).not().containsText("Loading");
                page.locator("body").focus();
                for (int i = 0; i < 40; i++) {
                    page.keyboard().press("Tab");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> focused = (Map<String, Object>) page.evaluate("""
                            () => {
                              const e = document.activeElement;
                              if (!e || e === document.body) return null;
                              const labelled = e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')
                                || (e.labels && e.labels.length > 0) || e.getAttribute('title')
                                || (e.textContent || '').trim() || e.getAttribute('placeholder');
                              return {tag: e.tagName, html: e.outerHTML.slice(0, 160), named: !!labelled};
                            }""");
                    if (focused == null) {
                        break;
                    }
                    assertThat((Boolean) focused.get("named")).as("on %s, focused %s", route, focused.get("html"))
                            .isTrue();
                }
            }
        } finally {
            page.context().close();
        }
    }

    @Test
    void theDefaultPassphraseBannerShowsAndCanBeDismissed() {
        try (TestGateway defaults = TestGateway.start(dir.resolve("default-passphrase"),
                UiFixture.env(UiFixture.Auth.ON, Map.of()))) {
            assertThat(ui.api(defaults, "secrets/config").body()).contains("\"using_default_passphrase\":true");
            Page page = ui.open(defaults);
            try {
                page.navigate("/#/gateway");
                assertThat(page.getByText("Default passphrase in use.")).isVisible();
                Browser.screenshot(page, "default-passphrase-banner");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                        .setName("Dismiss passphrase warning")).click();
                assertThat(page.getByText("Default passphrase in use.")).isHidden();
                page.navigate("/#/gateway/api-keys");
                assertThat(page.getByRole(AriaRole.HEADING,
                        new Page.GetByRoleOptions().setName("API Keys").setExact(true))).isVisible();
                assertThat(page.getByText("Default passphrase in use.")).isHidden();
            } finally {
                page.context().close();
            }
        }
        Page page = ui.open();
        try {
            page.navigate("/#/gateway");
            assertThat(page.getByRole(AriaRole.HEADING,
                    new Page.GetByRoleOptions().setName("Endpoints").setExact(true))).isVisible();
            assertThat(page.getByText("Default passphrase in use.")).isHidden();
        } finally {
            page.context().close();
        }
    }

    @Test
    void anUnknownRouteSaysSoAndLinksBack() {
        Page page = ui.open();
        try {
            page.navigate("/#/gateway/nowhere");
            assertThat(page.getByText("Page not found")).isVisible();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Go to endpoints")).click();
            assertThat(page.getByRole(AriaRole.HEADING,
                    new Page.GetByRoleOptions().setName("Endpoints").setExact(true))).isVisible();
        } finally {
            page.context().close();
        }
    }

    private static List<String> routes() {
        return List.of("/gateway", "/gateway/create", "/gateway/endpoints/" + endpointId, "/gateway/api-keys",
                "/gateway/gateway-keys", "/gateway/users");
    }
}
