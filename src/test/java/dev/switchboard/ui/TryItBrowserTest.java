package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import dev.switchboard.ui.Screens.Size;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Try it from the endpoints list: Use, then the dialog's Try it tab, at phone and desktop sizes.
 * "answering" is served by a fake OpenAI whose answer is long enough to scroll in its box;
 * "exploding" by one that always answers 500. Each view is checked with axe and photographed.
 */
class TryItBrowserTest {

    /** Forty numbered lines: more than the answer's box shows at once. */
    private static final String LONG_ANSWER = "Hello from the fake upstream!\n" + IntStream.rangeClosed(2, 40)
            .mapToObj(n -> "Line " + n + " of the answer.").collect(Collectors.joining("\n"));

    @TempDir
    static Path dir;
    static UiFixture ui;
    static FakeUpstream exploding;

    Page page;

    @BeforeAll
    static void start() {
        ui = UiFixture.start(dir);
        FakeUpstream answering = ui.upstream(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", LONG_ANSWER, 9, 41)));
        exploding = ui.upstream(Reply.json(500, OpenAiBodies.error("upstream exploded", "server_error", "boom")));
        ui.endpoint("answering", UiFixture.primary(ui.definition("answering-def",
                ui.openAiKey("answering-key", "sk-test-answering-0001", answering), "openai", "gpt-4o-mini")));
        ui.endpoint("exploding", UiFixture.primary(ui.definition("exploding-def",
                ui.openAiKey("exploding-key", "sk-test-exploding-0001", exploding), "openai", "gpt-4o")));
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
    void tryItInTheUseDialogShowsTheAnswerAndWhoServedIt(Size size) {
        page = ui.open(size.width, size.height);
        Locator dialog = openTryIt("answering");
        // Code stays the first view; Try it is the tab beside it, reached with the arrow keys too.
        assertThat(tab(dialog, "Try it")).hasAttribute("aria-selected", "true");
        assertThat(dialog.getByLabel("Code example")).isHidden();
        assertThat(dialog.getByRole(AriaRole.TABPANEL, new Locator.GetByRoleOptions().setName("Try it")))
                .containsText("/gateway/answering/mlflow/invocations");

        assertFits(dialog, size);
        Browser.screenshot(page, "tryit-form-" + size.suffix());
        Axe.assertNoSeriousViolation(page, "Try it before sending at " + size);
        dialog.getByLabel("Message").fill("Say hello from the list");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send")).click();

        Locator answer = dialog.getByTestId("try-it-answer");
        assertThat(answer).containsText("Hello from the fake upstream!");
        Locator details = dialog.locator("dl[aria-label='Response details']");
        assertThat(details).containsText(Pattern.compile("Served by\\s*openai/gpt-4o-mini"));
        assertThat(details).containsText(Pattern.compile("Attempts\\s*1"));
        assertThat(details).containsText("9 in · 41 out");
        // The long answer scrolls in its box, which the keyboard reaches.
        assertThat((Boolean) answer.evaluate("e => e.scrollHeight > e.clientHeight")).as("the answer scrolls").isTrue();
        answer.focus();
        assertThat(answer).isFocused();
        assertFits(dialog, size);
        details.scrollIntoViewIfNeeded();
        Browser.screenshot(page, "tryit-answer-" + size.suffix());
        Axe.assertNoSeriousViolation(page, "Try it with an answer at " + size);

        // The code is still where it was left.
        tab(dialog, "Code").click();
        assertThat(dialog.getByLabel("Code example")).containsText("/gateway/answering/mlflow/invocations");
        tab(dialog, "Try it").click();
        assertThat(answer).containsText("Hello from the fake upstream!");
    }

    @ParameterizedTest(name = "at {0}")
    @EnumSource(Size.class)
    void anErrorNamesTheUrlCalledAndTheTargetThatFailed(Size size) {
        page = ui.open(size.width, size.height);
        Locator dialog = openTryIt("exploding");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send")).click();

        Locator error = dialog.getByRole(AriaRole.ALERT);
        String called = "POST " + ui.gateway().uri("/gateway/exploding/mlflow/invocations");
        assertThat(error).containsText("The call failed: the gateway answered 500");
        assertThat(error).containsText(called);
        assertThat(error).containsText(Pattern.compile("Failed target\\s*openai/gpt-4o at "));
        assertThat(error).containsText("openai/gpt-4o at " + exploding.baseUrl() + "/v1");
        assertThat(error).containsText(Pattern.compile("Attempts\\s*1"));
        assertThat(error).containsText("upstream exploded");
        // The details no longer say the failing target "served" the call.
        assertThat(dialog.locator("dl[aria-label='Response details']")).not().containsText("Served by");
        assertFits(dialog, size);
        dialog.locator("dl[aria-label='Response details']").scrollIntoViewIfNeeded();
        Browser.screenshot(page, "tryit-error-" + size.suffix());
        Axe.assertNoSeriousViolation(page, "Try it with an error at " + size);
    }

    @Test
    void aGatewayThatCannotBeReachedIsNamed() {
        page = ui.open(Size.DESKTOP.width, Size.DESKTOP.height);
        String url = ui.gateway().uri("/gateway/answering/mlflow/invocations").toString();
        page.route(url, route -> route.abort("connectionrefused"));
        Locator dialog = openTryIt("answering");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send")).click();

        Locator error = dialog.getByRole(AriaRole.ALERT);
        assertThat(error).containsText("The gateway could not be reached at " + url);
        assertThat(error).containsText("POST " + url);
    }

    @Test
    void aGatewayKeyCreatedInTheDialogCallsTheEndpoint() {
        page = ui.open(Size.DESKTOP.width, Size.DESKTOP.height);
        Locator dialog = openTryIt("answering");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create a key for this endpoint"))
                .click();
        Locator created = dialog.getByTestId("new-gateway-key");
        assertThat(created).hasText(Pattern.compile("^sb-"));
        assertThat(dialog.getByRole(AriaRole.RADIO, new Locator.GetByRoleOptions()
                .setName("A gateway key, as an application would"))).isChecked();
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send")).click();
        assertThat(dialog.getByTestId("try-it-answer")).containsText("Hello from the fake upstream!");
        // The key works for an application too.
        assertThat(ui.invokeWithKey("answering", created.textContent()).statusCode()).isEqualTo(200);
    }

    @Test
    void withAuthenticationOffTryItCallsWithoutCredentials(@TempDir Path other) {
        try (UiFixture open = UiFixture.start(other, UiFixture.Auth.OFF)) {
            FakeUpstream answering = open.upstream(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", "open answer",
                    3, 2)));
            open.endpoint("open-chat", UiFixture.primary(open.definition("open-def",
                    open.openAiKey("open-key", "sk-test-open-0001", answering), "openai", "gpt-4o-mini")));
            Page openPage = open.open(Size.PHONE.width, Size.PHONE.height);
            Locator dialog = openTryIt(openPage, "open-chat");
            assertThat(dialog).not().containsText("Call as");
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send")).click();
            assertThat(dialog.getByTestId("try-it-answer")).hasText("open answer");
        }
    }

