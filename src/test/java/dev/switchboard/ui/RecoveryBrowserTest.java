package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.ui.Screens.Size;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gateway goes away and comes back: a page that could not reach it says so, counts down to its
 * next try, and shows its data by itself once the gateway answers again (no click), at both sizes;
 * also the start screen, when even the session could not be loaded, and a list already shown,
 * which stays while its reload waits. A refusal (404, 403) is an answer and is not tried again. Screenshots of the waiting state: {@code recovery-<page>-<size>.png}.
 *
 * <p>"Unreachable" is Playwright aborting the page's calls to /api/, as the browser sees a gateway
 * that is down; unrouting is the gateway coming back.
 */
class RecoveryBrowserTest {

    /** Long enough for the slowest backoff step (15 s, plus jitter) and a load after it. */
    private static final LocatorAssertions.IsVisibleOptions RECOVERED = new LocatorAssertions.IsVisibleOptions()
            .setTimeout(40_000);
    private static final LocatorAssertions.HasCountOptions GONE = new LocatorAssertions.HasCountOptions()
            .setTimeout(40_000);
    private static final Pattern TRYING_AGAIN = Pattern.compile("Trying again (in \\d+ s|now)…");

    @TempDir
    static Path dir;
    static UiFixture ui;
    static String endpointId;

    Page page;

    @BeforeAll
    static void start() {
        ui = UiFixture.start(dir.resolve("gw"));
        endpointId = Screens.seed(ui);
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

    /** A page that loads data, and what it shows once it has. */
    record Loaded(String name, String route, Function<Page, Locator> data) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> pagesAtEverySize() {
        List<Loaded> pages = List.of(
                new Loaded("endpoints", "/gateway", p -> p.getByRole(AriaRole.MAIN).getByText(Screens.LONG_ENDPOINT)
                        .first()),
                new Loaded("endpoint-details", "/gateway/endpoints/" + endpointId, p -> p.getByRole(AriaRole.HEADING,
                        new Page.GetByRoleOptions().setName(Screens.LONG_ENDPOINT).setExact(true))),
                new Loaded("api-keys", "/gateway/api-keys", p -> p.getByRole(AriaRole.MAIN)
                        .getByText("support-openai-production").first()),
                new Loaded("usage", "/gateway/usage", p -> p.getByRole(AriaRole.TABLE,
                        new Page.GetByRoleOptions().setName("Recent calls"))));
        return Stream.of(Size.values()).flatMap(size -> pages.stream().map(loaded -> Arguments.of(loaded, size)));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("pagesAtEverySize")
    void aPageThatCouldNotReachTheGatewayShowsItsDataOnceItIsBack(Loaded loaded, Size size) {
        page = ui.open(size.width, size.height);
        // The app has its session; then every other call finds no gateway.
        Predicate<String> gatewayCall = url -> url.contains("/api/") && !url.contains("/auth/session");
        page.route(gatewayCall, Route::abort);
        page.navigate("/#" + loaded.route());

        assertWaiting();
        assertThat(loaded.data().apply(page)).hasCount(0);
        if (loaded.name().equals("endpoints")) {
            Browser.screenshot(page, "recovery-endpoints-" + size.suffix());
        }
        Axe.assertNoSeriousViolation(page, loaded + " waiting at " + size);

        page.unroute(gatewayCall);
        assertThat(loaded.data().apply(page)).isVisible(RECOVERED);
        assertThat(page.getByText("could not be reached")).hasCount(0, GONE);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Retry now"))).hasCount(0, GONE);
    }

    @ParameterizedTest(name = "at {0}")
    @EnumSource(Size.class)
    void theStartScreenLoadsTheAppOnceTheGatewayIsBack(Size size) {
        page = ui.open(size.width, size.height);
        page.route("**/api/**", Route::abort);
        page.navigate("/#/gateway");

        assertWaiting();
        assertThat(page.getByRole(AriaRole.NAVIGATION)).hasCount(0);
        Browser.screenshot(page, "recovery-start-" + size.suffix());
        Axe.assertNoSeriousViolation(page, "the start screen waiting at " + size);

        page.unroute("**/api/**");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Endpoints").setExact(true)))
                .isVisible(RECOVERED);
        assertThat(page.getByRole(AriaRole.MAIN).getByText(Screens.LONG_ENDPOINT).first()).isVisible(RECOVERED);
    }

    /** A reload (after creating a user) that finds no gateway leaves the list there, and says it is old. */
    @Test
    void aListAlreadyShownStaysWhileItsReloadWaitsForTheGateway() {
        page = ui.open(Size.DESKTOP.width, Size.DESKTOP.height);
        page.navigate("/#/gateway/users");
        Locator maria = page.getByRole(AriaRole.MAIN).getByText("maria.rodriguez").first();
        assertThat(maria).isVisible();

        page.route("**/users/list", Route::abort);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create user")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Create user"));
        dialog.getByLabel("Username").fill("back-after-restart");
        dialog.getByLabel("Password").fill("a-long-enough-password");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create user")).click();

        assertWaiting();
        assertThat(page.getByText("Showing what was loaded before.")).isVisible();
        assertThat(maria).isVisible();

        page.unroute("**/users/list");
        assertThat(page.getByRole(AriaRole.MAIN).getByText("back-after-restart").first()).isVisible(RECOVERED);
        assertThat(page.getByText("could not be reached")).hasCount(0, GONE);
    }

