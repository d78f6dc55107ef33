package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API Keys page at #/gateway/api-keys in a real browser: keys listed masked with what uses them
 * (endpoints, and what is bound to those) and when they were created, filtered by provider; create
 * through the dialog; rotate a key and see the next call through its endpoint
 * carry the new value; change only the config and keep the value; move a key to another address only
 * with the key; delete with a warning naming the endpoints that depend on the key.
 */
class ApiKeysBrowserTest {

    private static final String ANSWER = "Answer from the fake upstream";
    /** The API Key field, starred when required (the star is hidden from screen readers). */
    private static final Pattern API_KEY_LABEL = Pattern.compile("^API Key\\*?$");

    @TempDir
    static Path dir;
    static UiFixture ui;
    static FakeUpstream upstream;
    Page page;

    @BeforeAll
    static void start() {
        ui = UiFixture.start(dir.resolve("seeded"));
        upstream = ui.upstream(Reply.json(OpenAiBodies.chatCompletion("gpt-4o", ANSWER, 10, 5)));
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
    void emptyGatewayShowsNoApiKeys() {
        try (TestGateway empty = UiFixture.startGateway(dir.resolve("empty"), UiFixture.Auth.ON)) {
            page = ui.open(empty);
            page.navigate("/#/gateway/api-keys");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("API Keys").setExact(true))).isVisible();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("No API keys")))
                    .isVisible();
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API Keys").setExact(true)))
                    .hasAttribute("aria-current", "page");
            Browser.screenshot(page, "api-keys-empty");
        }
    }

    @Test
    void createdKeyIsListedMaskedWithTheEndpointsUsingIt() {
        seed("listed-key", "sk-listed-secret-4321", "listed-chat");
        ui.secret("unused-key", "anthropic", "sk-unused-secret-8765", "{}");
        page = openKeys();

        assertThat(cell("listed-key", 1)).hasText("OpenAI");
        assertThat(cell("listed-key", 2)).hasText("api_key: sk-...4321");
        assertThat(cell("listed-key", 3).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("listed-chat")))
                .hasAttribute("href", "#/gateway/endpoints/" + endpointId("listed-chat"));
        assertThat(cell("unused-key", 1)).hasText("Anthropic");
        assertThat(cell("unused-key", 3)).hasText("None");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create API key")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Create API key"));
        Locator create = dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create API key"));
        create.click();
        assertThat(Forms.errorSummary(page)).containsText("Enter an API key name");

        dialog.getByLabel("API key name").fill("listed-key");
        create.click();
        assertThat(Forms.errorSummary(page)).containsText("already exists");
        dialog.getByLabel("API key name").fill("ui-key");
        Locator provider = dialog.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Provider"));
        provider.click();
        provider.fill("openai");
        dialog.getByRole(AriaRole.OPTION, new Locator.GetByRoleOptions().setName("OpenAI").setExact(true)).click();
        assertThat(provider).hasValue("OpenAI");
        Locator apiKey = dialog.getByLabel(API_KEY_LABEL);
        assertThat(apiKey).hasAttribute("type", "password");
        create.click();
        assertThat(Forms.errorSummary(page)).containsText("API Key");
        apiKey.fill("sk-ui-created-secret-9876");
        dialog.getByLabel("API Base URL").fill(upstream.baseUrl() + "/v1");
        Browser.screenshot(page, "api-key-create");
        create.click();

        assertThat(dialog).hasCount(0);
        assertThat(cell("ui-key", 1)).hasText("OpenAI");
        assertThat(cell("ui-key", 2)).hasText("api_key: sk-...9876");
        assertThat(cell("ui-key", 3)).hasText("None");
        assertThat(page.locator("body")).not().containsText("sk-ui-created-secret-9876");
        JsonNode stored = ui.api("GET", "secrets/get?secret_name=ui-key").json().path("secret");
        assertThat(stored.path("provider").asText()).isEqualTo("openai");
        assertThat(stored.at("/auth_config/api_base").asText()).isEqualTo(upstream.baseUrl() + "/v1");
        assertThat(stored.at("/masked_values/api_key").asText()).isEqualTo("sk-...9876");
        Browser.screenshot(page, "api-keys");

        page.getByLabel("Search API keys").fill("listed-chat");
        assertThat(page.locator("tbody tr")).hasCount(1);
        assertThat(rowOf("listed-key")).isVisible();
        page.getByLabel("Search API keys").fill("nothing like it");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("No API keys found")))
                .isVisible();
    }

    @Test
    void eachKeyShowsWhatUsesItAndWhenItWasCreatedAndTheListFiltersByProvider() {
        seed("used-key", "sk-used-secret-1357", "used-chat");
        String usedChat = endpointId("used-chat");
        assertThat(ui.api("POST", "endpoints/bindings/create", """
                {"endpoint_id": "%s", "resource_type": "scorer", "resource_id": "job-42", "display_name": "Relevance judge"}"""
                .formatted(usedChat)).status()).isEqualTo(200);
        ui.secret("claude-key", "anthropic", "sk-claude-secret-2468", "{}");
        page = ui.open(1440, 900);
        page.navigate("/#/gateway/api-keys");

        assertThat(page.locator("thead th")).hasText(new String[] {
            "Name", "Provider", "Value", "Used by", "Created", "Last updated", "Actions"});
        Locator usedBy = cell("used-key", 3);
        assertThat(usedBy.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("used-chat")))
                .hasAttribute("href", "#/gateway/endpoints/" + usedChat);
        assertThat(usedBy.getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Bound to these endpoints")))
                .hasText("Relevance judge (scorer) via used-chat");
        assertThat(cell("claude-key", 3)).hasText("None");
        assertThat(cell("used-key", 4)).hasText(Pattern.compile("\\d{4}"));
        Browser.screenshot(page, "api-keys-used-by");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Provider filter")).click();
        page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Filter by provider"))
                .getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("Anthropic")).check();
        page.keyboard().press("Escape");
        assertThat(rowOf("claude-key")).isVisible();
        assertThat(rowOf("used-key")).hasCount(0);
        for (Locator provider : page.locator("tbody tr td:nth-child(2)").all()) {
            assertThat(provider).hasText("Anthropic");
        }
        page.getByLabel("Search API keys").fill("used-chat");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("No API keys found")))
                .isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Clear search and filter")).click();
        assertThat(rowOf("used-key")).isVisible();
        assertThat(rowOf("claude-key")).isVisible();
    }

    @Test
    void onAPhoneTheKeysTableScrollsInItsOwnBox() {
        seed("phone-key", "sk-phone-secret-9753", "phone-chat");
        page = ui.open(390, 844);
        page.navigate("/#/gateway/api-keys");
        assertThat(rowOf("phone-key")).isVisible();
        assertThat(ListLayout.partsPastTheEdge(page)).as("parts of the list past the screen's edge").isEmpty();
        assertThat(ListLayout.tableScrollsInItsBox(page)).as("the table scrolls in its own box").isTrue();
        Browser.screenshot(page, "api-keys-phone");
    }

    @Test
    void rotatingAKeyMakesTheNextCallUseTheNewValue() {
        seed("rotate-key", "sk-original-value-1111", "rotate-chat");
        assertThat(authorizationOfACallTo("rotate-chat")).isEqualTo("Bearer sk-original-value-1111");
        page = openKeys();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit rotate-key")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Edit API key"));
        Locator name = dialog.getByLabel("API key name");
        assertThat(name).hasValue("rotate-key");
        assertThat(name).not().isEditable();
        assertThat(dialog).containsText("sk-...1111");
        assertThat(dialog.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("rotate-chat"))).isVisible();
        assertThat(dialog.getByLabel("API Base URL")).hasValue(upstream.baseUrl() + "/v1");
        Locator apiKey = dialog.getByLabel(API_KEY_LABEL);
        assertThat(apiKey).hasValue("");
        apiKey.fill("sk-rotated-value-2222");
        Browser.screenshot(page, "api-key-edit");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save changes")).click();

        assertThat(dialog).hasCount(0);
        assertThat(cell("rotate-key", 2)).hasText("api_key: sk-...2222");
        assertThat(page.locator("body")).not().containsText("sk-rotated-value-2222");
        assertThat(authorizationOfACallTo("rotate-chat")).isEqualTo("Bearer sk-rotated-value-2222");
    }

    @Test
    void editingOnlyTheConfigKeepsTheStoredValue() {
        seed("config-key", "sk-kept-value-3333", "config-chat");
        page = openKeys();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit config-key")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Edit API key"));
        dialog.getByLabel("Organization").fill("org-from-the-ui");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save changes")).click();
        assertThat(dialog).hasCount(0);

        JsonNode stored = ui.api("GET", "secrets/get?secret_name=config-key").json().path("secret");
        assertThat(stored.at("/auth_config/organization").asText()).isEqualTo("org-from-the-ui");
        assertThat(stored.at("/auth_config/api_base").asText()).isEqualTo(upstream.baseUrl() + "/v1");
        assertThat(stored.at("/masked_values/api_key").asText()).isEqualTo("sk-...3333");
        Recorded call = callThrough("config-chat");
        assertThat(call.header("Authorization")).hasValue("Bearer sk-kept-value-3333");
        assertThat(call.header("OpenAI-Organization")).hasValue("org-from-the-ui");
    }

    @Test
    void sendingAKeyToAnotherAddressAsksForTheKeyAgain() {
        FakeUpstream elsewhere = ui.upstream(Reply.json(OpenAiBodies.chatCompletion("gpt-4o", ANSWER, 10, 5)));
        seed("moved-key", "sk-moved-value-7777", "moved-chat");
        page = openKeys();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit moved-key")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Edit API key"));
        dialog.getByLabel("API Base URL").fill(elsewhere.baseUrl() + "/v1");
        assertThat(dialog).containsText("needs the key itself");
        Locator save = dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save changes"));
        save.click();
        assertThat(Forms.errorSummary(page)).containsText("API Key");
        assertThat(ui.api("GET", "secrets/get?secret_name=moved-key").text("/secret/auth_config/api_base"))
                .isEqualTo(upstream.baseUrl() + "/v1");

        dialog.getByLabel(API_KEY_LABEL).fill("sk-moved-value-8888");
        save.click();
        assertThat(dialog).hasCount(0);

        assertThat(ui.invoke("moved-chat").statusCode()).isEqualTo(200);
        assertThat(elsewhere.received().getLast().header("Authorization")).hasValue("Bearer sk-moved-value-8888");
    }

    @Test
    void editingAKeyStoredWithoutAnAuthModeKeepsSettingsTheFormDoesNotShow() {
        seed("legacy-key", "sk-legacy-value-5555", """
                {"api_base": "%s/v1", "legacy_region": "eu-1", "legacy_retries": 3}""".formatted(upstream.baseUrl()),
                "legacy-chat");
        page = openKeys();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit legacy-key")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Edit API key"));
        assertThat(dialog.getByLabel("API Base URL")).hasValue(upstream.baseUrl() + "/v1");
        assertThat(dialog).containsText("legacy_region, legacy_retries");
        dialog.getByLabel(API_KEY_LABEL).fill("sk-legacy-rotated-6666");
        Browser.screenshot(page, "api-key-edit-kept-settings");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save changes")).click();
        assertThat(dialog).hasCount(0);

        JsonNode config = ui.api("GET", "secrets/get?secret_name=legacy-key").json().at("/secret/auth_config");
        assertThat(config.path("legacy_region").asText()).isEqualTo("eu-1");
        assertThat(config.path("legacy_retries").isInt()).as(config.toString()).isTrue();
        assertThat(config.path("legacy_retries").asInt()).isEqualTo(3);
        assertThat(config.path("api_base").asText()).isEqualTo(upstream.baseUrl() + "/v1");
        assertThat(authorizationOfACallTo("legacy-chat")).isEqualTo("Bearer sk-legacy-rotated-6666");
    }

    @Test
    void descriptionIsGivenAtCreationShownInTheListAndEditable() {
        page = ui.open();
        page.navigate("/#/gateway/api-keys");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create API key")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Create API key"));
        dialog.getByLabel("API key name").fill("described-key");
        dialog.getByLabel("Description").fill("Team Atlas billing account");
        Locator provider = dialog.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Provider"));
        provider.click();
        provider.fill("openai");
        dialog.getByRole(AriaRole.OPTION, new Locator.GetByRoleOptions().setName("OpenAI").setExact(true)).click();
        dialog.getByLabel(API_KEY_LABEL).fill("sk-described-secret-7777");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create API key")).click();
        assertThat(dialog).hasCount(0);

        Locator row = page.locator("tbody tr").filter(new Locator.FilterOptions().setHasText("described-key"));
        assertThat(row.locator("td").first()).containsText("Team Atlas billing account");
        assertThat(storedDescription("described-key")).isEqualTo("Team Atlas billing account");
        page.getByLabel("Search API keys").fill("atlas billing");
        assertThat(page.locator("tbody tr")).hasCount(1);
        page.getByLabel("Search API keys").fill("");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit described-key")).click();
        Locator edit = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Edit API key"));
        assertThat(edit.getByLabel("Description")).hasValue("Team Atlas billing account");
        edit.getByLabel("Description").fill("Team Borealis");
        edit.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save changes")).click();
        assertThat(edit).hasCount(0);
        assertThat(row.locator("td").first()).containsText("Team Borealis");
        Browser.screenshot(page, "api-keys-described");
        assertThat(storedDescription("described-key")).isEqualTo("Team Borealis");
        assertThat(ui.api("GET", "secrets/get?secret_name=described-key").text("/secret/masked_values/api_key"))
                .isEqualTo("sk-...7777");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit described-key")).click();
        edit.getByLabel("Description").fill("");
        edit.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save changes")).click();
        assertThat(edit).hasCount(0);
        assertThat(row.locator("td").first()).hasText("described-key");
        assertThat(ui.api("GET", "secrets/get?secret_name=described-key").json().path("secret").has("description"))
                .isFalse();
    }

    @Test
    void deleteWarnsNamingTheDependentEndpointsThenRemovesTheKey() {
        seed("doomed-key", "sk-doomed-value-4444", "doomed-chat");
        assertThat(callStatus("doomed-chat")).isEqualTo(200);
        page = openKeys();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete doomed-key")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Delete API key"));
        assertThat(dialog).containsText("doomed-key");
        assertThat(dialog.getByRole(AriaRole.NOTE)).containsText("will stop working");
        assertThat(dialog.getByRole(AriaRole.NOTE).getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("doomed-chat"))).isVisible();
        Browser.screenshot(page, "api-key-delete");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete API key")).click();

        assertThat(dialog).hasCount(0);
        assertThat(rowOf("doomed-key")).hasCount(0);
        assertThat(ui.api("GET", "secrets/get?secret_name=doomed-key").status()).isEqualTo(404);
        int before = upstream.requestCount();
        assertThat(callStatus("doomed-chat")).isNotEqualTo(200);
        assertThat(upstream.requestCount()).isEqualTo(before);
    }

    private Page openKeys() {
        Page p = ui.open();
        p.navigate("/#/gateway/api-keys");
        assertThat(p.getByRole(AriaRole.TABLE)).isVisible();
        return p;
    }

    private Locator rowOf(String keyName) {
        return page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHas(
                page.getByRole(AriaRole.CELL, new Page.GetByRoleOptions().setName(keyName).setExact(true))));
    }

    private Locator cell(String keyName, int column) {
        return rowOf(keyName).locator("td").nth(column);
    }

    /** An OpenAI key pointing at the fake upstream, a model definition and an endpoint using it. */
    private static void seed(String keyName, String keyValue, String endpointName) {
        seed(keyName, keyValue, "{\"auth_mode\": \"api_key\", \"api_base\": \"" + upstream.baseUrl() + "/v1\"}",
                endpointName);
    }

    private static void seed(String keyName, String keyValue, String authConfigJson, String endpointName) {
        String key = ui.secret(keyName, "openai", keyValue, authConfigJson);
        ui.endpoint(endpointName, UiFixture.primary(ui.definition(endpointName + "-model", key, "openai", "gpt-4o")));
    }

    private static String storedDescription(String keyName) {
        return ui.api("GET", "secrets/get?secret_name=" + keyName).text("/secret/description");
    }

    private static String endpointId(String name) {
        return ui.api("GET", "endpoints/get?name=" + name).text("/endpoint/endpoint_id");
    }

    private static int callStatus(String endpoint) {
        return ui.invoke(endpoint).statusCode();
    }

    /** Calls the endpoint, checks the fake's answer came back, and returns what the fake received. */
    private static Recorded callThrough(String endpoint) {
        int before = upstream.requestCount();
        HttpResponse<String> response = ui.invoke(endpoint);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains(ANSWER);
        assertThat(upstream.requestCount()).isEqualTo(before + 1);
        return upstream.received().getLast();
    }

    private static String authorizationOfACallTo(String endpoint) {
        return callThrough(endpoint).header("Authorization").orElseThrow();
    }
}
