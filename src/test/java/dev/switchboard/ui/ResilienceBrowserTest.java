package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.switchboard.ui.Forms.button;
import static dev.switchboard.ui.Forms.heading;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retries and cooldowns in the UI: an endpoint's Retries card says what happens when a target
 * fails and changes it (errors at their fields, saved to the gateway), and a target that keeps
 * failing is shown cooling down on the endpoint's page and flagged in the list.
 */
class ResilienceBrowserTest {

    @TempDir
    static Path dir;
    static UiFixture ui;
    static FakeUpstream failing;
    static FakeUpstream answering;

    @BeforeAll
    static void start() {
        ui = UiFixture.start(dir);
        failing = ui.upstream(Reply.json(503, OpenAiBodies.error("overloaded", "server_error", "overloaded")));
        answering = ui.upstream(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", "hello", 3, 2)));
    }

    @AfterAll
    static void stop() {
        ui.close();
    }

    @Test
    void theRetriesCardSaysWhatHappensAndChangesIt() {
        for (int[] size : new int[][] {{1440, 900}, {390, 844}}) {
            String name = "retried-" + size[0];
            String key = ui.openAiKey(name + "-key", "sk-test-" + name, answering);
            String id = ui.endpoint(name, UiFixture.primary(ui.definition(name + "-def", key, "openai", "gpt-4o-mini")));
            Page page = ui.open(size[0], size[1]);
            page.navigate("/#/gateway/endpoints/" + id);
            Locator card = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Retries"));
            assertThat(card).containsText("Each target is tried once");

            card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Change retries")).click();
            Locator retries = card.getByLabel("Retries per target");
            Locator first = card.getByLabel("First wait (ms)");
            Locator longest = card.getByLabel("Longest wait (ms)");
            retries.fill("12");
            first.fill("2000");
            longest.fill("1000");
            // Enter saves (or shows what is wrong), never discards.
            longest.press("Enter");
            assertThat(card.getByText("A whole number from 0 to 10")).isVisible();
            assertThat(card.getByText("At least the first wait (2000 ms)")).isVisible();
            assertThat(retries).hasAttribute("aria-invalid", "true");
            Browser.screenshot(page, "retries-errors-" + (size[0] < 600 ? "phone" : "desktop"));
            retries.fill("2");
            assertThat(card.getByText("A whole number from 0 to 10")).isHidden();
            first.fill("250");
            assertThat(card.getByText("At least the first wait (2000 ms)")).isHidden();
            longest.fill("5000");
            card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save retries")).click();

            assertThat(card).containsText("tried up to 2 more times before the next target, waiting 250 ms");
            assertThat(card).containsText("up to 5 s");
            assertThat(ui.getEndpoint(id).at("/retry_config").toString())
                    .isEqualTo("{\"max_retries\":2,\"initial_backoff_ms\":250,\"max_backoff_ms\":5000}");
            Geometry.assertNoSidewaysScroll(page, "the Retries card at " + size[0]);
            Axe.assertNoSeriousViolation(page, "the Retries card at " + size[0]);
            Browser.screenshot(page, "retries-" + (size[0] < 600 ? "phone" : "desktop"));
            page.context().close();
        }
    }

    @Test
    void aTargetThatKeepsFailingIsShownCoolingDownOnItsPageAndFlaggedInTheList() {
        String failingKey = ui.openAiKey("cooling-key", "sk-test-cooling", failing);
        String answeringKey = ui.openAiKey("standby-key", "sk-test-standby", answering);
        String id = ui.endpoint("cooling-chat", """
                [{"model_definition_id": "%s", "linkage_type": "PRIMARY"},
                 {"model_definition_id": "%s", "linkage_type": "FALLBACK", "fallback_order": 1}]"""
                .formatted(ui.definition("cooling-def", failingKey, "openai", "gpt-4o"),
                        ui.definition("standby-def", answeringKey, "openai", "gpt-4o-mini")));
        // Five failures in a row (the default) start the cooldown; the fallback answers each call.
        for (int i = 0; i < 5; i++) {
            assertThat(ui.invoke("cooling-chat").statusCode()).isEqualTo(200);
        }

        for (int[] size : new int[][] {{1440, 900}, {390, 844}}) {
            String suffix = size[0] < 600 ? "phone" : "desktop";
            Page page = ui.open(size[0], size[1]);
            page.navigate("/#/gateway/endpoints/" + id);
            assertThat(heading(page, "cooling-chat")).isVisible();
            Locator primary = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Primary, 100% of traffic"));
            assertThat(primary).containsText("Cooling down");
            assertThat(primary).containsText("openai/gpt-4o failed 5 times in a row: left out of plans until");
            assertThat(page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Fallback 1")))
                    .not().containsText("Cooling down");
            Axe.assertNoSeriousViolation(page, "a cooling target at " + suffix);
            Browser.screenshot(page, "target-cooling-" + suffix);

            page.navigate("/#/gateway");
            Locator row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("cooling-chat"));
            assertThat(row).containsText("Cooling down");
            button(page, "1 needs attention").click();
            assertThat(page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("cooling-chat")))
                    .isVisible();
            Browser.screenshot(page, "endpoints-cooling-" + suffix);
            page.context().close();
        }
        assertThat(failing.requestCount()).isEqualTo(5);
    }
}
