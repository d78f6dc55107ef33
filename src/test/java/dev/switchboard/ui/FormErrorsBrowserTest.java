package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.switchboard.ui.Forms.button;
import static dev.switchboard.ui.Forms.chooseModel;
import static dev.switchboard.ui.Forms.chooseProvider;
import static dev.switchboard.ui.Forms.dialog;
import static dev.switchboard.ui.Forms.errorOf;
import static dev.switchboard.ui.Forms.errorSummary;
import static dev.switchboard.ui.Forms.heading;
import static dev.switchboard.ui.Forms.label;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors where they belong, on the endpoint details and Create endpoint pages: every problem listed
 * at the top of the form, each also at its field (aria-invalid, aria-describedby), each gone once
 * fixed; a save on an endpoint deleted elsewhere says so and leaves nothing behind.
 */
class FormErrorsBrowserTest {

    @TempDir
    static Path dir;
    static UiFixture ui;
    static FakeUpstream upstream;

    @BeforeAll
    static void start() {
        ui = UiFixture.start(dir);
        upstream = ui.upstream(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", "hello", 3, 2)));
    }

    @AfterAll
    static void stop() {
        ui.close();
    }

    @Test
    void theDetailsEditorListsEveryProblemAndMarksEachAtItsField() {
        String id = endpointOnA("errors-details");
        for (int[] size : new int[][] {{1440, 900}, {390, 844}}) {
            Page page = ui.open(size[0], size[1]);
            page.navigate("/#/gateway/endpoints/" + id);
            assertThat(heading(page, "errors-details")).isVisible();
            assertThat(errorSummary(page)).isHidden();

            button(page, "+ Add model").click();
            button(page, "+ Add fallback model").click();
            Locator summary = errorSummary(page);
            assertThat(summary.getByRole(AriaRole.HEADING)).hasText("Fix these 3 problems to save the changes:");
            assertThat(summary.getByRole(AriaRole.LISTITEM)).hasText(new String[] {
                    "Model 2: choose a provider", "The traffic split must total 100% (now 150%)",
                    "Fallback 1: choose a provider"});
            assertThat(errorOf(page, label(page, "Provider for model 2"))).hasText("Choose a provider");
            assertThat(errorOf(page, label(page, "Provider for fallback 1"))).hasText("Choose a provider");
            assertThat(label(page, "Percentage for model 1")).hasAttribute("aria-describedby",
                    Pattern.compile("details-split-total"));
            assertThat(page.getByText("3 problems to fix, listed above")).isVisible();
            assertThat(button(page, "Save changes")).isDisabled();
            if (size[0] < 600) {
                // The rows' phone layout is not this test's subject: the picture is.
                Browser.screenshot(page, "endpoint-edit-errors-phone");
                page.context().close();
                continue;
            }
            Browser.screenshot(page, "endpoint-edit-errors");

            // An entry takes the user to its field; each error goes once fixed, the next one of the row shows.
            summary.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Model 2: choose a provider"))
                    .click();
            assertThat(label(page, "Provider for model 2")).isFocused();
            chooseProvider(page, label(page, "Provider for model 2"), "openai", "OpenAI");
            assertThat(label(page, "Provider for model 2")).not().hasAttribute("aria-invalid", "true");
            assertThat(errorOf(page, label(page, "Model for model 2"))).hasText("Choose a model");
            chooseModel(page, label(page, "Model for model 2"), "gpt-4o");
            assertThat(errorOf(page, label(page, "API key for model 2"))).hasText("Choose an API key");
            label(page, "API key for model 2").selectOption(new SelectOption().setLabel("errors-details-key"));
            label(page, "Percentage for model 1").fill("50");
            button(page, "Remove fallback 1").click();
            assertThat(summary).isHidden();
            assertThat(label(page, "Percentage for model 1")).not().hasAttribute("aria-invalid", "true");
            assertThat(button(page, "Save changes")).isEnabled();

            // The same model with the same key twice: said at the second one's key.
            chooseModel(page, label(page, "Model for model 2"), "gpt-4o-mini");
            assertThat(summary.getByRole(AriaRole.LISTITEM))
                    .hasText("Model 1 and Model 2 are the same model with the same API key");
            assertThat(errorOf(page, label(page, "API key for model 2"))).hasText("Same model and API key as model 1");
            page.context().close();
        }
    }

    @Test
    void aRefusedCreateListsEveryProblemAtTheTopAndEachGoesOnceFixed() {
        for (int[] size : new int[][] {{1440, 900}, {390, 844}}) {
            Page page = ui.open(size[0], size[1]);
            page.navigate("/#/gateway/create");
            assertThat(heading(page, "Create endpoint")).isVisible();
            assertThat(errorSummary(page)).isHidden();
            Locator create = button(page, "Create endpoint");
            assertThat(create).isEnabled();
            create.click();

            Locator summary = errorSummary(page);
            assertThat(summary).isFocused();
            assertThat(summary.getByRole(AriaRole.LISTITEM)).hasText(new String[] {
                    "Name is required", "Select a provider", "Select a model"});
            Locator name = page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Name").setExact(true));
            assertThat(name).hasAttribute("aria-invalid", "true");
            assertThat(page.locator("#create-name-error")).hasText("Name is required");
            Locator provider = page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Provider"));
            assertThat(errorOf(page, provider)).hasText("Select a provider");
            assertThat(page.getByText("3 problems to fix, listed at the top of the form")).isVisible();

            // The provider brings its key's fields, and their problems join the list.
            chooseProvider(page, provider, "openai", "OpenAI");
            assertThat(summary.getByRole(AriaRole.LISTITEM)).hasText(new String[] {
                    "Name is required", "Select a model", "Enter an API key name", "Enter API Key"});
            Locator apiKey = page.getByLabel(Pattern.compile("^API Key\\*?$"));
            assertThat(errorOf(page, apiKey)).hasText("Enter API Key");
            name.fill("bad name!");
            assertThat(summary.getByRole(AriaRole.LISTITEM).first())
                    .hasText("Name: use only letters, digits, '.', '_' and '-'");
            Browser.screenshot(page, size[0] < 600 ? "create-endpoint-errors-phone" : "create-endpoint-errors");

            summary.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Enter API Key")).click();
            assertThat(apiKey).isFocused();
            apiKey.fill("sk-test-errors");
            assertThat(apiKey).not().hasAttribute("aria-invalid", "true");
            page.getByLabel(Pattern.compile("^API key name\\*?$")).fill("errors-create-key-" + size[0]);
            name.fill("errors-create-" + size[0]);
            assertThat(summary.getByRole(AriaRole.LISTITEM)).hasText("Select a model");
            chooseModel(page, page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Model")
                    .setExact(true)), "gpt-4o-mini");
            assertThat(summary).isHidden();
            page.getByLabel(Pattern.compile("^API Base URL\\*?$")).fill(upstream.baseUrl() + "/v1");
            create.click();
            assertThat(page).hasURL(Pattern.compile("#/gateway/endpoints/e-[0-9a-f]{32}$"));
            page.context().close();
        }
    }

