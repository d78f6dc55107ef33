package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.ui.Screens.Size;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The API Keys page's Create and Edit dialogs show every validation error, as the endpoint forms do:
 * each at its field (aria-invalid, described by its message) and all of them in a summary at the top
 * that takes focus and whose entries focus their field; an error goes as soon as its cause is fixed.
 * At a phone's and a laptop's size; screenshots {@code apikey-errors-create-<size>.png},
 * {@code apikey-errors-edit-<size>.png}.
 */
class ApiKeyErrorsBrowserTest {

    private static final String STORED_BASE = "https://stored.cloud.databricks.com";

    @TempDir
    static Path dir;
    static UiFixture ui;

    Page page;

    @BeforeAll
    static void start() {
        ui = UiFixture.start(dir);
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
    void createListsEveryErrorAndEachGoesWhenFixed(Size size) {
        page = ui.open(size.width, size.height);
        page.navigate("/#/gateway/api-keys");
        Forms.button(page, "Create API key").click();
        Locator dialog = Forms.dialog(page, "Create API key");
        Locator create = dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create API key"));
        Locator name = dialog.getByLabel(Pattern.compile("^API key name\\W*$"));
        Locator provider = dialog.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Provider"));

        // Nothing is flagged before the first try.
        assertThat(Forms.errorSummary(page)).hasCount(0);
        create.click();
        Locator summary = Forms.errorSummary(page);
        assertThat(summary).isFocused();
        assertThat(summary.getByRole(AriaRole.HEADING)).hasText("Fix these 2 problems to create the API key:");
        assertThat(entries()).hasText(new String[] {"Enter an API key name", "Select a provider"});
        assertThat(Forms.errorOf(page, name)).hasText("Enter an API key name");
        assertThat(Forms.errorOf(page, provider)).hasText("Select a provider");

        // A provider whose key needs two fields: both join the list, and the provider's error goes.
        Forms.chooseProvider(page, provider, "databricks", "Databricks");
        assertThat(provider).not().hasAttribute("aria-invalid", "true");
        assertThat(entries()).hasText(new String[] {"Enter an API key name", "Enter API Key", "Enter API Base URL"});
        Locator apiKey = dialog.getByLabel(Pattern.compile("^API Key\\W*$"));
        Locator apiBase = dialog.getByLabel(Pattern.compile("^API Base URL\\W*$"));
        assertThat(Forms.errorOf(page, apiKey)).hasText("Enter API Key");
        assertThat(Forms.errorOf(page, apiBase)).hasText("Enter API Base URL");
        Geometry.assertNoSidewaysScroll(page, "the Create API key dialog at " + size);
        Browser.screenshot(page, "apikey-errors-create-" + size.suffix());

        // Each fix removes its error, at the field and in the list.
        name.fill("errors-key-" + size.suffix());
        assertThat(name).not().hasAttribute("aria-invalid", "true");
        assertThat(entries()).hasText(new String[] {"Enter API Key", "Enter API Base URL"});
        apiKey.fill("dapi-errors-secret-0001");
        assertThat(apiKey).not().hasAttribute("aria-invalid", "true");
        assertThat(entries()).hasText(new String[] {"Enter API Base URL"});
        assertThat(summary.getByRole(AriaRole.HEADING)).hasText("Fix this problem to create the API key:");
        // An entry takes the user to its field.
        summary.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Enter API Base URL")).click();
        assertThat(apiBase).isFocused();
        apiBase.fill("https://errors.cloud.databricks.com");
        assertThat(summary).hasCount(0);

        create.click();
        assertThat(dialog).hasCount(0);
        assertThat(ui.api("GET", "secrets/get?secret_name=errors-key-" + size.suffix())
                .text("/secret/auth_config/api_base")).isEqualTo("https://errors.cloud.databricks.com");
    }

    @ParameterizedTest(name = "at {0}")
    @EnumSource(Size.class)
    void editListsEveryErrorAndSavesNothingUntilFixed(Size size) {
        String keyName = "edit-errors-" + size.suffix();
        ui.secret(keyName, "databricks", "dapi-stored-secret-0002", "{\"api_base\": \"" + STORED_BASE + "\"}");
        page = ui.open(size.width, size.height);
        page.navigate("/#/gateway/api-keys");
        Forms.button(page, "Edit " + keyName).click();
        Locator dialog = Forms.dialog(page, "Edit API key");
        Locator save = dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save changes"));
        Locator apiKey = dialog.getByLabel(Pattern.compile("^API Key\\W*$"));
        Locator apiBase = dialog.getByLabel(Pattern.compile("^API Base URL\\W*$"));
        assertThat(apiBase).hasValue(STORED_BASE);

        // Emptied, the address is missing; and a new address needs the key itself (typed again).
        apiBase.fill("");
        save.click();
        Locator summary = Forms.errorSummary(page);
        assertThat(summary).isFocused();
        assertThat(entries()).hasText(new String[] {"Enter API Key", "Enter API Base URL"});
        assertThat(Forms.errorOf(page, apiKey)).hasText("Enter API Key");
        assertThat(Forms.errorOf(page, apiBase)).hasText("Enter API Base URL");
        Geometry.assertNoSidewaysScroll(page, "the Edit API key dialog at " + size);
        Browser.screenshot(page, "apikey-errors-edit-" + size.suffix());
        assertThat(ui.api("GET", "secrets/get?secret_name=" + keyName).text("/secret/auth_config/api_base"))
                .as("nothing is saved while there are errors").isEqualTo(STORED_BASE);

        apiBase.fill("https://moved.cloud.databricks.com");
        assertThat(apiBase).not().hasAttribute("aria-invalid", "true");
        assertThat(entries()).hasText(new String[] {"Enter API Key"});
        apiKey.fill("dapi-moved-secret-0003");
        assertThat(summary).hasCount(0);
        assertThat(apiKey).not().hasAttribute("aria-invalid", "true");

        save.click();
        assertThat(dialog).hasCount(0);
        assertThat(ui.api("GET", "secrets/get?secret_name=" + keyName).text("/secret/auth_config/api_base"))
                .isEqualTo("https://moved.cloud.databricks.com");
    }

    private Locator entries() {
        return Forms.errorSummary(page).getByRole(AriaRole.LISTITEM);
    }
}
