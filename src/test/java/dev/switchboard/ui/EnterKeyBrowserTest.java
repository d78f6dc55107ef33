package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.TestGateway;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enter in a text field never throws away what was typed: in every form (Create endpoint, the
 * endpoint details page's editor, rename and new-key dialog, the API key, gateway key and user
 * dialogs) it either leaves the form as it was (still incomplete: the errors show) or saves it with
 * the values typed. The page is never reloaded and no dialog closes without saving. Each step types,
 * presses Enter, then checks the values on screen, or what the gateway stored.
 */
class EnterKeyBrowserTest {

    @TempDir
    static Path dir;
    static UiFixture ui;
    static String endpointId;

    Page page;

    @BeforeAll
    static void start() {
        ui = UiFixture.start(dir);
        String key = ui.secret("enter-openai", "openai", "sk-enter-0001", "{}");
        endpointId = ui.endpoint("enter-chat", UiFixture.primary(ui.definition("enter-def", key, "openai", "gpt-4o")));
        // Enough endpoints for Create gateway key to offer its endpoint filter (more than six).
        for (int i = 1; i <= 6; i++) {
            ui.endpoint("other-chat-" + i, UiFixture.primary(ui.definition("other-def-" + i, key, "openai", "gpt-4o")));
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
    void onCreateEndpointEnterKeepsTheFormOrCreatesWithTheValuesTyped() {
        page = ui.open();
        page.navigate("/#/gateway/create");
        markThePage();
        Locator name = Forms.label(page, "Name").or(page.getByLabel(Pattern.compile("^Name\\W*$"))).first();
        name.fill("enter-created");
        name.press("Enter");
        // Incomplete: refused with every problem listed, and the name still there.
        assertThat(Forms.errorSummary(page)).isVisible();
        assertThat(name).hasValue("enter-created");
        assertSamePage("#/gateway/create");

        Forms.chooseProvider(page, page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Provider")),
                "openai", "OpenAI");
        Forms.chooseModel(page, page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName(
                Pattern.compile("^Model\\W*$"))), "gpt-4o-mini");
        Locator apiKey = page.getByLabel(Pattern.compile("^API Key\\W*$"));
        Locator keyName = page.getByLabel(Pattern.compile("^API key name\\W*$"));
        keyName.fill("enter-created-key");
        keyName.press("Enter");
        assertThat(keyName).hasValue("enter-created-key");
        assertThat(name).hasValue("enter-created");
        assertThat(Forms.errorSummary(page).getByRole(AriaRole.LISTITEM)).hasText(new String[] {"Enter API Key"});
        apiKey.fill("sk-enter-created-0002");
        apiKey.press("Enter");

        // Complete: created with what was typed.
        assertThat(page).hasURL(Pattern.compile("#/gateway/endpoints/"));
        assertThat(Forms.heading(page, "enter-created")).isVisible();
        assertThat(ui.api("GET", "secrets/get?secret_name=enter-created-key").status()).isEqualTo(200);
    }

    @Test
    void onTheDetailsPageEnterKeepsTheDraftAndSavesOnlyARename() {
        page = ui.open();
        page.navigate("/#/gateway/endpoints/" + endpointId);
        assertThat(Forms.label(page, "Percentage for model 1")).hasValue("100");
        markThePage();

        // The editor: Enter in a row's field changes nothing.
        Forms.button(page, "+ Add model").click();
        Locator percent = Forms.label(page, "Percentage for model 2");
        percent.fill("40");
        percent.press("Enter");
        Forms.label(page, "Percentage for model 1").fill("60");
        Forms.label(page, "Percentage for model 1").press("Enter");
        assertThat(percent).hasValue("40");
        assertThat(Forms.label(page, "Percentage for model 1")).hasValue("60");
        assertThat(Forms.button(page, "Discard changes")).isEnabled();
        Forms.button(page, "+ Add fallback model").click();
        Locator maxAttempts = Forms.label(page, "Max attempts");
        maxAttempts.fill("1");
        maxAttempts.press("Enter");
        assertThat(maxAttempts).hasValue("1");
        assertSamePage("#/gateway/endpoints/" + endpointId);

        // The new-key dialog: incomplete, it stays open with the name typed; complete, it keeps the key.
        Forms.chooseProvider(page, Forms.label(page, "Provider for model 2"), "openai", "OpenAI");
        Forms.button(page, "New key for model 2").click();
        Locator dialog = Forms.dialog(page, "New API key for OpenAI");
        Locator keyName = dialog.getByLabel(Pattern.compile("^API key name\\W*$"));
        keyName.fill("enter-drafted-key");
        keyName.press("Enter");
        assertThat(dialog).isVisible();
        assertThat(keyName).hasValue("enter-drafted-key");
        Locator apiKey = dialog.getByLabel(Pattern.compile("^API Key\\W*$"));
        apiKey.fill("sk-enter-drafted-0003");
        apiKey.press("Enter");
        assertThat(dialog).hasCount(0);
        assertThat(Forms.label(page, "API key for model 2").locator("option:checked")).hasText("New: enter-drafted-key");
        // The draft around the dialog is untouched.
        assertThat(percent).hasValue("40");
        assertThat(Forms.label(page, "Percentage for model 1")).hasValue("60");
        assertThat(ui.api("GET", "secrets/get?secret_name=enter-drafted-key").status())
                .as("a drafted key is stored only when the endpoint is saved").isEqualTo(404);

        // Rename: Enter saves the name typed.
        Forms.button(page, "Discard changes").click();
        Forms.button(page, "Rename").click();
        Locator newName = Forms.label(page, "Endpoint name");
        newName.fill("enter-renamed");
        newName.press("Enter");
        assertThat(Forms.heading(page, "enter-renamed")).isVisible();
        assertThat(ui.getEndpoint(endpointId).path("name").asText()).isEqualTo("enter-renamed");
        assertSamePage("#/gateway/endpoints/" + endpointId);
    }

    @Test
    void inTheApiKeyDialogsEnterKeepsTheValuesOrSavesThem() {
        page = ui.open();
        page.navigate("/#/gateway/api-keys");
        markThePage();
        Forms.button(page, "Create API key").click();
        Locator dialog = Forms.dialog(page, "Create API key");
        Locator name = dialog.getByLabel(Pattern.compile("^API key name\\W*$"));
        Locator description = dialog.getByLabel("Description");
        name.fill("enter-key");
        name.press("Enter");
        description.fill("typed before Enter");
        description.press("Enter");
        assertThat(dialog).isVisible();
        assertThat(name).hasValue("enter-key");
        assertThat(description).hasValue("typed before Enter");
        assertThat(Forms.errorSummary(page).getByRole(AriaRole.LISTITEM)).hasText(new String[] {"Select a provider"});

        Forms.chooseProvider(page, dialog.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Provider")),
                "openai", "OpenAI");
        Locator apiKey = dialog.getByLabel(Pattern.compile("^API Key\\W*$"));
        apiKey.fill("sk-enter-key-0004");
        apiKey.press("Enter");
        assertThat(dialog).hasCount(0);
        assertThat(ui.api("GET", "secrets/get?secret_name=enter-key").text("/secret/description"))
                .isEqualTo("typed before Enter");

        // Edit: Enter in the description saves it.
        Forms.button(page, "Edit enter-key").click();
        Locator edit = Forms.dialog(page, "Edit API key");
        edit.getByLabel("Description").fill("changed with Enter");
        edit.getByLabel("Description").press("Enter");
        assertThat(edit).hasCount(0);
        assertThat(ui.api("GET", "secrets/get?secret_name=enter-key").text("/secret/description"))
                .isEqualTo("changed with Enter");
        assertSamePage("#/gateway/api-keys");
    }

    @Test
    void inTheGatewayKeyDialogEnterKeepsTheValuesOrCreatesTheKey() {
        page = ui.open();
        page.navigate("/#/gateway/gateway-keys");
        markThePage();
        Forms.button(page, "Create gateway key").click();
        Locator dialog = Forms.dialog(page, "Create gateway key");
        Locator name = dialog.getByLabel(Pattern.compile("^Name\\W*$"));
        name.fill("enter-gateway-key");
        // Enter in the endpoints' search only searches.
        Locator search = dialog.getByLabel("Filter endpoints");
        search.fill("other-chat-1");
        search.press("Enter");
        assertThat(dialog).isVisible();
        assertThat(name).hasValue("enter-gateway-key");
        assertThat(search).hasValue("other-chat-1");
        dialog.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("other-chat-1")).check();

        name.press("Enter");
        Locator created = Forms.dialog(page, "Gateway key created");
        assertThat(created).isVisible();
        String keys = ui.api("GET", "gateway-keys/list").body();
        assertThat(keys).as("created with the name typed").contains("enter-gateway-key");
        assertSamePage("#/gateway/gateway-keys");
    }