    @Test
    void retryNowTriesAtOnce() {
        page = ui.open(Size.DESKTOP.width, Size.DESKTOP.height);
        page.route("**/endpoints/list", Route::abort);
        page.navigate("/#/gateway");
        assertWaiting();

        page.unroute("**/endpoints/list");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Retry now")).click();
        assertThat(page.getByRole(AriaRole.MAIN).getByText(Screens.LONG_ENDPOINT).first()).isVisible();
    }

    /**
     * With the page's clock stopped, no countdown can end: each new try can only come from the
     * window regaining focus or the browser going online.
     */
    @Test
    void regainingFocusOrGoingOnlineTriesAgainAtOnce() {
        page = ui.open(Size.DESKTOP.width, Size.DESKTOP.height);
        AtomicInteger lists = countRequests("endpoints/list");
        page.route("**/endpoints/list", Route::abort);
        stopTheClock();
        page.navigate("/#/gateway");
        assertWaiting();
        assertThat(page.getByText(Pattern.compile("Trying again in \\d+ s…"))).isVisible();
        int before = lists.get();

        page.evaluate("window.dispatchEvent(new Event('focus'))");
        page.waitForCondition(() -> lists.get() == before + 1);
        assertThat(page.getByText(Pattern.compile("Trying again in \\d+ s…"))).isVisible();

        page.evaluate("window.dispatchEvent(new Event('online'))");
        page.waitForCondition(() -> lists.get() == before + 2);
        assertThat(page.getByText(Pattern.compile("Trying again in \\d+ s…"))).isVisible();

        page.unroute("**/endpoints/list");
        page.evaluate("window.dispatchEvent(new Event('focus'))");
        assertThat(page.getByRole(AriaRole.MAIN).getByText(Screens.LONG_ENDPOINT).first()).isVisible();
    }

    @ParameterizedTest(name = "at {0}")
    @EnumSource(Size.class)
    void aMissingEndpointIsNotAskedForAgain(Size size) {
        page = ui.open(size.width, size.height);
        AtomicInteger gets = countRequests("endpoints/get");
        stopTheClock();
        page.navigate("/#/gateway/endpoints/no-such-endpoint");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Endpoint not found")))
                .isVisible();

        assertNothingIsTriedAgain();
        assertThat(gets.get()).isEqualTo(1);
    }

    @Test
    void aRefusalIsShownWithRetryAndNotTriedAgain() {
        page = ui.open(Size.DESKTOP.width, Size.DESKTOP.height);
        AtomicInteger lists = countRequests("endpoints/list");
        page.route("**/endpoints/list", route -> route.fulfill(new Route.FulfillOptions().setStatus(403)
                .setContentType("application/json")
                .setBody("{\"error_code\": \"PERMISSION_DENIED\", \"message\": \"Not allowed to list endpoints.\"}")));
        stopTheClock();
        page.navigate("/#/gateway");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Not allowed to list endpoints.");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Retry").setExact(true)))
                .isVisible();
        assertThat(page.getByText(TRYING_AGAIN)).hasCount(0);

        assertNothingIsTriedAgain();
        assertThat(lists.get()).isEqualTo(1);
    }

    /** From now on the page's timers fire only when the test moves its clock. */
    private void stopTheClock() {
        page.clock().install();
        page.clock().pauseAt(System.currentTimeMillis() + 1_000);
    }

    /** The "could not be reached" notice, its countdown and its "Retry now" button are on screen. */
    private void assertWaiting() {
        assertThat(page.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions()
                .setHasText("The gateway could not be reached.")).first()).isVisible();
        assertThat(page.getByText(TRYING_AGAIN).first()).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Retry now")).first())
                .isVisible();
    }

    /**
     * Gives every way of trying again its chance (an hour of the page's clock, focus, online), then
     * goes to a page that asks for neither (Users) and waits for its data: a try would have come first.
     */
    private void assertNothingIsTriedAgain() {
        page.clock().runFor(3_600_000);
        page.clock().resume();
        page.evaluate("window.dispatchEvent(new Event('focus')); window.dispatchEvent(new Event('online'))");
        page.navigate("/#/gateway/users");
        assertThat(page.getByRole(AriaRole.MAIN).getByText("maria.rodriguez").first()).isVisible();
    }

    private AtomicInteger countRequests(String path) {
        AtomicInteger count = new AtomicInteger();
        page.onRequest(request -> {
            if (request.url().contains(path)) {
                count.incrementAndGet();
            }
        });
        return count;
    }
}
