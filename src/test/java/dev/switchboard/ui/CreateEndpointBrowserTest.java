package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Create endpoint page in a real browser, against the real gateway and a fake OpenAI upstream:
 * the endpoint made through the form answers over HTTP with the upstream's text and the typed key.
 */
class CreateEndpointBrowserTest {

    private static final String UPSTREAM_TEXT = "Hello from the fake upstream";
    private static final Pattern DETAILS_URL = Pattern.compile(".*#/gateway/endpoints/e-[0-9a-f]{32}$");

    @TempDir
    static Path dir;
    static UiFixture ui;
    static FakeUpstream upstream;
    Page page;
    final List<String> pageErrors = new ArrayList<>();

    @BeforeAll
    static void start() {
        ui = UiFixture.start(dir);
        upstream = ui.upstream(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", UPSTREAM_TEXT, 10, 5)));
    }

    @AfterAll
    static void stop() {
        ui.close();
    }

    @BeforeEach
    void openPage() {
        page = ui.open();
        pageErrors.clear();
        page.onPageError(pageErrors::add);
        page.navigate("/#/gateway/create");
        assertThat(heading("Create endpoint")).isVisible();
    }

    @AfterEach
    void closePage() {
        page.context().close();
        assertThat(pageErrors).as("uncaught errors in the page").isEmpty();
    }

    @Test
    void createsAnEndpointThroughTheFormThatAnswersOverHttp() throws Exception {
        nameInput().fill("ui-chat");
        assertThat(page.locator("#create-name-path")).hasText("Your API path: /gateway/ui-chat/...");

        pickProvider("openai", "OpenAI");
        assertThat(providerCombobox()).hasValue("OpenAI");

        modelInput().click();
        Locator dialog = dialog("Select a model");
        assertThat(dialog).isVisible();
        dialog.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Search models")).fill("gpt-4o-mini");
        Locator option = dialog.getByRole(AriaRole.OPTION, new Locator.GetByRoleOptions().setName("gpt-4o-mini").setExact(true));
        assertThat(option).containsText("Tools");
        assertThat(option).containsText("128K");
        assertThat(option).containsText("$0.15/1M");
        Browser.screenshot(page, "model-dialog");
        option.click();
        assertThat(dialog).isHidden();
        assertThat(modelInput()).hasValue("gpt-4o-mini");
        assertThat(page.locator(".model-select-chosen")).containsText("Tools");

        assertThat(page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Create new API key"))).isChecked();
        fillNewKey("ui-openai-key", "sk-ui-test-0001", upstream.baseUrl() + "/v1");

        Locator summary = summary();
        assertThat(summary).containsText("ui-chat");
        assertThat(summary).containsText("/gateway/ui-chat/...");
        assertThat(summary).containsText("OpenAI");
        assertThat(summary).containsText("gpt-4o-mini");
        assertThat(summary).containsText("New \"ui-openai-key\"");
        assertThat(summary).isInViewport();
        Browser.screenshot(page, "create-endpoint");

        createButton().click();
        assertThat(page).hasURL(DETAILS_URL);

        // The stored config: one PRIMARY model with the chosen provider, model and the new key.
        JsonNode endpoint = ui.api("GET", "endpoints/get?name=ui-chat").json().path("endpoint");
        assertThat(page.url()).endsWith(endpoint.path("endpoint_id").asText());
        JsonNode mappings = endpoint.path("model_mappings");
        assertThat(mappings).hasSize(1);
        assertThat(mappings.get(0).path("linkage_type").asText()).isEqualTo("PRIMARY");
        JsonNode definition = mappings.get(0).path("model_definition");
        assertThat(definition.path("provider").asText()).isEqualTo("openai");
        assertThat(definition.path("model_name").asText()).isEqualTo("gpt-4o-mini");
        assertThat(definition.path("secret_name").asText()).isEqualTo("ui-openai-key");

        // And it answers: the fake upstream's text, with the typed key as the bearer token.
        int before = upstream.requestCount();
        assertAnswers("ui-chat");
        Recorded request = lastRequest(before);
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("Authorization")).hasValue("Bearer sk-ui-test-0001");
        assertThat(request.bodyJson().path("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void invalidNameShowsAnInlineErrorAndARefusedCreateListsIt() {
        pickProvider("openai", "OpenAI");
        pickModelByName("gpt-4o-mini");
        fillNewKey("unused-key", "sk-unused", "");

        nameInput().fill("bad name!");
        assertThat(page.locator("#create-name-error")).hasText("Use only letters, digits, '.', '_' and '-'");
        assertThat(nameInput()).hasAttribute("aria-invalid", "true");
        createButton().click();
        assertThat(problems()).hasText(new String[] {"Name: use only letters, digits, '.', '_' and '-'"});
        assertThat(summary()).containsText("1 problem to fix, listed at the top of the form");

        nameInput().fill(".hidden");
        assertThat(page.locator("#create-name-error")).hasText("Must not start with '.'");
        assertThat(problems()).hasText(new String[] {"Name: must not start with '.'"});

        nameInput().fill("");
        assertThat(page.locator("#create-name-error")).hasText("Name is required");
        assertThat(problems()).hasText(new String[] {"Name is required"});

        nameInput().fill("good-name");
        assertThat(page.locator("#create-name-error")).isEmpty();
        assertThat(problems()).hasCount(0);
        assertThat(createButton()).isEnabled();

        // A required credential left empty is listed too, and marked at its field.
        field("API Key").fill("");
        assertThat(problems()).hasText(new String[] {"Enter API Key"});
        assertThat(field("API Key")).hasAttribute("aria-invalid", "true");
        createButton().click();
        assertThat(page).hasURL(Pattern.compile(".*#/gateway/create$"));
        assertThat(ui.api("GET", "endpoints/get?name=good-name").status()).isEqualTo(404);
    }

    @Test
    void serverErrorIsShownInlineKeepsTheFormAndRetryReusesTheNewKey() throws Exception {
        nameInput().fill("dup-chat");
        pickProvider("openai", "OpenAI");
        modelInput().click();
        Locator dialog = dialog("Select a model");
        dialog.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Search models"))
                .fill("my-custom-model");
        dialog.getByRole(AriaRole.OPTION, new Locator.GetByRoleOptions()
                .setName("Use \"my-custom-model\" as the model name")).click();
        assertThat(modelInput()).hasValue("my-custom-model");
        fillNewKey("dup-key", "sk-dup-0002", upstream.baseUrl() + "/v1");

        // Meanwhile someone else takes the name over the API.
        String otherSecret = ui.secret("other-key", "openai", "sk-other", "{}");
        ui.endpoint("dup-chat", UiFixture.primary(ui.definition("other-def", otherSecret, "openai", "gpt-4o")));
        int secretsBefore = secretCount();

        createButton().click();
        Locator alert = summary().getByRole(AriaRole.ALERT);
        assertThat(alert).containsText("Could not create the endpoint: Endpoint with name 'dup-chat' already exists");
        assertThat(page).hasURL(Pattern.compile(".*#/gateway/create$"));
        // Everything typed is still there; the key made by this attempt is now the chosen existing key.
        assertThat(nameInput()).hasValue("dup-chat");
        assertThat(providerCombobox()).hasValue("OpenAI");
        assertThat(modelInput()).hasValue("my-custom-model");
        assertThat(page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Use existing API key"))).isChecked();
        assertThat(page.getByLabel("Existing API key", new Page.GetByLabelOptions().setExact(true))).containsText("dup-key");
        assertThat(summary()).containsText("Existing \"dup-key\"");
        assertThat(page.locator("#create-name-error")).hasText("An endpoint named \"dup-chat\" already exists");
        assertThat(secretCount()).isEqualTo(secretsBefore + 1);

        // The gateway's message goes once the name changes.
        nameInput().fill("dup-chat-2");
        assertThat(alert).isHidden();
        assertThat(createButton()).isEnabled();
        createButton().click();
        assertThat(page).hasURL(DETAILS_URL);

        // No second secret and one model definition for the model, reused from the failed attempt.
        assertThat(secretCount()).isEqualTo(secretsBefore + 1);
        List<String> custom = new ArrayList<>();
        ui.api("GET", "model-definitions/list").json().path("model_definitions").forEach(d -> {
            if (d.path("model_name").asText().equals("my-custom-model")) {
                custom.add(d.path("name").asText());
            }
        });
        assertThat(custom).hasSize(1);
        JsonNode definition = ui.api("GET", "endpoints/get?name=dup-chat-2").json()
                .at("/endpoint/model_mappings/0/model_definition");
        assertThat(definition.path("secret_name").asText()).isEqualTo("dup-key");
        assertThat(definition.path("model_name").asText()).isEqualTo("my-custom-model");

        int before = upstream.requestCount();
        assertAnswers("dup-chat-2");
        Recorded request = lastRequest(before);
        assertThat(request.header("Authorization")).hasValue("Bearer sk-dup-0002");
        assertThat(request.bodyJson().path("model").asText()).isEqualTo("my-custom-model");
    }

    @Test
    void credentialFieldsThatFailToLoadSaySoAndRetry() {
        nameInput().fill("retry-chat");
        page.route(url -> url.contains("/provider-config"), route -> route.fulfill(new Route.FulfillOptions()
                .setStatus(503).setContentType("application/json")
                .setBody("{\"error_code\": \"TEMPORARILY_UNAVAILABLE\", \"message\": \"catalog is reloading\"}")));
        pickProvider("openai", "OpenAI");
        pickModelByName("gpt-4o-mini");

        assertThat(page.getByRole(AriaRole.ALERT))
                .containsText("Could not load the credential fields: catalog is reloading");
        createButton().click();
        assertThat(problems()).hasText(new String[] {
                "Could not load the provider's credential fields: catalog is reloading"});

        page.unrouteAll();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Retry")).click();
        fillNewKey("retry-key", "sk-retry-0003", upstream.baseUrl() + "/v1");
        assertThat(problems()).hasCount(0);
        assertThat(createButton()).isEnabled();
    }

    @Test
    void viewAllProvidersDialogFindsAProviderBySearch() {
        providerCombobox().click();
        Locator viewAll = page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions()
                .setName(Pattern.compile("^View all providers \\(\\d+\\)$")));
        assertThat(viewAll).isVisible();
        int total = Integer.parseInt(viewAll.textContent().replaceAll("\\D", ""));
        assertThat(total).isGreaterThan(50);
        viewAll.click();

        Locator dialog = dialog("Select a provider");
        assertThat(dialog).isVisible();
        assertThat(dialog.getByRole(AriaRole.LIST).getByRole(AriaRole.BUTTON)).hasCount(total);
        Locator search = dialog.getByRole(AriaRole.SEARCHBOX, new Locator.GetByRoleOptions().setName("Search providers"));
        assertThat(search).isFocused();
        Browser.screenshot(page, "provider-dialog");
        search.fill("bedrock");
        // Known but not callable: shown, disabled, with the provider table's reason.
        Locator bedrock = dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Amazon Bedrock (Cannot be called: needs the Bedrock Converse API and AWS SigV4 signing:"
                        + " not built yet)"));
        assertThat(bedrock).isDisabled();
        assertThat(bedrock).containsText("Cannot be called: needs the Bedrock Converse API and AWS SigV4 signing");
        // An OpenAI-compatible provider the table now calls: enabled.
        search.fill("cohere");
        assertThat(dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cohere").setExact(true)))
                .isEnabled();
        search.fill("together");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Together AI").setExact(true)).click();
        assertThat(dialog).isHidden();
        assertThat(providerCombobox()).hasValue("Together AI");
        assertThat(summary()).containsText("Together AI");
        // The credential fields follow the provider.
        assertThat(field("API Key")).isVisible();
        assertThat(modelInput()).hasAttribute("placeholder", "Click to select a model");
    }

    @Test
    void providerComboboxAndModelDialogWorkWithTheKeyboardOnly() {
        Locator combobox = providerCombobox();
        assertThat(combobox).isEnabled();
        combobox.focus();
        page.keyboard().press("ArrowDown");
        Locator listbox = page.getByRole(AriaRole.LISTBOX, new Page.GetByRoleOptions().setName("Providers"));
        assertThat(listbox).isVisible();
        assertThat(combobox).hasAttribute("aria-expanded", "true");
        // Common providers first, in MLflow's order.
        assertThat(listbox.getByRole(AriaRole.OPTION).first()).hasAccessibleName("OpenAI");
        assertThat(listbox.getByRole(AriaRole.OPTION).nth(1)).hasAccessibleName("Anthropic");
        page.keyboard().press("ArrowDown");
        page.keyboard().press("Enter");
        assertThat(listbox).isHidden();
        assertThat(combobox).hasValue("Anthropic");

        // Typing filters; Escape closes and keeps the choice.
        page.keyboard().type("gem");
        assertThat(listbox).isVisible();
        assertThat(listbox.getByRole(AriaRole.OPTION).first()).hasAccessibleName("Google Gemini");
        page.keyboard().press("Escape");
        assertThat(listbox).isHidden();
        assertThat(combobox).hasValue("Anthropic");

        // No Anthropic key exists yet: that choice is disabled, with the reason.
        assertThat(page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Use existing API key"))).isDisabled();
        assertThat(page.getByText("No existing API keys for this provider.")).isVisible();

        // Tab to the model field, open the dialog, search, move and pick with the keys.
        page.keyboard().press("Tab");
        assertThat(modelInput()).isFocused();
        page.keyboard().press("Enter");
        Locator dialog = dialog("Select a model");
        Locator search = dialog.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Search models"));
        assertThat(search).isFocused();
        page.keyboard().type("claude");
        Locator second = dialog.getByRole(AriaRole.OPTION).nth(1);
        String secondName = second.locator(".model-dialog-name").textContent().trim();
        assertThat(secondName).startsWith("claude");
        page.keyboard().press("ArrowDown");
        assertThat(second).hasClass(Pattern.compile("\\bactive\\b"));
        page.keyboard().press("Enter");
        assertThat(dialog).isHidden();
        assertThat(modelInput()).hasValue(secondName);
        assertThat(modelInput()).isFocused();
    }

    // --- helpers ---

    private Locator heading(String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator nameInput() {
        return page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Name").setExact(true));
    }

    private Locator providerCombobox() {
        return page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Provider").setExact(true));
    }

    private Locator modelInput() {
        return page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Model").setExact(true));
    }

    /** An input by its label's text; a required field's label ends with a star. */
    private Locator field(String label) {
        return page.getByLabel(Pattern.compile("^" + label + "\\*?$"));
    }

    private Locator summary() {
        return page.getByRole(AriaRole.COMPLEMENTARY, new Page.GetByRoleOptions().setName("Summary"));
    }

    /** The entries of the error summary at the top of the form. */
    private Locator problems() {
        return Forms.errorSummary(page).getByRole(AriaRole.LISTITEM);
    }

    private Locator createButton() {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create endpoint").setExact(true));
    }

    private Locator dialog(String title) {
        return page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName(title));
    }

    private void pickProvider(String search, String displayName) {
        providerCombobox().click();
        providerCombobox().fill(search);
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(displayName).setExact(true)).click();
        assertThat(providerCombobox()).hasValue(displayName);
    }

    private void pickModelByName(String model) {
        modelInput().click();
        Locator dialog = dialog("Select a model");
        dialog.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Search models")).fill(model);
        dialog.getByRole(AriaRole.OPTION, new Locator.GetByRoleOptions().setName(model).setExact(true)).click();
        assertThat(modelInput()).hasValue(model);
    }

    private void fillNewKey(String name, String apiKey, String apiBase) {
        field("API key name").fill(name);
        Locator key = field("API Key");
        assertThat(key).hasAttribute("type", "password");
        key.fill(apiKey);
        if (!apiBase.isEmpty()) {
            field("API Base URL").fill(apiBase);
        }
    }

    private int secretCount() {
        return ui.api("GET", "secrets/list").json().path("secrets").size();
    }

    /** A call through the endpoint answers with the fake upstream's text. */
    private static void assertAnswers(String endpoint) {
        HttpResponse<String> answer = ui.invoke(endpoint);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains(UPSTREAM_TEXT);
    }

    private static Recorded lastRequest(int before) {
        List<Recorded> received = upstream.awaitRequests(before + 1, Duration.ofSeconds(5));
        return received.get(received.size() - 1);
    }
}