    @Test
    void inTheUserDialogsEnterKeepsTheValuesOrSavesThem() {
        page = ui.open();
        page.navigate("/#/gateway/users");
        markThePage();
        Forms.button(page, "Create user").click();
        Locator dialog = Forms.dialog(page, "Create user");
        Locator username = dialog.getByLabel(Pattern.compile("^Username\\W*$"));
        username.fill("enter.user");
        username.press("Enter");
        assertThat(dialog).isVisible();
        assertThat(username).hasValue("enter.user");
        assertThat(dialog).containsText("Enter a password");

        Locator password = dialog.getByLabel(Pattern.compile("^Password\\W*$"));
        password.fill("a-long-enough-password");
        password.press("Enter");
        assertThat(dialog).hasCount(0);
        assertThat(page.getByRole(AriaRole.TABLE)).containsText("enter.user");
        assertThat(ui.mlflow("GET", "users/get?username=enter.user", null).status()).isEqualTo(200);

        // Reset password: too short, Enter keeps the dialog and the value; long enough, it is set.
        Forms.button(page, "Reset password of enter.user").click();
        Locator reset = Forms.dialog(page, "Reset password of enter.user");
        Locator newPassword = reset.getByLabel(Pattern.compile("^New password\\W*$"));
        newPassword.fill("short");
        newPassword.press("Enter");
        assertThat(reset).isVisible();
        assertThat(newPassword).hasValue("short");
        assertThat(newPassword).hasAttribute("aria-invalid", "true");
        newPassword.fill("another-long-enough-password");
        newPassword.press("Enter");
        assertThat(reset).hasCount(0);
        assertThat(page.getByText("Password of enter.user changed.")).isVisible();
        assertThat(signsIn("enter.user", "another-long-enough-password")).as("the new password works").isTrue();
        assertThat(signsIn("enter.user", "a-long-enough-password")).as("the old one no longer does").isFalse();
        assertSamePage("#/gateway/users");
    }

    /** Whether the management API takes these credentials (lists the endpoints the user may see). */
    private static boolean signsIn(String username, String password) {
        return ui.gateway().send("GET", TestGateway.API + "endpoints/list", null,
                Map.of("Authorization", UiFixture.basic(username, password))).status() == 200;
    }

    /** Marks the loaded document, so that a reload (which would drop every value typed) is seen. */
    private void markThePage() {
        page.evaluate("() => { window.__enterMark = 'not reloaded'; }");
    }

    private void assertSamePage(String route) {
        assertThat(page).hasURL(Pattern.compile(route + "$"));
        assertThat(page.evaluate("() => window.__enterMark")).as("the page was not reloaded").isEqualTo("not reloaded");
    }
}
