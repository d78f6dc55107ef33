package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;
import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
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
 * Access control in a real browser against a gateway with authentication on: signing in and out,
 * the Users page, granting a user USE on one endpoint from its Permissions card and what that user
 * then sees and is offered (USE and EDIT), gateway keys that call an endpoint until revoked, and the banner when auth is off.
 */
class AccessBrowserTest {

    private static final String SHARED_ANSWER = "from the shared endpoint";

    @TempDir
    static Path dir;
    static UiFixture ui;
    static FakeUpstream upstream;
    static String sharedId;

    Page page;

    @BeforeAll
    static void start() {
        ui = UiFixture.start(dir.resolve("gw"));
        upstream = ui.upstream(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", SHARED_ANSWER, 9, 4)));
        String key = ui.openAiKey("team-openai", "sk-team-openai-0001", upstream);
        sharedId = ui.endpoint("shared-chat", UiFixture.primary(ui.definition("shared-def", key, "openai", "gpt-4o-mini")));
        ui.endpoint("private-chat", UiFixture.primary(ui.definition("private-def", key, "openai", "gpt-4o")));
        ui.endpoint("finance-summaries", UiFixture.primary(ui.definition("finance-def", key, "openai", "gpt-4.1")));
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
    void signingInReturnsToThePageAskedForAndShowsTheUser() {
        page = ui.openSignedOut();
        page.navigate("/#/gateway/api-keys");
        assertThat(page).hasURL(Pattern.compile("#/sign-in\\?next=%2Fgateway%2Fapi-keys$"));
        assertThat(signInHeading()).isVisible();
        assertThat(page.getByRole(AriaRole.NAVIGATION)).hasCount(0);
        Browser.screenshot(page, "sign-in");

        page.getByLabel("Username").fill(UiFixture.ADMIN);
        page.getByLabel("Password").fill(UiFixture.ADMIN_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

        assertThat(heading("API Keys")).isVisible();
        Locator header = page.locator("header.app-header");
        assertThat(header).containsText("Signed in as admin");
        assertThat(header).containsText("Admin");
        assertThat(navLink("Users")).isVisible();
        assertThat(navLink("Gateway keys")).isVisible();
        assertThat(page.getByText("Authentication is off.")).hasCount(0);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(signInHeading()).isVisible();
        page.navigate("/#/gateway");
        assertThat(signInHeading()).isVisible();
    }

    @Test
    void aWrongPasswordSaysSoAndKeepsTheUsername() {
        page = ui.openSignedOut();
        page.navigate("/#/gateway");
        page.getByLabel("Username").fill(UiFixture.ADMIN);
        page.getByLabel("Password").fill("not-the-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Wrong username or password.");
        assertThat(page.getByLabel("Username")).hasValue(UiFixture.ADMIN);
        assertThat(page.getByLabel("Password")).hasValue("");
        assertThat(page.getByLabel("Password")).isFocused();
        Browser.screenshot(page, "sign-in-wrong-password");
    }

    @Test
    void tooManyFailedSignInsShowTheGatewaysMessage() {
        page = ui.openSignedOut();
        page.route("**/auth/sign-in", route -> route.fulfill(new Route.FulfillOptions().setStatus(429)
                .setContentType("application/json")
                .setBody("{\"error_code\": \"REQUEST_LIMIT_EXCEEDED\", \"message\": \"Try again in 5 minutes.\"}")));
        page.navigate("/#/gateway");
        page.getByLabel("Username").fill(UiFixture.ADMIN);
        page.getByLabel("Password").fill("guess-number-twenty");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("Too many failed sign-ins. Try again in 5 minutes.");
    }

    @Test
    void aSessionThatEndsSendsToSignInAndBackToTheSamePage() {
        page = ui.open();
        page.navigate("/#/gateway");
        assertThat(heading("Endpoints")).isVisible();
        // Every load of this page is answered before the session goes: the next call is the first refused.
        page.waitForLoadState(LoadState.NETWORKIDLE);
        page.context().clearCookies();

        navLink("Gateway keys").click();
        assertThat(signInHeading()).isVisible();
        assertThat(page).hasURL(Pattern.compile("#/sign-in\\?next=%2Fgateway%2Fgateway-keys$"));
        page.getByLabel("Username").fill(UiFixture.ADMIN);
        page.getByLabel("Password").fill(UiFixture.ADMIN_PASSWORD);
        page.getByLabel("Password").press("Enter");
        assertThat(heading("Gateway keys")).isVisible();
    }

    @Test
    void signingInAgainInAnotherTabKeepsThisTabWorkingAsTheSameUserOnly() {
        ui.user("judy", "judy-password-0001", false);
        page = ui.open();
        page.navigate("/#/gateway/users");
        assertThat(heading("Users")).isVisible();

        // The admin signs in again elsewhere in this browser: the cookie is a newer session, with
        // another CSRF token. This tab's next change still goes through.
        ui.signIn(page, UiFixture.ADMIN, UiFixture.ADMIN_PASSWORD);
        createUser("ivan", "ivan-password-0001");
        assertThat(row("ivan")).isVisible();
        assertThat(ui.mlflow("GET", "users/get?username=ivan", null).status()).isEqualTo(200);

        // Judy signs in elsewhere in this browser: nothing is changed as her, and this tab follows.
        ui.signIn(page, "judy", "judy-password-0001");
        createUser("ivy", "ivy-password-00001");
        assertThat(page.locator("header.app-header")).containsText("Signed in as judy");
        assertThat(ui.mlflow("GET", "users/get?username=ivy", null).status()).isEqualTo(404);
    }

    private void createUser(String username, String password) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create user")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Create user"));
        dialog.getByLabel("Username").fill(username);
        dialog.getByLabel("Password").fill(password);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create user")).click();
    }

