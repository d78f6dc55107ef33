package dev.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Every page of the UI, for the tests that walk them all (at every size, through axe): a gateway
 * seeded so that no page is empty (endpoints with long names, keys, users, gateway keys, a budget and
 * recorded calls), and for each page its route, its heading and its main action.
 */
final class Screens {

    /** The window sizes the UI is checked at: a phone and a laptop. */
    enum Size {
        PHONE(390, 844), DESKTOP(1440, 900);

        final int width;
        final int height;

        Size(int width, int height) {
            this.width = width;
            this.height = height;
        }

        String suffix() {
            return name().toLowerCase();
        }
    }

    /** One page: where it lives, its heading, the action it exists for, and whether it is seen signed out. */
    record Screen(String name, String route, String heading, Function<Page, Locator> mainAction, boolean signedOut) {

        @Override
        public String toString() {
            return name;
        }
    }

    static final String LONG_ENDPOINT = "customer-support-assistant-production-eu-west-1";
    static final int CALLS = 3;

    private Screens() {
    }

    /** Seeds the fixture's gateway; the id of the endpoint whose page is shown. */
    static String seed(UiFixture ui) {
        FakeUpstream upstream = ui.upstream(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", "Hello there", 11, 6)));
        String key = ui.openAiKey("support-openai-production", "sk-screens-secret-0001", upstream);
        String endpointId = ui.endpoint(LONG_ENDPOINT,
                UiFixture.primary(ui.definition("screens-mini", key, "openai", "gpt-4o-mini")));
        ui.endpoint("internal-docs-search",
                UiFixture.primary(ui.definition("screens-4o", key, "openai", "gpt-4o")));
        ui.secret("anthropic-research-team", "anthropic", "sk-ant-screens-0002", "{}");
        ui.user("maria.rodriguez", "a-long-enough-password", false);
        ui.user("operations-admin", "a-long-enough-password", true);
        ui.gatewayKey("support-widget-production", endpointId);
        assertThat(ui.api("POST", "budgets/create", """
                {"budget_amount": 50, "duration": {"unit": "DAYS", "value": 1}, "target_scope": "ENDPOINT",
                 "target_value": "%s", "budget_action": "REJECT"}""".formatted(endpointId)).status()).isEqualTo(200);
        for (int i = 0; i < CALLS; i++) {
            assertThat(ui.invoke(LONG_ENDPOINT).statusCode()).isEqualTo(200);
        }
        awaitRecorded(ui);
        return endpointId;
    }

    /** Calls are recorded off the request path: waits (Playwright's polling) until usage/calls lists them. */
    private static void awaitRecorded(UiFixture ui) {
        Page page = ui.browser().open(ui.gateway());
        try {
            page.waitForCondition(() -> {
                TestGateway.Response response = ui.api("GET", "usage/calls?limit=50");
                return response.status() == 200 && response.json().path("calls").size() >= CALLS;
            }, new Page.WaitForConditionOptions().setTimeout(15_000));
        } finally {
            page.context().close();
        }
    }

    /** Every page, the sign-in page last. */
    /** Every page at every size, as a parameterized test's arguments (screen, size). */
    static Stream<Arguments> atEverySize(String endpointId) {
        return Stream.of(Size.values()).flatMap(size -> all(endpointId).stream()
                .map(screen -> Arguments.of(screen, size)));
    }

    static List<Screen> all(String endpointId) {
        return List.of(
                new Screen("endpoints", "/gateway", "Endpoints", link("Create endpoint"), false),
                new Screen("create-endpoint", "/gateway/create", "Create endpoint", button("Create endpoint"), false),
                new Screen("endpoint-details", "/gateway/endpoints/" + endpointId, LONG_ENDPOINT, button("Rename"),
                        false),
                new Screen("api-keys", "/gateway/api-keys", "API Keys", button("Create API key"), false),
                new Screen("usage", "/gateway/usage", "Usage", link("Download CSV"), false),
                new Screen("budgets", "/gateway/budgets", "Budgets", button("Create budget"), false),
                new Screen("gateway-keys", "/gateway/gateway-keys", "Gateway keys", button("Create gateway key"),
                        false),
                new Screen("users", "/gateway/users", "Users", button("Create user"), false),
                new Screen("sign-in", "/sign-in", "Sign in to AI Gateway", button("Sign in"), true));
    }

    /** A page of this size on the screen's route, signed in as the admin unless the screen is seen signed out. */
    static Page open(UiFixture ui, Screen screen, Size size) {
        Page page = screen.signedOut() ? ui.browser().open(ui.gateway(), size.width, size.height)
                : ui.open(size.width, size.height);
        page.navigate("/#" + screen.route());
        return page;
    }

    /** The screen's heading (exact name). */
    static Locator heading(Page page, Screen screen) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(screen.heading()).setExact(true));
    }

    private static Function<Page, Locator> button(String name) {
        return page -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Function<Page, Locator> link(String name) {
        return page -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
