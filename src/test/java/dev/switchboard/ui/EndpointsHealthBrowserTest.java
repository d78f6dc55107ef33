package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.TestGateway;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health at a glance on the endpoints list: an endpoint whose API key was deleted, and one whose
 * provider this gateway cannot call (a model definition stored by a gateway that could, as after an
 * upgrade that dropped a provider), are flagged beside their names, and both really fail when called;
 * "needs attention" lists only them, and the endpoint's own page says the same.
 */
class EndpointsHealthBrowserTest {

    @TempDir
    static Path dir;
    static UiFixture ui;
    Page page;

    @BeforeAll
    static void start() throws SQLException {
        // A gateway stores an endpoint on OpenAI, then stops; its definition is then moved to a provider
        // this gateway cannot call (Amazon Bedrock, which needs SigV4 signing), as a database written by
        // another gateway would have it. The API refuses to store such a definition, hence SQL.
        try (TestGateway before = TestGateway.withAuth(dir)) {
            Map<String, String> admin = TestGateway.basic(UiFixture.ADMIN, UiFixture.ADMIN_PASSWORD);
            String key = ok(before.send("POST", TestGateway.API + "secrets/create", """
                    {"secret_name": "legacy-key", "secret_value": {"api_key": "sk-legacy-0123456789"}, "provider": "openai"}""",
                    admin)).text("/secret/secret_id");
            String definition = ok(before.send("POST", TestGateway.API + "model-definitions/create", """
                    {"name": "legacy-model", "secret_id": "%s", "provider": "openai", "model_name": "titan-text"}"""
                    .formatted(key), admin)).text("/model_definition/model_definition_id");
            ok(before.send("POST", TestGateway.API + "endpoints/create",
                    "{\"name\": \"legacy\", \"model_configs\": " + UiFixture.primary(definition) + "}", admin));
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("switchboard.db"))) {
            db.createStatement().executeUpdate("UPDATE model_definitions SET provider = 'bedrock' WHERE name = 'legacy-model'");
        }
        ui = UiFixture.start(dir);
        String healthyKey = ui.secret("healthy-key", "openai", "sk-healthy-0123456789", "{}");
        ui.endpoint("healthy", UiFixture.primary(ui.definition("healthy-model", healthyKey, "openai", "gpt-4o")));
        String doomedKey = ui.secret("doomed-key", "openai", "sk-doomed-0123456789", "{}");
        ui.endpoint("orphaned", UiFixture.primary(ui.definition("orphaned-model", doomedKey, "openai", "gpt-4o-mini")));
        assertThat(ui.api("DELETE", "secrets/delete", "{\"secret_id\": \"" + doomedKey + "\"}").status()).isEqualTo(200);
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
    void endpointsThatCannotBeCalledAreFlaggedInTheList() {
        page = ui.open(1440, 900);
        page.navigate("/#/gateway");
        assertThat(page.locator("tbody tr")).hasCount(3);

        Locator keyDeleted = row("orphaned").getByRole(AriaRole.IMG, new Locator.GetByRoleOptions()
                .setName(Pattern.compile("^Key deleted: No API key \\(orphaned\\) for gpt-4o-mini")));
        assertThat(keyDeleted).hasText(Pattern.compile("^⚠\\s*Key deleted$"));
        Locator notCallable = row("legacy").getByRole(AriaRole.IMG, new Locator.GetByRoleOptions()
                .setName(Pattern.compile("^Provider not callable: Amazon Bedrock: Cannot be called: .+")));
        assertThat(notCallable).hasText(Pattern.compile("^⚠\\s*Provider not callable$"));
        assertThat(row("healthy").getByRole(AriaRole.IMG)).hasCount(0);
        // The flags say what calls meet: both endpoints fail, the healthy one does not get that far.
        assertThat(ui.invoke("orphaned").statusCode()).isNotEqualTo(200);
        assertThat(ui.invoke("legacy").statusCode()).isNotEqualTo(200);
        Browser.screenshot(page, "endpoints-health");

        Locator attention = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("2 need attention"));
        assertThat(attention).hasAttribute("aria-pressed", "false");
        attention.click();
        assertThat(attention).hasAttribute("aria-pressed", "true");
        assertThat(page.locator("tbody tr")).hasCount(2);
        assertThat(row("healthy")).hasCount(0);
        assertThat(page).hasURL(Pattern.compile("attention=1"));
        attention.click();
        assertThat(page.locator("tbody tr")).hasCount(3);

        // The endpoint's own page tells the same story.
        row("orphaned").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("orphaned")).click();
        assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Current targets")))
                .containsText("No API key (orphaned)");
    }

    @Test
    void aPhoneShowsTheFlagsToo() {
        page = ui.open(390, 844);
        page.navigate("/#/gateway");
        assertThat(row("orphaned").getByRole(AriaRole.IMG)).hasText(Pattern.compile("^⚠\\s*Key deleted$"));
        Browser.screenshot(page, "endpoints-health-phone");
    }

    private Locator row(String endpoint) {
        return page.locator("tbody tr").filter(new Locator.FilterOptions().setHas(page.getByRole(AriaRole.LINK,
                new Page.GetByRoleOptions().setName(endpoint).setExact(true))));
    }

    private static TestGateway.Response ok(TestGateway.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }
}