    @Test
    void anAdminCreatesResetsPromotesAndDeletesUsers() {
        ui.user("carol", "carol-password-0001", false);
        page = ui.open();
        page.navigate("/#/gateway/users");
        assertThat(heading("Users")).isVisible();
        assertThat(row("carol")).containsText("User");
        assertThat(row("admin")).containsText("(you)");
        assertThat(row("admin").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete admin")))
                .isDisabled();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create user")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Create user"));
        dialog.getByLabel("Username").fill("dave");
        dialog.getByLabel("Password").fill("too-short");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create user")).click();
        assertThat(dialog).containsText("At least 12 characters (now 9)");
        dialog.getByLabel("Password").fill("dave-password-0001");
        Browser.screenshot(page, "user-create");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create user")).click();
        assertThat(dialog).isHidden();
        assertThat(row("dave")).isVisible();
        assertThat(user("dave").path("is_admin").asBoolean()).isFalse();
        Browser.screenshot(page, "users");

        // A new password works, and is the only one that does.
        button("Reset password of dave").click();
        dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Reset password of dave"));
        dialog.getByLabel("New password").fill("dave-password-0002");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Set password")).click();
        assertThat(dialog).isHidden();
        assertThat(page.getByText("Password of dave changed.")).isVisible();
        assertThat(invokeAs("dave", "dave-password-0001").statusCode()).isEqualTo(401);

        button("Make admin dave").click();
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Make admin")).click();
        assertThat(row("dave")).containsText("Admin");
        assertThat(user("dave").path("is_admin").asBoolean()).isTrue();
        button("Remove admin from dave").click();
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Remove admin")).click();
        assertThat(button("Make admin dave")).isVisible();
        assertThat(user("dave").path("is_admin").asBoolean()).isFalse();