    @Test
    void aSaveOnAnEndpointDeletedElsewhereSaysSoAndLeavesNothingBehind() {
        String id = endpointOnA("deleted-meanwhile");
        Page page = ui.open();
        page.navigate("/#/gateway/endpoints/" + id);
        // Another model (a new model definition) and a fallback on a new key (a new key and definition).
        chooseModel(page, label(page, "Model for model 1"), "gpt-4o");
        button(page, "+ Add fallback model").click();
        chooseProvider(page, label(page, "Provider for fallback 1"), "openai", "OpenAI");
        chooseModel(page, label(page, "Model for fallback 1"), "gpt-4o-mini");
        button(page, "New key for fallback 1").click();
        Locator newKey = dialog(page, "New API key for OpenAI");
        // Used empty, the dialog says at each field what it lacks.
        newKey.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Use this key")).click();
        assertThat(errorOf(page, newKey.getByLabel(Pattern.compile("^API key name\\*?$"))))
                .hasText("Enter an API key name");
        assertThat(errorOf(page, newKey.getByLabel(Pattern.compile("^API Key\\*?$")))).hasText("Enter API Key");
        newKey.getByLabel("API key name").fill("gone-key-new");
        assertThat(newKey.getByLabel(Pattern.compile("^API key name\\*?$"))).not().hasAttribute("aria-invalid", "true");
        newKey.getByLabel(Pattern.compile("^API Key\\W*$")).fill("sk-test-gone-new");
        newKey.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Use this key")).click();
        assertThat(page.getByText("Unsaved changes")).isVisible();

        // Another tab deletes the endpoint; then Save.
        assertThat(ui.api("DELETE", "endpoints/delete", "{\"endpoint_id\": \"" + id + "\"}").status()).isEqualTo(200);
        List<String> definitions = names("model-definitions/list", "model_definitions", "name");
        List<String> secrets = names("secrets/list", "secrets", "secret_name");
        button(page, "Save changes").click();

        Locator alert = page.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions().setHasText("deleted"));
        assertThat(alert).containsText("This endpoint was deleted (in another tab or by another user)");
        assertThat(alert).containsText("Nothing from this save was kept.");
        assertThat(names("model-definitions/list", "model_definitions", "name")).isEqualTo(definitions);
        assertThat(names("secrets/list", "secrets", "secret_name")).isEqualTo(secrets).doesNotContain("gone-key-new");
        // The edits stay in view, nothing can be saved any more, and leaving does not ask.
        assertThat(label(page, "Model for model 1")).hasValue("gpt-4o");
        assertThat(button(page, "Save changes")).isDisabled();
        assertThat(button(page, "Rename")).isHidden();
        alert.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Back to endpoints")).click();
        assertThat(page).hasURL(Pattern.compile("#/gateway$"));
        page.context().close();
    }

    @Test
    void anotherFailedSaveShowsTheGatewaysMessageKeepsTheEditsAndGoesOnceEdited() {
        String id = endpointOnA("save-fails");
        Page page = ui.open();
        page.navigate("/#/gateway/endpoints/" + id);
        chooseModel(page, label(page, "Model for model 1"), "gpt-4o");
        page.route(url -> url.contains("/endpoints/update"), route -> route.fulfill(new Route.FulfillOptions()
                .setStatus(503).setContentType("application/json")
                .setBody("{\"error_code\": \"TEMPORARILY_UNAVAILABLE\", \"message\": \"the store is busy\"}")));
        button(page, "Save changes").click();
        Locator alert = page.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions().setHasText("Not saved"));
        assertThat(alert).hasText("Not saved: the store is busy");
        assertThat(label(page, "Model for model 1")).hasValue("gpt-4o");
        assertThat(button(page, "Save changes")).isEnabled();

        page.unrouteAll();
        chooseModel(page, label(page, "Model for model 1"), "gpt-4.1");
        assertThat(alert).isHidden();
        button(page, "Save changes").click();
        assertThat(page.getByText("Saved — changes are live")).isVisible();
        assertThat(ui.getEndpoint(id).at("/model_mappings/0/model_definition/model_name").asText()).isEqualTo("gpt-4.1");
        page.context().close();
    }

    /** An endpoint on one OpenAI model whose key ("<name>-key") sends calls to the fake upstream. */
    private static String endpointOnA(String name) {
        String key = ui.openAiKey(name + "-key", "sk-test-" + name, upstream);
        return ui.endpoint(name, UiFixture.primary(ui.definition(name + "-def", key, "openai", "gpt-4o-mini")));
    }

    /** The names of everything a list route answers ({@code field} of each item of {@code key}), sorted. */
    private static List<String> names(String route, String key, String field) {
        List<String> names = new ArrayList<>();
        ui.api("GET", route).json().path(key).forEach(item -> names.add(item.path(field).asText()));
        names.sort(Comparator.naturalOrder());
        return names;
    }
}
