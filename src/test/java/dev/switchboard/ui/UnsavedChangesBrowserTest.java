package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.switchboard.ui.Forms.button;
import static dev.switchboard.ui.Forms.chooseModel;
import static dev.switchboard.ui.Forms.dialog;
import static dev.switchboard.ui.Forms.heading;
import static dev.switchboard.ui.Forms.label;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No silent loss: leaving an endpoint's page or the Create endpoint page with unsaved edits, by a
 * link, the side navigation, the breadcrumb, Back or signing out, asks "Discard your unsaved changes?" first;
 * keeping them stays on the page with the edits intact, discarding goes on.
 */
class UnsavedChangesBrowserTest {

    private static final String QUESTION = "Discard your unsaved changes?";

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
    void leavingAnEndpointWithUnsavedEditsAsksAndKeepingThemStaysOnThePage() {
        String id = endpoint("unsaved-details");
        Page page = ui.open(1440, 900);
        page.navigate("/#/gateway");
        page.navigate("/#/gateway/endpoints/" + id);
        assertThat(heading(page, "unsaved-details")).isVisible();
        String details = page.url();

        // Nothing edited yet: the breadcrumb just goes, and Back comes back.
        breadcrumb(page).click();
        assertThat(page).hasURL(Pattern.compile("#/gateway$"));
        page.goBack();
        assertThat(heading(page, "unsaved-details")).isVisible();

        chooseModel(page, label(page, "Model for model 1"), "gpt-4o");
        breadcrumb(page).click();
        Locator ask = dialog(page, QUESTION);
        assertThat(ask).isVisible();
        assertThat(page).hasURL(details);
        Browser.screenshot(page, "unsaved-changes");
        ask.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Keep editing")).click();
        assertThat(ask).isHidden();
        assertThat(page).hasURL(details);
        assertThat(label(page, "Model for model 1")).hasValue("gpt-4o");

        // Back asks too, and keeping the edits puts the address back.
        page.goBack();
        assertThat(ask).isVisible();
        page.keyboard().press("Escape");
        assertThat(ask).isHidden();
        assertThat(page).hasURL(details);
        assertThat(label(page, "Model for model 1")).hasValue("gpt-4o");

        // The Usage tab is the same page: no question, and the edits are there on the way back.
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Usage")).click();
        assertThat(page).hasURL(Pattern.compile("\\?tab=usage$"));
        assertThat(ask).isHidden();
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Overview")).click();
        assertThat(label(page, "Model for model 1")).hasValue("gpt-4o");

        // A name typed but not saved counts as an edit as well.
        button(page, "Discard changes").click();
        button(page, "Rename").click();
        label(page, "Endpoint name").fill("unsaved-details-2");
        sideNavigation(page, "API Keys").click();
        assertThat(ask).isVisible();
        ask.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Discard and leave")).click();
        assertThat(page).hasURL(Pattern.compile("#/gateway/api-keys$"));
        assertThat(heading(page, "API Keys")).isVisible();
        // Back returns to the endpoint as stored (the first change simply happened).
        page.goBack();
        assertThat(page).hasURL(Pattern.compile("#/gateway/endpoints/" + id + "(\\?tab=overview)?$"));
        assertThat(heading(page, "unsaved-details")).isVisible();
        page.context().close();
    }

    @Test
    void savedChangesLeaveWithoutAsking() {
        String id = endpoint("saved-details");
        Page page = ui.open();
        page.navigate("/#/gateway/endpoints/" + id);
        chooseModel(page, label(page, "Model for model 1"), "gpt-4o");
        button(page, "Save changes").click();
        assertThat(page.getByText("Saved — changes are live")).isVisible();
        breadcrumb(page).click();
        assertThat(page).hasURL(Pattern.compile("#/gateway$"));
        assertThat(dialog(page, QUESTION)).isHidden();
        page.context().close();
    }

    @Test
    void theCreatePageAsksOnceAnythingWasEntered() {
        for (int[] size : new int[][] {{1440, 900}, {390, 844}}) {
            Page page = ui.open(size[0], size[1]);
            page.navigate("/#/gateway");
            page.navigate("/#/gateway/create");
            assertThat(heading(page, "Create endpoint")).isVisible();

            // Nothing entered: Cancel just goes.
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Cancel")).click();
            assertThat(page).hasURL(Pattern.compile("#/gateway$"));
            page.goBack();
            assertThat(heading(page, "Create endpoint")).isVisible();

            Locator name = page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Name").setExact(true));
            name.fill("half-typed");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Cancel")).click();
            Locator ask = dialog(page, QUESTION);
            assertThat(ask).isVisible();
            if (size[0] < 600) {
                Browser.screenshot(page, "unsaved-changes-phone");
            }
            ask.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Keep editing")).click();
            assertThat(page).hasURL(Pattern.compile("#/gateway/create$"));
            assertThat(name).hasValue("half-typed");

            page.goBack();
            assertThat(ask).isVisible();
            ask.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Discard and leave")).click();
            assertThat(page).hasURL(Pattern.compile("#/gateway$"));
            page.goForward();
            assertThat(heading(page, "Create endpoint")).isVisible();
            assertThat(page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Name").setExact(true)))
                    .hasValue("");
            page.context().close();
        }
    }

    @Test
    void signingOutWithUnsavedEditsAsksFirst() {
        for (int[] size : new int[][] {{1440, 900}, {390, 844}}) {
            String id = endpoint("unsaved-sign-out-" + size[0]);
            Page page = ui.open(size[0], size[1]);
            page.navigate("/#/gateway/endpoints/" + id);
            chooseModel(page, label(page, "Model for model 1"), "gpt-4o");
            Locator signOut = button(page, "Sign out");

            // Keeping the edits stays signed in, on the page, with the edits.
            signOut.click();
            Locator ask = dialog(page, QUESTION);
            assertThat(ask).isVisible();
            ask.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Keep editing")).click();
            assertThat(ask).isHidden();
            assertThat(label(page, "Model for model 1")).hasValue("gpt-4o");
            assertThat(page).hasURL(Pattern.compile("#/gateway/endpoints/" + id + "$"));

            // Discarding signs out and lands on the sign-in page without asking again.
            signOut.click();
            ask.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Discard and leave")).click();
            assertThat(page).hasURL(Pattern.compile("#/sign-in"));
            assertThat(ask).isHidden();
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();
            page.context().close();
        }
    }

    private static Locator breadcrumb(Page page) {
        return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Breadcrumb"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Endpoints"));
    }

    private static Locator sideNavigation(Page page, String item) {
        return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Gateway"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(item));
    }

    private static String endpoint(String name) {
        String key = ui.openAiKey(name + "-key", "sk-test-" + name, upstream);
        return ui.endpoint(name, UiFixture.primary(ui.definition(name + "-def", key, "openai", "gpt-4o-mini")));
    }
}