        button("Delete dave").click();
        dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Delete user"));
        assertThat(dialog).containsText("Delete the user dave?");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete user")).click();
        assertThat(row("dave")).hasCount(0);
        assertThat(ui.mlflow("GET", "users/get?username=dave", null).status()).isEqualTo(404);
    }

    @Test
    void aUserChangesTheirOwnPasswordAndSignsInAgain() {
        ui.user("erin", "erin-password-0001", false);
        page = ui.openAs("erin", "erin-password-0001");
        page.navigate("/#/gateway/gateway-keys");
        assertThat(heading("Gateway keys")).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Change your password"));
        assertThat(dialog).containsText("You will be signed out everywhere");
        dialog.getByLabel("New password").fill("erin-password-0002");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Set password")).click();

        assertThat(signInHeading()).isVisible();
        page.getByLabel("Username").fill("erin");
        page.getByLabel("Password").fill("erin-password-0002");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(heading("Gateway keys")).isVisible();
        assertThat(invokeAs("erin", "erin-password-0001").statusCode()).isEqualTo(401);

        // Erin was given no endpoint, and the list says so rather than that none exist.
        navLink("Endpoints").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("No endpoints to show")))
                .isVisible();
    }

    @Test
    void aUserGivenUseOnOneEndpointSeesOnlyThatOneAndCallsIt() {
        ui.user("bob", "bob-password-0001", false);
        page = ui.open();
        page.navigate("/#/gateway/endpoints/" + sharedId);
        Locator permissions = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Permissions"));
        // The admin created the endpoint, and a creator gets MANAGE; everyone else has the default.
        assertThat(permissions.getByLabel("Permission of admin")).hasValue("MANAGE");
        assertThat(permissions.getByLabel("Permission of bob")).hasCount(0);
        assertThat(permissions).containsText("Everyone else gets the default, No permissions");
        permissions.getByLabel("User").selectOption("bob");
        permissions.getByLabel("Permission", new Locator.GetByLabelOptions().setExact(true)).selectOption("USE");
        permissions.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add user")).click();
        assertThat(permissions.getByLabel("Permission of bob")).hasValue("USE");
        assertThat(permissions).containsText("bob now has Use.");
        Browser.screenshot(page, "endpoint-permissions");
        JsonNode grants = ui.api("GET", "endpoints/permissions/list?endpoint_id=" + sharedId).json();
        assertThat(grants.path("permissions").findValues("username").stream().map(JsonNode::asText))
                .containsExactlyInAnyOrder("admin", "bob");
        grants.path("permissions").forEach(g -> {
            if (g.path("username").asText().equals("bob")) {
                assertThat(g.path("permission").asText()).isEqualTo("USE");
            }
        });
        page.context().close();

        // bob sees the shared endpoint and nothing else, and no Users page.
        page = ui.openAs("bob", "bob-password-0001");
        page.navigate("/#/gateway");
        Locator table = page.getByRole(AriaRole.TABLE);
        assertThat(table.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("shared-chat"))).isVisible();
        assertThat(table).not().containsText("private-chat");
        assertThat(table).not().containsText("finance-summaries");
        assertThat(page.locator("header.app-header")).containsText("Signed in as bob");
        assertThat(navLink("Users")).hasCount(0);
        assertThat(navLink("Gateway keys")).isVisible();
        assertThat(table.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Use shared-chat")))
                .isVisible();
        assertThat(table.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete shared-chat")))
                .hasCount(0);
        Browser.screenshot(page, "restricted-user-endpoints");

        // On the endpoint's page bob can call it, with his session or a key made there, but not change or share it.
        page.navigate("/#/gateway/endpoints/" + sharedId);
        assertThat(heading("shared-chat")).isVisible();
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("You can use this endpoint; ask its manager to change it.");
        assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Current targets")))
                .containsText("gpt-4o-mini");
        assertThat(button("Rename")).hasCount(0);
        assertThat(button("Save changes")).hasCount(0);
        assertThat(button("Discard changes")).hasCount(0);
        assertThat(button("Add model")).hasCount(0);
        Browser.screenshot(page, "endpoint-details-use-only");
        Locator tryIt = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Try it"));
        tryIt.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send")).click();
        assertThat(tryIt.getByTestId("try-it-answer")).hasText(SHARED_ANSWER);
        tryIt.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create a key for this endpoint"))
                .click();
        Locator created = tryIt.getByTestId("new-gateway-key");
        assertThat(created).hasText(Pattern.compile("^sb-"));
        assertThat(tryIt).containsText("It will not be shown again");
        assertThat(tryIt.getByLabel("Gateway key", new Locator.GetByLabelOptions().setExact(true)))
                .hasValue(created.textContent());
        tryIt.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send")).click();
        assertThat(tryIt.getByTestId("try-it-answer")).hasText(SHARED_ANSWER);
        assertThat(ui.invokeWithKey("private-chat", created.textContent()).statusCode()).isIn(401, 403, 404);
        assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Permissions"))).hasCount(0);

        page.navigate("/#/gateway/endpoints/" + ui.api("GET", "endpoints/get?name=private-chat")
                .text("/endpoint/endpoint_id"));
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("You do not have access to this endpoint");
        assertThat(heading("private-chat")).hasCount(0);
    }

    @Test
    void aUserGivenEditRenamesAndSavesAnEndpointButCannotDeleteIt() {
        ui.user("oscar", "oscar-password-0001", false);
        String key = ui.openAiKey("oscar-openai", "sk-oscar-openai-0001", upstream);
        String defA = ui.definition("drafts-a", key, "openai", "gpt-4o");
        String defB = ui.definition("drafts-b", key, "openai", "gpt-4o-mini");
        String id = ui.endpoint("team-drafts", """
                [{"model_definition_id": "%s", "linkage_type": "PRIMARY", "weight": 50},
                 {"model_definition_id": "%s", "linkage_type": "PRIMARY", "weight": 50}]""".formatted(defA, defB));
        ui.grant(id, "oscar", "EDIT");
        // Reweighting the models the endpoint routes to already needs EDIT alone (a new one would need USE).

        page = ui.openAs("oscar", "oscar-password-0001");
        page.navigate("/#/gateway");
        Locator editable = row("team-drafts");
        assertThat(editable.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("team-drafts"))).isVisible();
        assertThat(editable.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete team-drafts")))
                .hasCount(0);

        page.navigate("/#/gateway/endpoints/" + id);
        assertThat(heading("team-drafts")).isVisible();
        assertThat(page.getByText("ask its manager to change it")).hasCount(0);
        assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Permissions"))).hasCount(0);

        // A change to the split is saved.
        label("Percentage for model 1").fill("30");
        label("Percentage for model 2").fill("70");
        button("Save changes").click();
        assertThat(page.getByText("Saved — changes are live")).isVisible();
        assertThat(ui.getEndpoint(id).path("model_mappings").findValues("weight").stream().map(JsonNode::asDouble))
                .containsExactlyInAnyOrder(30.0, 70.0);

        // And so is a new name.
        button("Rename").click();
        page.getByLabel("Endpoint name").fill("team-drafts-v2");
        button("Save name").click();
        assertThat(heading("team-drafts-v2")).isVisible();
        assertThat(ui.getEndpoint(id).path("name").asText()).isEqualTo("team-drafts-v2");
    }

    @Test
    void aUserWhoManagesAnEndpointSharesItByUsername() {
        ui.user("grace", "grace-password-0001", false);
        ui.user("heidi", "heidi-password-0001", false);
        String financeId = ui.api("GET", "endpoints/get?name=finance-summaries").text("/endpoint/endpoint_id");
        ui.grant(financeId, "grace", "MANAGE");

        page = ui.openAs("grace", "grace-password-0001");
        page.navigate("/#/gateway/endpoints/" + financeId);
        Locator permissions = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Permissions"));
        assertThat(permissions.getByLabel("Permission of grace")).hasValue("MANAGE");
        // Only admins can list users: a manager types the username.
        permissions.getByLabel("User").fill("heidi");
        permissions.getByLabel("Permission", new Locator.GetByLabelOptions().setExact(true)).selectOption("READ");
        permissions.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add user")).click();
        assertThat(permissions.getByLabel("Permission of heidi")).hasValue("READ");

        permissions.getByLabel("Permission of heidi").selectOption("EDIT");
        assertThat(permissions).containsText("heidi now has Edit.");
        assertThat(grantOf(financeId, "heidi")).isEqualTo("EDIT");

        permissions.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove heidi")).click();
        page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Remove access"))
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove access")).click();
        assertThat(permissions.getByLabel("Permission of heidi")).hasCount(0);
        assertThat(grantOf(financeId, "heidi")).isEmpty();
    }

    @Test
    void aGatewayKeyCallsItsEndpointUntilRevoked() {
        page = ui.open();
        page.navigate("/#/gateway/gateway-keys");
        assertThat(heading("Gateway keys")).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create gateway key")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Create gateway key"));
        dialog.getByLabel("Name").fill("support-bot");
        assertThat(dialog).containsText("None chosen: every endpoint admin may use");
        dialog.getByLabel("shared-chat").check();
        assertThat(dialog).containsText("1 chosen: the key can call only this endpoint.");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create key")).click();

        Locator shown = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Gateway key created"));
        assertThat(shown).containsText("It will not be shown again");
        Locator value = shown.getByTestId("new-gateway-key");
        assertThat(value).hasText(Pattern.compile("^sb-\\S{16,}$"));
        String key = value.textContent();
        assertThat(shown.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy key"))).isVisible();
        assertThat(shown.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Done"))).isFocused();
        Browser.screenshot(page, "gateway-key-created");
        // A stray click beside the dialog does not lose the key.
        page.mouse().click(20, 700);
        assertThat(shown).isVisible();

        HttpResponse<String> call = ui.invokeWithKey("shared-chat", key);
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.body()).contains(SHARED_ANSWER);
        assertThat(ui.invokeWithKey("private-chat", key).statusCode()).isIn(401, 403, 404);

        shown.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Done")).click();
        assertThat(shown).isHidden();
        Locator keyRow = row("support-bot");
        JsonNode stored = storedKey("support-bot");
        assertThat(key).startsWith(stored.path("prefix").asText());
        assertThat(keyRow).containsText(stored.path("prefix").asText() + "…");
        assertThat(keyRow).containsText("admin");
        assertThat(keyRow).containsText("shared-chat");
        assertThat(keyRow).containsText("Never");
        assertThat(keyRow).containsText("Active");
        assertThat((Boolean) page.evaluate("k => document.body.textContent.includes(k)", key))
                .as("the key is on the page after its dialog closed").isFalse();
        Browser.screenshot(page, "gateway-keys");

        button("Revoke support-bot").click();
        dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Revoke gateway key"));
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke key")).click();
        assertThat(dialog).isHidden();
        assertThat(keyRow).containsText("Revoked");
        assertThat(storedKey("support-bot").path("status").asText()).isEqualTo("revoked");
        assertThat(ui.invokeWithKey("shared-chat", key).statusCode()).isEqualTo(401);

        button("Delete support-bot").click();
        page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Delete gateway key"))
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete key")).click();
        assertThat(row("support-bot")).hasCount(0);
        assertThat(storedKey("support-bot").isMissingNode()).isTrue();
    }

    @Test
    void anAdminCreatesAnExpiringKeyForAnotherUser() {
        ui.user("frank", "frank-password-0001", false);
        page = ui.open();
        page.navigate("/#/gateway/gateway-keys");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create gateway key")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Create gateway key"));
        dialog.getByLabel("Name").fill("frank-batch-job");
        dialog.getByLabel("Owner").selectOption("frank");
        assertThat(dialog).containsText("None chosen: every endpoint frank may use");
        dialog.getByLabel("Expires").fill("2030-01-31");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create key")).click();

        Locator shown = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Gateway key created"));
        assertThat(shown).containsText("acts as frank");
        shown.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Done")).click();
        Locator keyRow = row("frank-batch-job");
        assertThat(keyRow).containsText("frank");
        assertThat(keyRow).containsText("Jan 31, 2030");
        assertThat(keyRow).containsText("All the owner may use");
        JsonNode stored = storedKey("frank-batch-job");
        assertThat(stored.path("owner").asText()).isEqualTo("frank");
        // The end of the chosen day in the browser's time zone (the tests' browsers run in UTC).
        assertThat(stored.path("expires_at").asLong()).isEqualTo(
                java.time.Instant.parse("2030-01-31T23:59:59.999Z").toEpochMilli());
    }

    @Test
    void withAuthenticationOffABannerSaysSoAndNobodySignsIn() {
        try (TestGateway open = UiFixture.startGateway(dir.resolve("auth-off"), UiFixture.Auth.OFF)) {
            page = ui.browser().open(open);
            page.navigate("/#/gateway");
            assertThat(heading("Endpoints")).isVisible();
            Locator banner = page.getByText("Authentication is off.");
            assertThat(banner).isVisible();
            assertThat(page.getByRole(AriaRole.MAIN)).containsText("docs/access.md");
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))).hasCount(0);
            assertThat(navLink("Gateway keys")).hasCount(0);
            assertThat(navLink("Users")).hasCount(0);
            Browser.screenshot(page, "auth-off-banner");
            page.context().close();
            page = null;
        }
    }

    // ---- Helpers ----

    private Locator signInHeading() {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in to AI Gateway"));
    }

    private Locator heading(String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator navLink(String name) {
        return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Gateway"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator label(String text) {
        return page.getByLabel(text, new Page.GetByLabelOptions().setExact(true));
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** The table row whose first cell (or name cell, after the endpoints list's checkbox) starts with {@code name}. */
    private Locator row(String name) {
        return page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions()
                .setHas(page.locator("td:first-child, td.cell-name", new Page.LocatorOptions()
                        .setHasText(Pattern.compile("^" + name.replace(".", "\\.") + "(\\s|$)")))));
    }

    private static JsonNode user(String username) {
        TestGateway.Response response = ui.mlflow("GET", "users/get?username=" + username, null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("user");
    }

    /** The key named so, as gateway-keys/list shows it to the admin; a missing node when there is none. */
    private static JsonNode storedKey(String name) {
        for (JsonNode k : ui.api("GET", "gateway-keys/list").json().path("gateway_keys")) {
            if (name.equals(k.path("name").asText())) {
                return k;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** The level {@code username} was given on the endpoint, or "" when none. */
    private static String grantOf(String endpointId, String username) {
        for (JsonNode g : ui.api("GET", "endpoints/permissions/list?endpoint_id=" + endpointId).json()
                .path("permissions")) {
            if (username.equals(g.path("username").asText())) {
                return g.path("permission").asText();
            }
        }
        return "";
    }

    private static HttpResponse<String> invokeAs(String username, String password) {
        return UiFixture.post(ui.gateway().uri("/gateway/shared-chat/mlflow/invocations").toString(), UiFixture.HELLO,
                java.util.Map.of("Authorization", UiFixture.basic(username, password)));
    }
}
