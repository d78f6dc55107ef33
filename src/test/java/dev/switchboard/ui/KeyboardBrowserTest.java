package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import dev.switchboard.ui.Screens.Screen;
import dev.switchboard.ui.Screens.Size;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UI with a keyboard and a screen reader: the arrow keys pass over options that cannot be
 * picked, Enter in a field never closes a dialog or a form, focus goes to the new page's heading
 * after a move, every page has its own title, and the tab has an icon.
 */
class KeyboardBrowserTest {

    @TempDir
    static Path dir;
    static UiFixture ui;
    static String endpointId;

    Page page;

    @BeforeAll
    static void start() {
        ui = UiFixture.start(dir.resolve("gw"));
        endpointId = Screens.seed(ui);
        // More than six endpoints: the Create gateway key dialog offers a filter over them.
        String key = ui.secret("filler-key", "openai", "sk-filler-0003", "{}");
        for (int i = 1; i <= 5; i++) {
            ui.endpoint("filler-" + i, UiFixture.primary(ui.definition("filler-def-" + i, key, "openai", "gpt-4o")));
        }
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
    void theArrowKeysPassOverProvidersThatCannotBePicked() {
        page = ui.open();
        page.navigate("/#/gateway/create");
        Locator combobox = page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Provider"));
        // Enabled once the providers are loaded.
        assertThat(combobox).isEnabled();
        combobox.focus();
        page.keyboard().press("ArrowDown");
        Locator listbox = page.getByRole(AriaRole.LISTBOX, new Page.GetByRoleOptions().setName("Providers"));
        Locator options = listbox.getByRole(AriaRole.OPTION);
        assertThat(listbox).isVisible();
        // The common providers hold some that cannot be called (Amazon Bedrock, for one).
        assertThat(listbox.locator("[role=option][aria-disabled=true]").first()).isVisible();
        int count = options.count();
        Set<String> visited = new HashSet<>();
        for (String key : new String[] {"ArrowDown", "ArrowUp"}) {
            for (int i = 0; i < count + 1; i++) {
                String active = combobox.getAttribute("aria-activedescendant");
                Locator option = page.locator("[id='" + active + "']");
                assertThat(option).hasAttribute("role", "option");
                assertThat(option).not().hasAttribute("aria-disabled", "true");
                assertThat(option).hasClass(Pattern.compile("\\bactive\\b"));
                visited.add(active);
                page.keyboard().press(key);
            }
        }
        int usable = count - listbox.locator("[role=option][aria-disabled=true]").count();
        assertThat(visited).as("every usable option is reached").hasSize(usable);

        // Home and End land on usable options too, and Enter picks the active one.
        page.keyboard().press("Home");
        assertThat(page.locator("[id='" + combobox.getAttribute("aria-activedescendant") + "']"))
                .hasAccessibleName("OpenAI");
        page.keyboard().press("Enter");
        assertThat(combobox).hasValue("OpenAI");
    }

    @Test
    void enterInAFieldNeverClosesADialog() {
        page = ui.open();
        page.navigate("/#/gateway/users");
        openDialog("Create user", "Create user");
        Locator dialog = dialog("Create user");
        dialog.getByLabel("Username").fill("enter-tester");
        dialog.getByLabel("Username").press("Enter");
        assertThat(dialog).isVisible();
        assertThat(dialog.getByText("Enter a password")).isVisible();
        dialog.getByLabel("Password").fill("short");
        dialog.getByLabel("Password").press("Enter");
        assertThat(dialog).isVisible();
        assertThat(dialog.getByText("At least 12 characters (now 5)")).isVisible();
        page.keyboard().press("Escape");
        assertThat(dialog).isHidden();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reset password of maria.rodriguez")).click();
        Locator reset = dialog("Reset password of maria.rodriguez");
        reset.getByLabel("New password").fill("tiny");
        reset.getByLabel("New password").press("Enter");
        assertThat(reset).isVisible();
        assertThat(reset.getByText("At least 12 characters (now 4)")).isVisible();
        page.keyboard().press("Escape");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
        Locator change = dialog("Change your password");
        change.getByLabel("New password").press("Enter");
        assertThat(change).isVisible();
        assertThat(change.getByText("Enter a password")).isVisible();
        page.keyboard().press("Escape");

        // The gateway key dialog: Enter in the endpoint filter neither creates the key nor closes.
        page.navigate("/#/gateway/gateway-keys");
        openDialog("Create gateway key", "Create gateway key");
        Locator keyDialog = dialog("Create gateway key");
        Locator keyName = keyDialog.getByRole(AriaRole.TEXTBOX, new Locator.GetByRoleOptions().setName("Name")
                .setExact(true));
        keyName.fill("half-filled");
        Locator filter = keyDialog.getByRole(AriaRole.SEARCHBOX, new Locator.GetByRoleOptions()
                .setName("Filter endpoints"));
        filter.fill("filler-2");
        filter.press("Enter");
        assertThat(keyDialog).isVisible();
        assertThat(keyDialog.getByRole(AriaRole.CHECKBOX)).hasCount(1);
        assertThat(ui.api("GET", "gateway-keys/list").body()).doesNotContain("half-filled");
        keyName.fill("");
        keyName.press("Enter");
        assertThat(keyDialog.getByText("Enter a name")).isVisible();
        page.keyboard().press("Escape");

        // The API key dialog (a form of the API Keys page).
        page.navigate("/#/gateway/api-keys");
        openDialog("Create API key", "Create API key");
        Locator apiKey = dialog("Create API key");
        apiKey.getByLabel("API key name").fill("enter-key");
        apiKey.getByLabel("API key name").press("Enter");
        assertThat(apiKey).isVisible();
        assertThat(apiKey.getByLabel("API key name")).hasValue("enter-key");
    }

    @Test
    void aDialogLeavesThePageBehindItInert() {
        page = ui.open();
        page.navigate("/#/gateway/users");
        Locator nav = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Gateway"));
        assertThat(nav).isVisible();
        openDialog("Create user", "Create user");
        // Neither a screen reader nor Tab nor a click reaches the page behind the dialog.
        assertThat(page.locator("#root")).hasJSProperty("inert", true);
        assertThat(dialog("Create user")).hasJSProperty("inert", false);
        // An inert element cannot take focus, even when asked to by a script.
        Locator usersLink = nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Users"));
        usersLink.evaluate("a => a.focus()");
        assertThat(usersLink).not().isFocused();
        page.keyboard().press("Escape");
        assertThat(dialog("Create user")).isHidden();
        assertThat(page.locator("#root")).hasJSProperty("inert", false);
        usersLink.evaluate("a => a.focus()");
        assertThat(usersLink).isFocused();
    }

    @Test
    void enterWhileRenamingSavesOrExplainsButNeverCancels() {
        page = ui.open();
        page.navigate("/#/gateway/endpoints/" + endpointId);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rename")).click();
        Locator name = page.getByLabel("Endpoint name");
        name.fill(".bad name");
        name.press("Enter");
        assertThat(name).isVisible();
        assertThat(name).hasValue(".bad name");
    }

    @Test
    void focusGoesToTheHeadingOfTheNewPage() {
        page = ui.open();
        page.navigate("/#/gateway");
        assertThat(heading("Endpoints")).isVisible();
        for (String[] link : new String[][] {{"API Keys", "API Keys"}, {"Usage", "Usage"},
                {"Gateway keys", "Gateway keys"}, {"Users", "Users"}, {"Endpoints", "Endpoints"}}) {
            page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Gateway"))
                    .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(link[0]).setExact(true)).click();
            assertThat(heading(link[1])).isFocused();
        }
        // A link inside a page: the endpoint's page shows its heading once loaded, and it takes focus.
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Screens.LONG_ENDPOINT).setExact(true))
                .click();
        assertThat(heading(Screens.LONG_ENDPOINT)).isFocused();
        // Tab goes on from the top of the new page, not from the side navigation.
        page.keyboard().press("Tab");
        assertThat(page.getByRole(AriaRole.MAIN).locator(":focus")).hasCount(1);

        // A change of the page's query (a Usage filter) is not a move: focus stays on the control.
        page.navigate("/#/gateway/usage");
        Locator range = page.getByLabel("Time range");
        range.focus();
        range.selectOption(new SelectOption().setLabel("Last 7 days"));
        assertThat(page).hasURL(Pattern.compile("range=7d"));
        assertThat(range).isFocused();

        // The sign-in page keeps focus in its username field.
        Page signedOut = ui.openSignedOut();
        try {
            signedOut.navigate("/#/gateway/users");
            assertThat(signedOut.getByLabel("Username")).isFocused();
        } finally {
            signedOut.context().close();
        }
    }

    @Test
    void everyPageHasItsOwnTitle() {
        List<String> titles = new ArrayList<>();
        for (Screen screen : Screens.all(endpointId)) {
            page = Screens.open(ui, screen, Size.DESKTOP);
            assertThat(Screens.heading(page, screen)).isVisible();
            String expected = switch (screen.name()) {
                case "endpoints" -> "Endpoints";
                case "create-endpoint" -> "Create endpoint";
                case "endpoint-details" -> Screens.LONG_ENDPOINT + " · Endpoint";
                case "api-keys" -> "API keys";
                case "usage" -> "Usage";
                case "budgets" -> "Budgets";
                case "gateway-keys" -> "Gateway keys";
                case "users" -> "Users";
                case "sign-in" -> "Sign in";
                default -> throw new AssertionError("no title for " + screen);
            };
            assertThat(page).hasTitle(expected + " · Switchboard");
            titles.add(page.title());
            page.context().close();
            page = null;
        }
        assertThat(new HashSet<>(titles)).hasSameSizeAs(titles);
    }

    @Test
    void theTabHasTheGatewaysIcon() {
        page = ui.open();
        page.navigate("/#/gateway");
        Locator icon = page.locator("link[rel=icon]");
        assertThat(icon).hasAttribute("type", "image/svg+xml");
        Object loaded = page.evaluate("""
                href => new Promise(done => {
                  const img = new Image();
                  img.onload = () => done(img.naturalWidth > 0);
                  img.onerror = () => done(false);
                  img.src = href;
                })""", icon.getAttribute("href"));
        assertThat(loaded).isEqualTo(true);
    }

    private void openDialog(String button, String title) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button).setExact(true)).click();
        assertThat(dialog(title)).isVisible();
    }

    private Locator dialog(String title) {
        return page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName(title));
    }

    private Locator heading(String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