    private Locator openTryIt(String endpoint) {
        return openTryIt(page, endpoint);
    }

    /** The endpoints list, then Use on {@code endpoint}'s row, then the dialog's Try it tab (by keyboard). */
    private static Locator openTryIt(Page on, String endpoint) {
        on.navigate("/#/gateway");
        on.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use " + endpoint).setExact(true)).click();
        Locator dialog = on.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Use " + endpoint));
        assertThat(tab(dialog, "Code")).hasAttribute("aria-selected", "true");
        tab(dialog, "Code").focus();
        on.keyboard().press("ArrowRight");
        assertThat(tab(dialog, "Try it")).isFocused();
        return dialog;
    }

    private static Locator tab(Locator dialog, String name) {
        return dialog.getByRole(AriaRole.TAB, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    /** The dialog lies within the screen's width, nothing in it sticks out sideways, and the page does not scroll sideways. */
    private void assertFits(Locator dialog, Size size) {
        BoundingBox box = dialog.boundingBox();
        assertThat(box.x).as("the dialog's left edge at %s", size).isGreaterThanOrEqualTo(0);
        assertThat(box.x + box.width).as("the dialog's right edge at %s", size).isLessThanOrEqualTo(size.width);
        Number inside = (Number) dialog.locator(".modal-body").evaluate("b => b.scrollWidth - b.clientWidth");
        assertThat(inside.intValue()).as("sideways overflow inside the dialog at %s", size).isLessThanOrEqualTo(0);
        Number overflow = (Number) page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow.intValue()).as("sideways scroll of the page at %s", size).isLessThanOrEqualTo(0);
    }
}
