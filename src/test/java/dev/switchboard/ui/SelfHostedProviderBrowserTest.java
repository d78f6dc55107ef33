package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.switchboard.ui.Forms.button;
import static dev.switchboard.ui.Forms.chooseModel;
import static dev.switchboard.ui.Forms.chooseProvider;
import static dev.switchboard.ui.Forms.heading;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A self-hosted server (Ollama, vLLM, LM Studio, any OpenAI-compatible one) usually takes no key:
 * an endpoint on the custom OpenAI-compatible provider is created in the UI with the API Key left
 * empty, and the gateway then calls the server (a fake one here) with no Authorization header.
 */
class SelfHostedProviderBrowserTest {

    @TempDir
    static Path dir;
    static UiFixture ui;
    static FakeUpstream server;

    @BeforeAll
    static void start() {
        ui = UiFixture.start(dir);
        server = ui.upstream(Reply.json(OpenAiBodies.chatCompletion("llama3.2", "from the self-hosted server", 4, 3)));
    }

    @AfterAll
    static void stop() {
        ui.close();
    }

    @Test
    void anEndpointOnACustomServerIsCreatedWithoutAKeyAndCalledWithoutAuthorization() {
        Page page = ui.open(1440, 900);
        page.navigate("/#/gateway/create");
        assertThat(heading(page, "Create endpoint")).isVisible();
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Name").setExact(true)).fill("local-llama");
        chooseProvider(page, page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Provider")),
                "custom", "Custom OpenAI-compatible");
        chooseModel(page, page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Model").setExact(true)),
                "llama3.2");
        page.getByLabel(Pattern.compile("^API key name\\*?$")).fill("local-server");

        // The key is optional, as its hint says; the server's address is not.
        Locator apiKey = page.getByLabel("API Key", new Page.GetByLabelOptions().setExact(true));
        assertThat(apiKey).not().hasAttribute("aria-required", "true");
        assertThat(page.getByText("only if the server requires one")).isVisible();
        page.getByLabel(Pattern.compile("^API Base URL\\*?$")).fill(server.baseUrl() + "/v1");
        Browser.screenshot(page, "create-endpoint-self-hosted");
        button(page, "Create endpoint").click();
        assertThat(page).hasURL(Pattern.compile("#/gateway/endpoints/e-[0-9a-f]{32}$"));
        assertThat(heading(page, "local-llama")).isVisible();

        // No key stored, and none sent.
        JsonNode secret = ui.api("GET", "secrets/get?secret_name=local-server").json().path("secret");
        assertThat(secret.path("provider").asText()).isEqualTo("custom");
        assertThat(secret.path("masked_values").size()).as("no key stored").isZero();
        int before = server.requestCount();
        HttpResponse<String> answer = ui.invoke("local-llama");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("from the self-hosted server");
        List<Recorded> received = server.awaitRequests(before + 1, Duration.ofSeconds(5));
        Recorded request = received.get(received.size() - 1);
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("Authorization")).as("no key, so no Authorization header").isEmpty();
        assertThat(request.bodyJson().path("model").asText()).isEqualTo("llama3.2");

        // Try it on the endpoint's page answers through the same server.
        Locator tryIt = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Try it"));
        tryIt.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send")).click();
        assertThat(tryIt.getByTestId("try-it-answer")).hasText("from the self-hosted server");

        // The API Keys page says the key holds no value.
        page.navigate("/#/gateway/api-keys");
        Locator row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("local-server"));
        assertThat(row).containsText("No key");
        page.context().close();
    }

    @Test
    void theApiKeysPageCreatesAnOllamaKeyWithoutAValueAndMovesItWithoutOne() {
        Page page = ui.open();
        page.navigate("/#/gateway/api-keys");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create API key")).click();
        Locator dialog = Forms.dialog(page, "Create API key");
        dialog.getByLabel("API key name").fill("ollama-box");
        chooseProvider(page, dialog.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Provider")),
                "ollama", "Ollama");
        assertThat(dialog.getByLabel("API Key", new Locator.GetByLabelOptions().setExact(true))).isVisible();
        dialog.getByLabel("API Base URL").fill(server.baseUrl() + "/v1");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create API key")).click();
        assertThat(dialog).isHidden();
        Locator row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("ollama-box"));
        assertThat(row).containsText("No key");

        // Another address: a key with no value has nothing to send there, so none is asked for.
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit ollama-box")).click();
        Locator edit = Forms.dialog(page, "Edit API key");
        edit.getByLabel("API Base URL").fill(server.baseUrl() + "/v1/");
        assertThat(edit).not().containsText("needs the key itself");
        edit.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save changes")).click();
        assertThat(edit).isHidden();
        JsonNode stored = ui.api("GET", "secrets/get?secret_name=ollama-box").json().path("secret");
        assertThat(stored.at("/auth_config/api_base").asText()).isEqualTo(server.baseUrl() + "/v1/");
        assertThat(stored.path("masked_values").size()).isZero();
        page.context().close();
    }

    @Test
    void aProviderThatNeedsAKeyStillAsksForOne() {
        Page page = ui.open();
        page.navigate("/#/gateway/create");
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Name").setExact(true)).fill("needs-key");
        chooseProvider(page, page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Provider")),
                "openai", "OpenAI");
        chooseModel(page, page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Model").setExact(true)),
                "gpt-4o-mini");
        page.getByLabel(Pattern.compile("^API key name\\*?$")).fill("openai-no-value");
        button(page, "Create endpoint").click();
        assertThat(Forms.errorSummary(page).getByRole(AriaRole.LISTITEM)).hasText("Enter API Key");
        assertThat(page).hasURL(Pattern.compile("#/gateway/create$"));
        assertThat(ui.api("GET", "secrets/get?secret_name=openai-no-value").status()).isEqualTo(404);
        page.context().close();
    }
}
