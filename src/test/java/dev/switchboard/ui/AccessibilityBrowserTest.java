package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.ui.Screens.Screen;
import dev.switchboard.ui.Screens.Size;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * axe-core on every page at both sizes, and with dialogs, the provider list and the phone's menu
 * open: no violation of impact "serious" or "critical". Also that a control's accessible name holds
 * the text it shows (WCAG 2.5.3, "label in name"): by our own walk over the named controls and by
 * axe's rule for it, which is experimental and so run here by name.
 */
class AccessibilityBrowserTest {

    /** axe's check of WCAG 2.5.3 ("label in name"): experimental in axe, so off unless asked for by name. */
    private static final String LABEL_IN_NAME = "label-content-name-mismatch";

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
    void thePageHasNoSeriousViolation(Screen screen, Size size) {
        page = Screens.open(ui, screen, size);
        awaitLoaded(screen);
        Axe.assertNoSeriousViolation(page, screen + " at " + size);
        assertNamesHoldTheirText(screen + " at " + size);
    }

    @ParameterizedTest(name = "at {0}")
    @EnumSource(Size.class)
    void openDialogsHaveNoSeriousViolation(Size size) {
        page = ui.open(size.width, size.height);
        page.navigate("/#/gateway/api-keys");
        openDialog("Create API key");
        // The dialog with its provider list open.
        Locator dialog = dialog("Create API key");
        dialog.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Provider")).click();
        assertThat(dialog.getByRole(AriaRole.LISTBOX)).isVisible();
        Axe.assertNoSeriousViolation(page, "Create API key with the provider list open at " + size);
        page.keyboard().press("Escape");
        // The submit button shows what is wrong once pressed: checked with its messages too.
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create API key")).click();
        assertThat(Forms.errorSummary(page)).isVisible();
        Axe.assertNoSeriousViolation(page, "Create API key with an error at " + size);
        assertNamesHoldTheirText("Create API key at " + size);
        page.keyboard().press("Escape");

        page.navigate("/#/gateway/users");
        openDialog("Create user");
        Axe.assertNoSeriousViolation(page, "Create user at " + size);
        page.keyboard().press("Escape");

        page.navigate("/#/gateway/gateway-keys");
        openDialog("Create gateway key");
        Axe.assertNoSeriousViolation(page, "Create gateway key at " + size);
        page.keyboard().press("Escape");

        page.navigate("/#/gateway");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use " + Screens.LONG_ENDPOINT)).click();
        Locator use = page.getByRole(AriaRole.DIALOG);
        assertThat(use).isVisible();
        Locator copy = use.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy code"));
        copy.click();
        assertThat(copy).not().hasText("Copy");
        assertNamesHoldTheirText("the Use dialog, code copied, at " + size);
        Axe.assertNoSeriousViolation(page, "the Use dialog at " + size);
        page.keyboard().press("Escape");

        page.navigate("/#/gateway/create");
        Locator provider = page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Provider"));
        provider.click();
        assertThat(page.getByRole(AriaRole.LISTBOX, new Page.GetByRoleOptions().setName("Providers"))).isVisible();
        Axe.assertNoSeriousViolation(page, "the provider list on Create endpoint at " + size);
        page.keyboard().press("Escape");

        if (size == Size.PHONE) {
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Menu").setExact(true)).click();
            assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Gateway"))).isVisible();
            Axe.assertNoSeriousViolation(page, "the open menu on a phone");
        }
    }

    @ParameterizedTest(name = "at {0}")
    @EnumSource(Size.class)
    void theEditorsKeyButtonsAreNamedByTheirText(Size size) {
        page = ui.open(size.width, size.height);
        page.navigate("/#/gateway/endpoints/" + endpointId);
        Locator newKey = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New key for model 1"));
        assertThat(newKey).hasText("New key");
        assertNamesHoldTheirText("the details page's editor at " + size);

        // A drafted key turns the button into "Edit key", named so too.
        newKey.click();
        Locator dialog = dialog("New API key for OpenAI");
        dialog.getByLabel(Pattern.compile("^API key name\\W*$")).fill("label-in-name-key");
        dialog.getByLabel(Pattern.compile("^API Key\\W*$")).fill("sk-label-in-name-0001");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Use this key")).click();
        Locator editKey = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit key for model 1"));
        assertThat(editKey).hasText("Edit key");
        assertNamesHoldTheirText("the details page's editor with a drafted key at " + size);
        Axe.assertNoSeriousViolation(page, "the details page's editor with a drafted key at " + size);
    }

    private void awaitLoaded(Screen screen) {
        assertThat(Screens.heading(page, screen)).isVisible();
        assertThat(page.getByRole(AriaRole.MAIN)).not().containsText("Loading");
        if (screen.name().equals("usage")) {
            assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Recent calls")))
                    .isVisible();
        }
    }

    /**
     * Every visible button, link, tab, radio and option named by aria-label holds the words it shows
     * first (its label; a symbol such as "×" has none), so that a speech user can say what they see.
     */
    private void assertNamesHoldTheirText(String where) {
        @SuppressWarnings("unchecked")
        List<String> mismatches = (List<String>) page.evaluate("""
                () => {
                  const norm = s => (s || '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
                  const controls = document.querySelectorAll(
                    'button[aria-label], a[aria-label], [role=tab][aria-label], [role=radio][aria-label],'
                    + ' [role=option][aria-label], [role=button][aria-label]');
                  const wrong = [];
                  for (const el of controls) {
                    if (el.getClientRects().length === 0) continue;
                    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
                    let shown = '';
                    for (let n = walker.nextNode(); n && !shown; n = walker.nextNode()) {
                      const parent = n.parentElement;
                      if (parent.closest('[aria-hidden=true], .sr-only')) continue;
                      shown = norm(n.textContent);
                    }
                    if (!shown) continue;
                    const name = norm(el.getAttribute('aria-label'));
                    if (!(' ' + name + ' ').includes(' ' + shown + ' ')) {
                      wrong.push('"' + el.getAttribute('aria-label') + '" shows "' + shown + '"');
                    }
                  }
                  return wrong;
                }""");
        assertThat(mismatches).as("accessible names without their visible text on %s", where).isEmpty();

        AxeResults results = new AxeBuilder(page).withRules(List.of(LABEL_IN_NAME)).analyze();
        assertThat(results.isErrored()).as("axe ran on %s: %s", where, results.getErrorMessage()).isFalse();
        assertThat(Stream.of(results.getPasses(), results.getViolations(), results.getIncomplete(),
                        results.getInapplicable()).flatMap(List::stream).map(Rule::getId))
                .as("axe ran %s on %s", LABEL_IN_NAME, where).contains(LABEL_IN_NAME);
        assertThat(results.getViolations()).as("axe %s on %s:%n%s", LABEL_IN_NAME, where,
                Axe.describe(results.getViolations())).isEmpty();
    }

    private void openDialog(String name) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true)).click();
        assertThat(dialog(name)).isVisible();
    }

    private Locator dialog(String name) {
        return page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName(name));
    }
}
